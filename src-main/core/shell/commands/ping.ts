// ping from iputils (s20211215): ICMP echo over the simulated stack, with
// iputils' output format, closing statistics on Ctrl-C or after -c.
import type { Command, CommandContext } from '../command.js';
import type { NetNamespace } from '../../sim/net/namespace.js';
import type { World } from '../../sim/world.js';
import type { Ipv4Packet } from '../../sim/wire/packet.js';
import { ICMP_DEST_UNREACH, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED, ipv4 } from '../../sim/wire/packet.js';
import { isValidIpv4 } from '../../sim/wire/addr.js';
import { lookupFailure, resolveHost, reverseLookup } from '../../sim/transport/resolve.js';
import type { IcmpErrorReport } from '../../sim/net/hooks.js';

const USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -4                 use IPv4
  -b                 allow pinging broadcast
  -c <count>         stop after <count> replies
  -D                 print timestamps
  -f                 flood ping
  -h                 print help and exit
  -i <interval>      seconds between sending each packet
  -n                 no dns name resolution
  -q                 quiet output
  -s <size>          use <size> as number of data bytes to be sent
  -t <ttl>           define time to live
  -v                 verbose output
  -W <timeout>       time to wait for response
  -w <deadline>      reply wait <deadline> in seconds

For more details see ping(8).
`;

const MAN = `PING(8)

NAME
    ping - send ICMP ECHO_REQUEST to network hosts

SYNOPSIS
    ping [-4bDfnqv] [-c count] [-i interval] [-s packetsize] [-t ttl] [-W timeout] [-w deadline] destination

DESCRIPTION
    ping sends an ICMP echo request to the destination once per interval and
    prints a line for every echo reply that comes back: its size, the ICMP
    sequence number, the TTL left in the reply's IP header (64 from a Linux
    host next door, one less for every router on the way) and the round-trip
    time. Errors that routers send back (destination unreachable, time to
    live exceeded) are printed as "From ADDRESS icmp_seq=N ...".

    When it stops (after -c replies, at the deadline, or on Ctrl-C) it prints
    how many requests went out, how many replies came back, the loss and the
    minimum/average/maximum/deviation of the round-trip times.

OPTIONS
    -b            Allow pinging a broadcast address (Linux hosts ignore broadcast pings by default,
                  net.ipv4.icmp_echo_ignore_broadcasts=1).
    -c count      Stop after sending count requests (and waiting for their replies).
    -i interval   Seconds between requests (default 1; below 0.002 needs root).
    -f            Flood: send as fast as replies come back (at least every 10 ms),
                  printing a dot per request and removing it per reply.
    -s size       Bytes of data after the 8-byte ICMP header (default 56, so 84-byte IP packets).
    -t ttl        IP time to live of the requests.
    -W timeout    Seconds to wait for a reply after the last request.
    -w deadline   Stop after this many seconds, whatever was sent or received.
    -q            Print only the summary.
    -D            Start every line with the time (Unix seconds) it was printed.
    -n            Numeric output only (the simulator never resolves names).
    -V            Print the iputils version and how it was built, then exit.

EXIT STATUS
    0 if at least one reply came back, 1 if none did, 2 on other errors.
