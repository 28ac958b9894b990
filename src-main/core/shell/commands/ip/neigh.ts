// `ip neigh`: the ARP table with NUD states; add, del, replace, flush.
import type { NeighbourEntry, NudState } from '../../../sim/net/neighbour.js';
import { isValidIpv4 } from '../../../sim/wire/addr.js';
import { IpError, type IpContext, runVerb, SHOW_VERBS, deviceOrThrow, matches, takeValue, writeJson, requireNetAdmin } from './common.js';

export const NEIGH_USAGE = `Usage: ip neigh { add | del | change | replace }
                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR } [ dev DEV ]
                [ router ] [ extern_learn ] [ protocol PROTO ]

       ip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]
                                 [ vrf NAME ]

STATE := { delay | failed | incomplete | noarp | none |
           permanent | probe | reachable | stale }
`;

/** States whose entry has its timer armed, which holds a reference on it. */
const TIMED: ReadonlySet<string> = new Set(['INCOMPLETE', 'REACHABLE', 'DELAY', 'PROBE']);

/**
 * `-s`: the references beyond the table's own (`ref`, left out at 0), the seconds since the entry was
 * last used, confirmed and updated, and the probes sent (print_cacheinfo, NDA_PROBES).
 */
function neighStats(e: NeighbourEntry, now: number): string {
  const since = (t: number) => Math.floor((now - t) / 1000);
  return `${TIMED.has(e.state) ? 'ref 1 ' : ''}used ${since(e.usedAt)}/${since(e.confirmedAt)}/${since(e.updatedAt)} probes ${e.reportedProbes} `;
}

/** iproute2 6.1's layout (the lab images'): every field followed by a space, the state too. */
function neighLine(e: NeighbourEntry, showDev: boolean, statsAt?: number): string {
  // Without an lladdr (INCOMPLETE, FAILED) the state follows `dev X ` directly (iproute2 5.9 put two spaces there).
  const stats = statsAt === undefined ? '' : neighStats(e, statsAt);
  return `${e.ip} ${showDev ? `dev ${e.dev.name} ` : ''}${e.mac ? `lladdr ${e.mac} ` : ''}${stats}${e.state} `;
}

export function neighCommand(ip: IpContext, args: string[]): number | Promise<number> {
  return runVerb(ip, args, 'neigh', NEIGH_USAGE, [
    [SHOW_VERBS, neighShow],
    [['add', 'replace', 'change'], neighAdd],
    [['delete'], neighDel],
    [['flush'], neighFlush],
  ]);
}

function filtered(ip: IpContext, args: string[]): { entries: NeighbourEntry[]; devGiven: boolean } {
  let entries = ip.ns.neigh.list();
  let devGiven = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'dev') {
      const dev = deviceOrThrow(ip.ns, takeValue(args, i++));
      entries = entries.filter((e) => e.dev === dev);
      devGiven = true;
    } else if (a === 'nud') {
      const s = takeValue(args, i++).toUpperCase();
      if (s !== 'ALL') entries = entries.filter((e) => e.state === s);
    } else if (a === 'to' || isValidIpv4(a)) {
      const ipAddr = a === 'to' ? takeValue(args, i++) : a;
      entries = entries.filter((e) => e.ip === ipAddr);
    }
  }
  return { entries, devGiven };
}

function neighShow(ip: IpContext, args: string[]): number {
  const { entries, devGiven } = filtered(ip, args);
  if (ip.options.json) {
    writeJson(
      ip,
      entries.map((e) => ({ dst: e.ip, ...(devGiven ? {} : { dev: e.dev.name }), ...(e.mac ? { lladdr: e.mac } : {}), state: [e.state] })),
    );
    return 0;
  }
  const statsAt = ip.options.stats ? ip.ns.world.clock.now() : undefined;
  ip.ctx.stdout.write(entries.map((e) => neighLine(e, !devGiven, statsAt) + '\n').join(''));
  return 0;
}

function neighAdd(ip: IpContext, args: string[], verb: string): number {
  let addr: string | undefined;
  let mac: string | undefined;
  let devName: string | undefined;
  let state: NudState = 'PERMANENT';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'lladdr') mac = takeValue(args, i++).toLowerCase();
    else if (a === 'dev') devName = takeValue(args, i++);
    else if (a === 'nud') {
      const s = takeValue(args, i++).toUpperCase();
      if (!['PERMANENT', 'NOARP', 'REACHABLE', 'STALE'].includes(s)) throw new IpError(`nud: argument "${s.toLowerCase()}" is wrong: nud state is bad`, 255);
      state = s as NudState;
    } else if (addr === undefined) addr = a === 'to' ? takeValue(args, i++) : a;
  }
  if (devName === undefined) throw new IpError('Device and destination are required arguments.', 255);
  if (addr === undefined || !isValidIpv4(addr)) throw new IpError(`Error: inet address is expected rather than "${addr ?? ''}".`, 1);
  const dev = deviceOrThrow(ip.ns, devName);
  if (!mac || !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac)) throw new IpError(`"${mac ?? ''}" is invalid lladdr.`, 255);
  requireNetAdmin(ip);
  if (matches(verb, 'add') && ip.ns.neigh.get(dev, addr)) throw new IpError('RTNETLINK answers: File exists', 2);
  ip.ns.neigh.setPermanent(dev, addr, mac, state as 'PERMANENT' | 'NOARP' | 'REACHABLE' | 'STALE');
  return 0;
}

function neighDel(ip: IpContext, args: string[]): number {
  let addr: string | undefined;
  let devName: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'dev') devName = takeValue(args, i++);
    else if (addr === undefined && args[i] !== 'lladdr') addr = args[i];
  }
  if (devName === undefined || addr === undefined) throw new IpError('Device and destination are required arguments.', 255);
  const dev = deviceOrThrow(ip.ns, devName);
  requireNetAdmin(ip);
  if (!ip.ns.neigh.delete(dev, addr)) throw new IpError('RTNETLINK answers: No such file or directory', 2);
  return 0;
}

function neighFlush(ip: IpContext, args: string[]): number {
  if (args.length === 0) throw new IpError('Flush requires arguments.', 1);
  const flushed = filtered(ip, args).entries.filter((e) => e.state !== 'PERMANENT' && e.state !== 'NOARP');
  if (flushed.length > 0) requireNetAdmin(ip, 'flush');
  for (const e of flushed) ip.ns.neigh.delete(e.dev, e.ip);
  return 0;
}
