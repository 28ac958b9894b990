// `ip addr`: show (with the link header), add, del, flush.
import type { IfAddress, Inet6Address, NetDevice } from '../../../sim/link/device.js';
import { parseCidr } from '../../../sim/wire/addr.js';
import { IpError, type IpContext, runVerb, SHOW_VERBS, deviceOrThrow, linkName, matches, takeValue, writeJson, requireNetAdmin } from './common.js';
import { linkHeader, linkJson, linkLayerLine, operState, peerNamespaceText, selectDevices, statsLines } from './link.js';

export const ADDR_USAGE = `Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]
                                                      [ CONFFLAG-LIST ]
       ip address del IFADDR dev IFNAME [mngtmpaddr]
       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]
                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]
       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]
                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]
                         [ label LABEL ] [up] [ vrf NAME ] ]
IFADDR := PREFIX | ADDR peer PREFIX
          [ broadcast ADDR ] [ anycast ADDR ]
          [ label IFNAME ] [ scope SCOPE-ID ] [ metric METRIC ]
SCOPE-ID := [ host | link | global | NUMBER ]
`;

const FOREVER = 4294967295;

/** Seconds left of a DHCP lease; the client renews at half time, so it never runs out. */
function lifetimeLeft(a: IfAddress, nowMs: number): number | undefined {
  if (!a.dynamic) return undefined;
  const half = a.dynamic.validLftSec / 2;
  const elapsed = Math.max(0, (nowMs - a.dynamic.leasedAt) / 1000);
  return Math.floor(a.dynamic.validLftSec - (elapsed % half));
}

function addrLines(dev: NetDevice, a: IfAddress, nowMs: number): string {
  const brd = a.broadcast ? ` brd ${a.broadcast}` : '';
  const left = lifetimeLeft(a, nowMs);
  const lft = left === undefined ? 'forever' : `${left}sec`;
  return `    inet ${a.address}/${a.prefixLen}${brd} scope ${a.scope}${a.dynamic ? ' dynamic' : ''} ${dev.name}\n       valid_lft ${lft} preferred_lft ${lft}`;
}

function addrJson(dev: NetDevice, a: IfAddress, nowMs: number): Record<string, unknown> {
  const left = lifetimeLeft(a, nowMs) ?? FOREVER;
  const o: Record<string, unknown> = { family: 'inet', local: a.address, prefixlen: a.prefixLen };
  if (a.broadcast) o.broadcast = a.broadcast;
  o.scope = a.scope;
  if (a.dynamic) o.dynamic = true;
  o.label = dev.name;
  o.valid_life_time = left;
  o.preferred_life_time = left;
  return o;
}

function inet6Lines(a: Inet6Address): string {
  return `    inet6 ${a.address}/${a.prefixLen} scope ${a.scope} \n       valid_lft forever preferred_lft forever`;
}

function inet6Json(a: Inet6Address): Record<string, unknown> {
  return { family: 'inet6', local: a.address, prefixlen: a.prefixLen, scope: a.scope, valid_life_time: FOREVER, preferred_life_time: FOREVER };
}

/**
 * The header iproute2 prints over an IPv6-only listing of every device: the
 * link as the address dump knows it, without qdisc, master or group.
 */
function shortLinkHeader(dev: NetDevice): string {
  const qlen = dev.qlen ? ` qlen ${dev.qlen}` : ' ';
  return `${dev.ifindex}: ${linkName(dev)}: <${dev.flags().join(',')}> mtu ${dev.mtu} state ${operState(dev)}${qlen}`;
}

export function addrShow(ip: IpContext, args: string[]): number {
  const now = ip.world.clock.now();
  const selectors = args.filter((a) => a !== 'scope' && a !== 'global' && a !== 'host' && a !== 'link');
  const devices = selectDevices(ip, selectors, (n) => `Device "${n}" does not exist.`);
  const family = ip.options.family;
  // With -4/-6, iproute2 lists only devices that have an address of that family.
  const byFamily = family === 'inet' || family === 'inet6';
  const inet = (d: NetDevice): IfAddress[] => (family === 'inet6' ? [] : d.addresses);
  const inet6 = (d: NetDevice): Inet6Address[] => (family === 'inet' ? [] : d.inet6);
  const shown = devices.filter((d) => !byFamily || inet(d).length + inet6(d).length > 0);
  if (ip.options.json) {
    const list = shown.map((d) => ({ ...linkJson(d, false), addr_info: [...inet(d).map((a) => addrJson(d, a, now)), ...inet6(d).map(inet6Json)] }));
    writeJson(ip, list);
    return 0;
  }
  let out = '';
  for (const dev of shown) {
    const addresses = inet(dev);
    if (ip.options.brief) {
      const listed = [...addresses, ...inet6(dev)].map((a) => `${a.address}/${a.prefixLen} `).join('');
      out += `${linkName(dev).padEnd(16)} ${(dev.operState() === 'UNKNOWN' ? 'UNKNOWN' : dev.operState()).padEnd(14)} ${listed}\n`;
      continue;
    }
    if (ip.options.oneline) {
      for (const line of [...addresses.map((a) => addrLines(dev, a, now)), ...inet6(dev).map(inet6Lines)]) {
        out += `${dev.ifindex}: ${dev.name}    ${line.trimStart().replace('\n', '\\')}\n`;
      }
      continue;
    }
    // With -4/-6 there is no link line, so the peer's namespace goes on the header.
    let record = (family === 'inet6' && selectors.length === 0 ? shortLinkHeader(dev) : linkHeader(dev, false) + (byFamily ? peerNamespaceText(dev) : '')) + '\n';
    if (!byFamily) record += linkLayerLine(dev, ip.options.details, false) + '\n';
    for (const a of addresses) record += addrLines(dev, a, now) + '\n';
    for (const a of inet6(dev)) record += inet6Lines(a) + '\n';
    if (ip.options.stats) record += statsLines(dev, ip.options.stats) + '\n';
    out += record;
  }
  ip.ctx.stdout.write(out);
  return 0;
}