`;

interface PingOptions {
  broadcast: boolean;
  /** -D: each line starts with the Unix time. */
  timestamps: boolean;
  count?: number;
  intervalMs: number;
  flood: boolean;
  quiet: boolean;
  size: number;
  ttl?: number;
  timeoutMs?: number;
  deadlineMs?: number;
  target: string;
}

type Parsed = { ok: true; options: PingOptions } | { ok: false; status: number; message: string; toStdout?: boolean };

/** What -V prints: the iputils release and the build's configuration, as Debian builds it. */
const VERSION = 'ping from iputils s20211215\nlibcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n';

function parseArgs(args: string[]): Parsed {
  const o: PingOptions = { broadcast: false, timestamps: false, intervalMs: 1000, flood: false, quiet: false, size: 56, target: '' };
  const bad = (message: string, status = 1): Parsed => ({ ok: false, status, message });
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-') || a === '-') {
      targets.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const flag = a[j];
      // -4 (IPv4 only) and -v (more detail on errors) change nothing in an IPv4-only lab.
      if ('bfnqhD4v'.includes(flag)) {
        if (flag === 'D') o.timestamps = true;
        if (flag === 'b') o.broadcast = true;
        if (flag === 'f') o.flood = true;
        if (flag === 'q') o.quiet = true;
        if (flag === 'h') return bad(USAGE.trimStart(), 2);
        continue;
      }
      if (flag === 'V') return { ok: false, status: 0, message: VERSION, toStdout: true };
      if (!'ciswtW'.includes(flag)) return bad(`ping: invalid option -- '${flag}'\n${USAGE.trimStart()}`, 2);
      const value = a.slice(j + 1) || args[++i];
      if (value === undefined) return bad(`ping: option requires an argument -- '${flag}'\n${USAGE.trimStart()}`, 2);
      const num = Number(value);
      const invalid = (what: string) => bad(`ping: invalid argument: '${value}'${what}\n`, 1);
      switch (flag) {
        case 'c':
          if (!/^\d+$/.test(value) || num < 1) return invalid(': out of range: 1 <= value <= 9223372036854775807');
          o.count = num;
          break;
        case 'i':
          if (!Number.isFinite(num) || num < 0) return bad(`ping: bad timing interval: ${value}\n`, 1);
          o.intervalMs = num * 1000;
          break;
        case 's':
          if (!/^\d+$/.test(value) || num > 65507) return invalid(': out of range: 0 <= value <= 65507');
          o.size = num;
          break;
        case 't':
          if (!/^\d+$/.test(value) || num < 1 || num > 255) return invalid(': out of range: 1 <= value <= 255');
          o.ttl = num;
          break;
        case 'W':
          if (!Number.isFinite(num) || num < 0) return bad(`ping: bad linger time: ${value}\n`, 1);
          o.timeoutMs = num * 1000;
          break;
        case 'w':
          if (!/^\d+$/.test(value)) return invalid(': out of range: 0 <= value <= 2147483647');
          o.deadlineMs = num * 1000;
          break;
      }
      break;
    }
  }
  if (targets.length === 0) return bad('ping: usage error: Destination address required\n', 1);
  o.target = targets[targets.length - 1];
  if (o.flood && !args.some((a) => /^-[^-]*i/.test(a))) o.intervalMs = 0;
  return { ok: true, options: o };
}

/** iputils' time=... formatting: 3 decimals below 1 ms, then 2, 1, 0. */
export function formatRtt(micros: number): string {
  if (micros >= 100000 - 50) return String(Math.floor((micros + 500) / 1000));
  if (micros >= 10000 - 5) return `${Math.floor((micros + 50) / 1000)}.${Math.floor(((micros + 50) % 1000) / 100)}`;
  if (micros >= 1000) return `${Math.floor((micros + 5) / 1000)}.${String(Math.floor(((micros + 5) % 1000) / 10)).padStart(2, '0')}`;
  return `0.${String(micros).padStart(3, '0')}`;
}

function ms3(micros: number): string {
  return `${Math.floor(micros / 1000)}.${String(Math.floor(micros % 1000)).padStart(3, '0')}`;
}

function errorText(r: IcmpErrorReport, carrier: Ipv4Packet): string {
  if (r.type === ICMP_TIME_EXCEEDED) return r.code === 0 ? 'Time to live exceeded' : 'Frag reassembly time exceeded';
  if (r.type === ICMP_DEST_UNREACH) {
    const texts: Record<number, string> = {
      0: 'Destination Net Unreachable',
      1: 'Destination Host Unreachable',
      2: 'Destination Protocol Unreachable',
      3: 'Destination Port Unreachable',
      4: `Frag needed and DF set (mtu = ${carrier.payload.kind === 'icmp' ? carrier.payload.seq : 0})`,
      9: 'Destination Net Prohibited',
      10: 'Destination Host Prohibited',
      13: 'Packet filtered',
    };
    return texts[r.code] ?? `Dest Unreachable, Bad Code: ${r.code}`;
  }
  return `Bad ICMP type: ${r.type}`;
}

export const ping: Command = {
  name: 'ping',
  summary: 'send ICMP ECHO_REQUEST to network hosts',
  usage: USAGE.trim(),
  man: MAN,
  completions: () => ['-c', '-i', '-f', '-s', '-t', '-W', '-w', '-q', '-n', '-h', '-V'],
  async run(ctx) {
    const parsed = parseArgs(ctx.argv.slice(1));
    if (!parsed.ok) {
      (parsed.toStdout ? ctx.stdout : ctx.stderr).write(parsed.message);
      return parsed.status;
    }
    const { netns: ns, world } = ctx.host;
    const o = parsed.options;
    const hosts = ctx.fs.readFile('/etc/hosts');
    const hostsFile = typeof hosts === 'string' ? hosts : undefined;
    const ip = resolveHost(o.target, hostsFile, ns);
    if (!ip) {
      ctx.stderr.write(`ping: ${o.target}: ${lookupFailure(ns)}\n`);
      return 2;
    }
    // A target given by name shows replies by name too (reverse lookup), as iputils does.
    const name = o.target;
    const replyFrom = isValidIpv4(name) ? (src: string) => src : (src: string) => {
      const reverse = reverseLookup(src, hostsFile, ns);
      return reverse ? `${reverse} (${src})` : src;
    };
    return runPing(ctx, ns, world, { ...o, target: ip }, name, replyFrom);
  },
};

async function runPing(ctx: CommandContext, ns: NetNamespace, world: World, o: PingOptions, name: string, replyFrom: (src: string) => string): Promise<number> {
  const clock = world.clock;
  const decision = ns.ip.route(o.target);
  const src = ns.ip.sourceFor(decision, o.target);
  if (decision.kind === 'unreachable' || !src) {
    ctx.stderr.write('ping: connect: Network is unreachable\n');
    return 2;
  }
  if (ns.isBroadcastAddress(o.target)) {
    if (!o.broadcast) {
      ctx.stderr.write('ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n');
      return 2;
    }
    ctx.stderr.write('WARNING: pinging broadcast address\n');
  }
  const process = ns.machine.spawn('ping', { netns: ns, ppid: ctx.host.pid, args: ctx.argv });
  const ident = process.pid & 0xffff;
  const out = ctx.stdout;
  out.write(`PING ${name} (${o.target}) ${o.size}(${o.size + 28}) bytes of data.\n`);

  const stamp = () => (o.timestamps ? `[${(clock.wallTimeMs() / 1000).toFixed(6)}] ` : '');
  const sentAt = new Map<number, number>();
  let transmitted = 0;
  let received = 0;
  let errors = 0;
  let duplicates = 0;
  let rttSum = 0;
  let rttSum2 = 0;
  let rttMin = Infinity;
  let rttMax = 0;
  let ewma = 0;
  /** Most requests outstanding when a reply or error came back (iputils' acknowledge()). */
  let pipesize = 0;
  const acknowledge = (seq: number) => {
    const outstanding = (transmitted - seq) & 0xffff;
    if (outstanding <= 0x7fff) pipesize = Math.max(pipesize, outstanding + 1);
  };
  const seen = new Set<number>();
  const start = clock.now();
  /** iputils' statistics time runs from the start to the last request sent (its cur_time), not to a later reply or the Ctrl-C. */
  let lastSendAt = start;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const socket = ns.ip.openIcmpSocket((packet: Ipv4Packet, error?: IcmpErrorReport) => {
    const pl = packet.payload;
    if (error) {
      const opl = error.original.payload;
      if (opl.kind !== 'icmp' || opl.type !== ICMP_ECHO_REQUEST || opl.id !== ident || error.original.dst !== o.target) return;
      errors++;
      acknowledge(opl.seq);
      if (o.flood) out.write('\bE');
      else if (!o.quiet) out.write(`${stamp()}From ${error.from} icmp_seq=${opl.seq} ${errorText(error, packet)}\n`);
      poke();
      return;
    }
    if (pl.kind !== 'icmp' || pl.type !== ICMP_ECHO_REPLY || pl.id !== ident || packet.src !== o.target) return;
    const sent = sentAt.get(pl.seq);
    if (sent === undefined) return;
    const micros = Math.max(1, Math.round((clock.now() - sent) * 1000));
    acknowledge(pl.seq);
    const dup = seen.has(pl.seq);
    if (dup) duplicates++;
    else {
      seen.add(pl.seq);
      received++;
      rttSum += micros;
      rttSum2 += micros * micros;
      rttMin = Math.min(rttMin, micros);
      rttMax = Math.max(rttMax, micros);
      ewma = ewma === 0 ? micros * 8 : ewma + micros - ewma / 8;
    }
    if (o.flood) out.write('\b \b');
    else if (!o.quiet) out.write(`${stamp()}${pl.data.length + 8} bytes from ${replyFrom(packet.src)}: icmp_seq=${pl.seq} ttl=${packet.ttl} time=${formatRtt(micros)} ms${dup ? ' (DUP!)' : ''}\n`);
    poke();
  });

  const data = new Uint8Array(o.size);
  for (let i = 8; i < data.length; i++) data[i] = i & 0xff;
  const deadlineAt = o.deadlineMs !== undefined ? start + o.deadlineMs : Infinity;
  const done = () => ctx.interrupted.signalled || clock.now() >= deadlineAt;
  /** Sleeps until `ms` passed, a reply or error arrived (when `onReply`), Ctrl-C or the deadline. */
  const waitFor = (ms: number, onReply: boolean): Promise<void> => {
    const until = Math.min(clock.now() + ms, deadlineAt);
    return new Promise<void>((resolve) => {
      const finish = () => {
        clock.clearTimer(timer);
        wake = undefined;
        resolve();
      };
      const timer = clock.setTimer(Math.max(0, until - clock.now()), finish);
      if (onReply) wake = finish;
      void ctx.interrupted.promise.then(finish);
    });
  };

  try {
    for (let seq = 1; !done() && (o.count === undefined || seq <= o.count); seq++) {
      const wire = seq & 0xffff;
      // Sequence numbers wrap at 65536: a reused number is a new request, not a duplicate.
      seen.delete(wire);
      sentAt.set(wire, clock.now());
      lastSendAt = clock.now();
      const result = ns.ip.send(
        ipv4({ src, dst: o.target, ttl: o.ttl ?? Number(ns.sysctl.get('net.ipv4.ip_default_ttl') ?? 64), id: ns.ip.allocateId(), dontFragment: true, payload: { kind: 'icmp', type: ICMP_ECHO_REQUEST, code: 0, id: ident, seq: wire, data } }),
      );
      transmitted++;
      if (result === 'EPERM') {
        if (!o.quiet) ctx.stderr.write('ping: sendmsg: Operation not permitted\n');
        errors++;
      } else if (o.flood) out.write('.');
      const last = o.count !== undefined && seq >= o.count;
      if (last) break;
      // -f or -i 0: the next request as soon as the reply is in, at the latest after 10 ms.
      if (o.intervalMs === 0) await waitFor(10, true);
      else await waitFor(o.intervalMs, false);
    }
    // After the last request: wait for outstanding replies (-W, or up to 10 s).
    const lingerMs = o.timeoutMs ?? 10_000;
    while (!done() && received + errors < transmitted && clock.now() < lastSendAt + lingerMs) {
      await waitFor(lastSendAt + lingerMs - clock.now(), true);
    }
  } finally {
    socket.close();
    ns.machine.kill(process.pid);
  }

  const elapsedMs = Math.round(lastSendAt - start);
  let summary = `\n--- ${name} ping statistics ---\n${transmitted} packets transmitted, ${received} received`;
  if (duplicates) summary += `, +${duplicates} duplicates`;
  if (errors) summary += `, +${errors} errors`;
  if (transmitted) {
    const loss = ((transmitted - received) * 100) / transmitted;
    summary += `, ${formatPercent(loss)}% packet loss, time ${elapsedMs}ms`;
  }
  summary += '\n';
  let tail = '';
  if (received) {
    const avg = rttSum / received;
    const mdev = Math.sqrt(Math.max(0, rttSum2 / received - avg * avg));
    tail = `rtt min/avg/max/mdev = ${ms3(rttMin)}/${ms3(Math.round(avg))}/${ms3(rttMax)}/${ms3(Math.round(mdev))} ms`;
  }
  if (pipesize > 1) tail += `${received ? ', ' : ''}pipe ${pipesize}`;
  // iputils prints the inter-packet gap whenever the interval is 0 (-f, or -i 0 as root).
  if (received && (o.flood || o.intervalMs === 0) && transmitted > 1) {
    const ipg = Math.round(((lastSendAt - start) * 1000) / Math.max(1, transmitted - 1));
    tail += `, ipg/ewma ${ms3(ipg)}/${ms3(Math.round(ewma / 8))} ms`;
  }
  // iputils ends the statistics with a newline even when there is no rtt line (a blank line at 100% loss).
  out.write(summary + tail + '\n');
  if (received === 0) return 1;
  return 0;
}

/** printf's %g for a percentage (iputils prints e.g. 0, 33.3333, 100). */
function formatPercent(v: number): string {
  return String(Number(v.toPrecision(6)));
}
