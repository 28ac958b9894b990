// tcpdump 4.9.3 (libpcap 1.9.1) over the kernel's packet taps: live capture
// on an interface or `any`, the pcap filter language, -w/-r pcap files.
import type { Command, CommandContext } from '../../command.js';
import { FileSystem } from '../../fs.js';
import type { NetNamespace } from '../../../sim/net/namespace.js';
import type { World } from '../../../sim/world.js';
import type { TapEvent } from '../../../sim/trace/taps.js';
import type { EthernetFrame } from '../../../sim/wire/packet.js';
import { encodeFrame } from '../../../sim/wire/encode.js';
import { decodeFrame } from '../../../sim/wire/decode.js';
import { PcapWriter, readPcap, LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL } from '../../../sim/trace/pcap.js';
import { compileFilter, FilterSyntaxError, type FrameFilter } from '../../../userspace/pcap/filter.js';
import { PacketFormatter, formatTimestamp } from '../../../userspace/pcap/print.js';
import { TCPDUMP_MAN, TCPDUMP_USAGE } from './help.js';

interface Options {
  iface?: string;
  count?: number;
  numeric: number;
  link: boolean;
  verbose: number;
  /** -t: no timestamps. */
  noTime: boolean;
  quiet: boolean;
  absoluteSeq: boolean;
  hex: 0 | 1 | 2;
  ascii: boolean;
  asciiOnly: boolean;
  writeFile?: string;
  readFile?: string;
  listInterfaces: boolean;
  /** -p: leave the interface out of promiscuous mode. */
  noPromisc: boolean;
  filter: string;
}

type Parsed = { ok: true; options: Options } | { ok: false; status: number; text: string };

const WITH_ARG = new Set(['i', 'c', 'w', 'r', 's', 'B', 'C', 'E', 'F', 'G', 'M', 'T', 'V', 'W', 'y', 'z', 'Z', 'j', 'Q']);
/** -l (line-buffered), -U, -K and -N change nothing visible in the simulator. */
const FLAGS = new Set(['n', 'N', 'e', 'v', 'l', 'q', 't', 'S', 'p', 'D', 'h', 'A', 'X', 'x', 'U', 'K']);

function parseArgs(args: string[]): Parsed {
  const o: Options = { numeric: 0, link: false, verbose: 0, noTime: false, quiet: false, absoluteSeq: false, hex: 0, ascii: false, asciiOnly: false, listInterfaces: false, noPromisc: false, filter: '' };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '--version') return { ok: false, status: 0, text: TCPDUMP_USAGE };
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      continue;
    }
    if (a.startsWith('--')) return { ok: false, status: 1, text: `tcpdump: unrecognized option '${a}'\n${TCPDUMP_USAGE}` };
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (WITH_ARG.has(f)) {
        const value = a.slice(j + 1) || args[++i];
        if (value === undefined) return { ok: false, status: 1, text: `tcpdump: option requires an argument -- '${f}'\n${TCPDUMP_USAGE}` };
        if (f === 'i') o.iface = value;
        else if (f === 'w') o.writeFile = value;
        else if (f === 'r') o.readFile = value;
        else if (f === 'c') {
          if (!/^\d+$/.test(value) || Number(value) <= 0) return { ok: false, status: 1, text: `tcpdump: invalid packet count ${value}\n` };
          o.count = Number(value);
        } else if (f === 's') {
          if (!/^\d+$/.test(value)) return { ok: false, status: 1, text: `tcpdump: invalid snaplen ${value}\n` };
        }
        break;
      }
      if (!FLAGS.has(f)) return { ok: false, status: 1, text: `tcpdump: invalid option -- '${f}'\n${TCPDUMP_USAGE}` };
      if (f === 'h') return { ok: false, status: 0, text: TCPDUMP_USAGE };
      if (f === 'n') o.numeric++;
      if (f === 'e') o.link = true;
      if (f === 'v') o.verbose++;
      if (f === 'D') o.listInterfaces = true;
      if (f === 'p') o.noPromisc = true;
      if (f === 't') o.noTime = true;
      if (f === 'q') o.quiet = true;
      if (f === 'S') o.absoluteSeq = true;
      if (f === 'A') o.asciiOnly = true;
      if (f === 'x' || f === 'X') {
        o.hex = o.hex === 0 ? 1 : 2;
        if (f === 'X') o.ascii = true;
      }
    }
  }
  o.filter = rest.join(' ');
  return { ok: true, options: o };
}

