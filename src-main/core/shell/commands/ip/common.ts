// What every `ip` object shares: global options, the namespace it runs in,
// iproute2's prefix matching of words, its error texts and JSON output.
import type { CommandContext } from '../../command.js';
import { namespaceOf, type NetNamespace } from '../../../sim/net/namespace.js';
import type { World } from '../../../sim/world.js';
import type { NetDevice } from '../../../sim/link/device.js';

export interface IpOptions {
  brief: boolean;
  details: boolean;
  json: boolean;
  pretty: boolean;
  /** How many times -s was given: 1 adds the counters, 2 also the error counters. */
  stats: number;
  oneline: boolean;
  /** -4 / -f inet: IPv4 only (the simulator has only IPv4 anyway). */
  family?: 'inet' | 'inet6' | 'link';
}

export interface IpContext {
  ctx: CommandContext;
  ns: NetNamespace;
  world: World;
  options: IpOptions;
}

/** An error with iproute2's text and exit status. */
export class IpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Changing links, addresses, routes or neighbours needs CAP_NET_ADMIN, which
 * Docker leaves out of a container's capabilities: the kernel refuses the
 * request before looking at it. iproute2 reports a refused flush with perror.
 */
export function requireNetAdmin(ip: IpContext, request: 'change' | 'flush' = 'change'): void {
  if (ip.ctx.host.netAdmin) return;
  throw request === 'flush' ? new IpError('Failed to send flush request: Operation not permitted', 1) : new IpError('RTNETLINK answers: Operation not permitted', 2);
}

/** iproute2's `matches()`: `word` is a prefix of `full`. */
export function matches(word: string | undefined, full: string): boolean {
  return word !== undefined && word.length > 0 && full.startsWith(word);
}

export function deviceOrThrow(ns: NetNamespace, name: string | undefined, message = (n: string) => `Cannot find device "${n}"`): NetDevice {
  const dev = name === undefined ? undefined : ns.device(name);
  if (!dev) throw new IpError(message(name ?? ''), 1);
  return dev;
}

/** JSON as `ip -j` prints it (one line), or `ip -j -p` (indented by 4). */
export function writeJson(ip: IpContext, value: unknown): void {
  ip.ctx.stdout.write((ip.options.pretty ? JSON.stringify(value, null, 4) : JSON.stringify(value)) + '\n');
}

/** Link name as printed: `veth1@if5` for a veth whose peer is elsewhere, `veth1@veth2` when here. */
export function linkName(dev: NetDevice): string {
  const peer = peerOf(dev);
  if (!peer) return dev.name;
  return peer.ns === dev.ns ? `${dev.name}@${peer.name}` : `${dev.name}@if${peer.ifindex}`;
}

export function peerOf(dev: NetDevice): NetDevice | undefined {
  return dev.kind === 'veth' ? (dev as NetDevice & { peer?: NetDevice }).peer : undefined;
}

/** The peer's namespace id as this namespace sees it, when the peer lives elsewhere. */
export function linkNetnsid(dev: NetDevice): number | undefined {
  const peer = peerOf(dev);
  if (!peer || peer.ns === dev.ns) return undefined;
  return namespaceOf(dev).netnsIdOf(namespaceOf(peer));
}

/** The word after position `i` (a keyword's value). */
export function takeValue(args: string[], i: number): string {
  const v = args[i + 1];
  if (v === undefined) throw new IpError(`Command line is not complete. Try option "help"`, 255);
  return v;
}

export type VerbHandler = (ip: IpContext, args: string[], verb: string) => number | Promise<number>;

/**
 * Runs an object's sub-command: the first entry (show) when none is given, any
 * prefix of a verb's name otherwise (iproute2's matching), `help` prints the usage.
 */
export function runVerb(ip: IpContext, args: string[], object: string, usage: string, verbs: Array<[names: string[], handler: VerbHandler]>): number | Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined) return verbs[0][1](ip, rest, 'show');
  for (const [names, handler] of verbs) if (names.some((n) => matches(verb, n))) return handler(ip, rest, verb);
  if (matches(verb, 'help')) {
    ip.ctx.stderr.write(usage);
    return 255;
  }
  throw new IpError(`Command "${verb}" is unknown, try "ip ${object} help".`, 255);
}

/** The names `ip OBJECT` accepts for listing. */
export const SHOW_VERBS = ['show', 'list', 'lst'];