export function addrCommand(ip: IpContext, args: string[]): number | Promise<number> {
  return runVerb(ip, args, 'address', ADDR_USAGE, [
    [SHOW_VERBS, addrShow],
    [['add', 'replace', 'change'], addrAdd],
    [['delete'], addrDel],
    [['flush'], addrFlush],
  ]);
}

interface AddrArgs {
  prefix: { address: string; prefixLen: number };
  dev: NetDevice;
  broadcast?: string;
  scope?: IfAddress['scope'];
  noPrefixRoute: boolean;
}

function parseAddrArgs(ip: IpContext, args: string[]): AddrArgs {
  let prefix: AddrArgs['prefix'] | undefined;
  let devName: string | undefined;
  let broadcast: string | undefined;
  let scope: IfAddress['scope'] | undefined;
  let noPrefixRoute = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'dev') devName = takeValue(args, i++);
    else if (matches(a, 'broadcast') || a === 'brd') broadcast = takeValue(args, i++);
    else if (a === 'scope') {
      const v = takeValue(args, i++);
      if (v !== 'global' && v !== 'link' && v !== 'host') throw new IpError(`Error: argument "${v}" is wrong: invalid scope value.`, 255);
      scope = v;
    } else if (a === 'noprefixroute') noPrefixRoute = true;
    else if (a === 'label') i++;
    else if (prefix === undefined) {
      const p = parseCidr(a === 'local' ? takeValue(args, i++) : a);
      if (!p) throw new IpError(`Error: any valid prefix is expected rather than "${a}".`, 1);
      prefix = p;
    } else throw new IpError(`Error: either "local" is duplicate, or "${a}" is a garbage.`, 255);
  }
  if (devName === undefined) throw new IpError('Not enough information: "dev" argument is required.', 255);
  const dev = deviceOrThrow(ip.ns, devName);
  if (!prefix) throw new IpError('Not enough information: "local" argument is required.', 255);
  return { prefix, dev, broadcast, scope, noPrefixRoute };
}

function addrAdd(ip: IpContext, args: string[], verb: string): number {
  const a = parseAddrArgs(ip, args);
  // `brd +` asks for the subnet's broadcast address; without `brd` there is none.
  const noBroadcast = a.broadcast === undefined;
  if (a.broadcast === '+') a.broadcast = undefined;
  requireNetAdmin(ip);
  const replacing = matches(verb, 'replace') || matches(verb, 'change');
  if (replacing) ip.ns.removeAddress(a.dev, a.prefix.address);
  const result = ip.ns.addAddress(a.dev, a.prefix.address, a.prefix.prefixLen, { broadcast: a.broadcast, noBroadcast, scope: a.scope, noPrefixRoute: a.noPrefixRoute });
  if (result === 'exists') throw new IpError('RTNETLINK answers: File exists', 2);
  return 0;
}

function addrDel(ip: IpContext, args: string[]): number {
  const a = parseAddrArgs(ip, args);
  const explicitLen = args.some((x) => x.includes('/'));
  requireNetAdmin(ip);
  if (!ip.ns.removeAddress(a.dev, a.prefix.address, explicitLen ? a.prefix.prefixLen : undefined)) throw new IpError('RTNETLINK answers: Cannot assign requested address', 2);
  return 0;
}

function addrFlush(ip: IpContext, args: string[]): number {
  if (args.length === 0) throw new IpError('Flush requires arguments.', 1);
  const devices = selectDevices(ip, args, (n) => `Device "${n}" does not exist.`);
  if (devices.some((dev) => dev.addresses.length > 0)) requireNetAdmin(ip, 'flush');
  for (const dev of devices) for (const a of [...dev.addresses]) ip.ns.removeAddress(dev, a.address, a.prefixLen);
  return 0;
}