/** Binary file content kept in the text file system one byte per character. */
export function bytesToBinaryString(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

export function binaryStringToBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

function formatterFor(o: Options, cooked: boolean): PacketFormatter {
  return new PacketFormatter({ link: o.link, verbose: o.verbose, cooked, servicePorts: o.numeric === 0, quiet: o.quiet, absoluteSeq: o.absoluteSeq, dump: { hex: o.hex, ascii: o.ascii, asciiOnly: o.asciiOnly } });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const tcpdump: Command = {
  name: 'tcpdump',
  summary: 'dump traffic on a network',
  usage: TCPDUMP_USAGE.trim(),
  man: TCPDUMP_MAN,
  completions: () => ['-n', '-nn', '-i', '-e', '-v', '-c', '-w', '-r', '-l', '-D', 'host', 'net', 'port', 'src', 'dst', 'icmp', 'tcp', 'udp', 'arp', 'and', 'or', 'not'],
  async run(ctx) {
    const parsed = parseArgs(ctx.argv.slice(1));
    if (!parsed.ok) {
      ctx.stderr.write(parsed.text);
      return parsed.status;
    }
    const o = parsed.options;
    let filter: FrameFilter;
    try {
      filter = compileFilter(o.filter);
    } catch (err) {
      if (!(err instanceof FilterSyntaxError)) throw err;
      ctx.stderr.write(err.message === 'syntax error' ? 'tcpdump: syntax error in filter expression: syntax error\n' : `tcpdump: ${err.message}\n`);
      return 1;
    }
    if (o.readFile !== undefined) return readFile(ctx, o, filter);
    const { netns: ns, world } = ctx.host;
    if (o.listInterfaces) {
      ctx.stdout.write(listInterfaces(ns));
      return 0;
    }
    return capture(ctx, ns, world, o, filter);
  },
};

function listInterfaces(ns: NetNamespace): string {
  const rows: string[] = [];
  const devices = ns.devices();
  const describe = (running: boolean, loop: boolean) => `[${[running ? 'Up' : '', running ? 'Running' : '', loop ? 'Loopback' : ''].filter(Boolean).join(', ')}]`;
  const nonLoop = devices.filter((d) => d.kind !== 'loopback');
  let n = 1;
  for (const d of nonLoop.filter((d) => d.running)) rows.push(`${n++}.${d.name} ${describe(true, false)}`);
  rows.push(`${n++}.any (Pseudo-device that captures on all interfaces) [Up, Running]`);
  for (const d of devices.filter((d) => d.kind === 'loopback')) rows.push(`${n++}.${d.name} ${describe(d.running, true)}`);
  for (const d of nonLoop.filter((d) => !d.running)) rows.push(`${n++}.${d.name} ${describe(false, false)}`);
  return rows.join('\n') + '\n';
}

/** How long after its last packet tcpdump reads the kernel's counters and closes the capture. */
const STATS_DELAY_MS = 100;

async function capture(ctx: CommandContext, ns: NetNamespace, world: World, o: Options, filter: FrameFilter): Promise<number> {
  const ifaceName = o.iface ?? ns.devices().find((d) => d.kind !== 'loopback' && d.running)?.name ?? 'lo';
  const cooked = ifaceName === 'any';
  const device = cooked ? undefined : ns.device(ifaceName);
  if (!cooked && !device) {
    ctx.stderr.write(`tcpdump: ${ifaceName}: No such device exists\n(SIOCGIFHWADDR: No such device)\n`);
    return 1;
  }
  if (device && !device.adminUp) {
    ctx.stderr.write(`tcpdump: ${ifaceName}: That device is not up\n`);
    return 1;
  }
  const linkType = cooked ? 'LINUX_SLL (Linux cooked)' : 'EN10MB (Ethernet)';
  ctx.stderr.write(
    (o.verbose === 0 && o.writeFile === undefined ? 'tcpdump: verbose output suppressed, use -v or -vv for full protocol decode\n' : 'tcpdump: ') +
      `listening on ${ifaceName}, link-type ${linkType}, capture size 262144 bytes\n`,
  );
  const formatter = formatterFor(o, cooked);
  const writer = o.writeFile !== undefined ? new PcapWriter(undefined, cooked ? LINKTYPE_LINUX_SLL : LINKTYPE_ETHERNET) : undefined;
  let captured = 0;
  let matched = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let stopping: ReturnType<typeof world.clock.setTimer> | undefined;
  const onFrame = (ev: TapEvent) => {
    // Packet sockets skip a loopback device's outgoing copy: each packet shows once on lo.
    if (ev.device.kind === 'loopback' && ev.direction === 'out') return;
    if (!filter(ev.frame)) return;
    // The kernel queues what the filter passes until tcpdump closes its socket: packets right after the
    // last one printed (a reply, the rest of a connection) count as received by the filter, not captured.
    matched++;
    if (o.count !== undefined && captured >= o.count) return;
    captured++;
    const wallMs = world.clock.epochMs + ev.time;
    if (writer) writer.add(wallMs, cooked ? cookedBytes(ev) : encodeFrame(ev.frame));
    else ctx.stdout.write(`${o.noTime ? '' : formatTimestamp(wallMs) + ' '}${formatter.format(ev.frame, ev.direction)}\n`);
    if (o.count !== undefined && captured >= o.count) stopping = world.clock.setTimer(STATS_DELAY_MS, finish);
  };
  let gone = false;
  const tap = world.taps.watch(
    ns,
    ifaceName,
    onFrame,
    () => {
      gone = true;
      finish();
    },
    { promiscuous: !o.noPromisc },
  );
  await Promise.race([finished, ctx.interrupted.promise]);
  world.clock.clearTimer(stopping);
  tap.dispose();
  if (writer && o.writeFile !== undefined) {
    const path = FileSystem.resolve(ctx.cwd, o.writeFile);
    const error = ctx.fs.writeFile(path, bytesToBinaryString(writer.bytes()));
    if (error) {
      ctx.stderr.write(`tcpdump: ${o.writeFile}: ${error === 'ENOENT' ? 'No such file or directory' : 'Permission denied'}\n`);
      return 1;
    }
  }
  if (gone) ctx.stderr.write('tcpdump: pcap_loop: The interface went down\n');
  else if (ctx.interrupted.signalled && !(o.count !== undefined && captured >= o.count)) ctx.stdout.write('\n');
  ctx.stderr.write(`${plural(captured, 'packet')} captured\n${plural(matched, 'packet')} received by filter\n0 packets dropped by kernel\n`);
  return gone ? 1 : 0;
}

/** A Linux cooked (SLL) header in front of the frame's payload, as `-i any -w` stores it. */
function cookedBytes(ev: TapEvent): Uint8Array {
  const frame = encodeFrame(ev.frame);
  const out = new Uint8Array(16 + frame.length - 14);
  const v = new DataView(out.buffer);
  const packetType = ev.direction === 'out' ? 4 : ev.frame.dst === 'ff:ff:ff:ff:ff:ff' ? 1 : 0;
  v.setUint16(0, packetType);
  v.setUint16(2, 1);
  v.setUint16(4, 6);
  out.set(frame.subarray(6, 12), 6);
  out.set(frame.subarray(12, 14), 14);
  out.set(frame.subarray(14), 16);
  return out;
}

/** SLL back to an Ethernet-shaped frame for printing. */
function uncook(data: Uint8Array): EthernetFrame {
  const eth = new Uint8Array(14 + data.length - 16);
  eth.set(data.subarray(6, 12), 6);
  eth.set(data.subarray(14, 16), 12);
  eth.set(data.subarray(16), 14);
  return decodeFrame(eth);
}

async function readFile(ctx: CommandContext, o: Options, filter: FrameFilter): Promise<number> {
  const path = FileSystem.resolve(ctx.cwd, o.readFile ?? '');
  const content = ctx.fs.readFile(path);
  if (typeof content !== 'string') {
    ctx.stderr.write(`tcpdump: ${o.readFile}: ${content.error === 'EISDIR' ? 'Is a directory' : 'No such file or directory'}\n`);
    return 1;
  }
  const pcap = readPcap(binaryStringToBytes(content));
  if (!pcap.ok) {
    ctx.stderr.write(pcap.error === 'truncated' ? `tcpdump: truncated dump file; tried to read 24 file header bytes, only got ${content.length}\n` : 'tcpdump: bad dump file format\n');
    return 1;
  }
  const cooked = pcap.linkType === LINKTYPE_LINUX_SLL;
  ctx.stderr.write(`reading from file ${o.readFile}, link-type ${cooked ? 'LINUX_SLL (Linux cooked)' : 'EN10MB (Ethernet)'}\n`);
  const formatter = formatterFor(o, cooked);
  let shown = 0;
  for (const r of pcap.records) {
    const frame = cooked ? uncook(r.data) : decodeFrame(r.data);
    if (!filter(frame)) continue;
    const direction = cooked && r.data[1] === 4 ? 'out' : 'in';
    ctx.stdout.write(`${o.noTime ? '' : formatTimestamp(r.timeMs) + ' '}${formatter.format(frame, direction)}\n`);
    if (o.count !== undefined && ++shown >= o.count) break;
  }
  return 0;
}
