// One captured frame as tcpdump 4.9 prints it with -n: timestamps, `IP a > b:`
// lines, ICMP/ARP/UDP text, TCP flags with relative sequence numbers per
// connection, options, and the HTTP first line when a port is 80.
import type { ArpPacket, EthernetFrame, Ipv4Packet, TcpOption, TcpSegment } from '../../sim/wire/packet.js';
import { ETH_P_ARP, ETH_P_IP, frameLength, ipTotalLength, ipPayloadLength } from '../../sim/wire/packet.js';
import { decodeIpv4 } from '../../sim/wire/decode.js';
import { encodeFrame, encodeIpv4 } from '../../sim/wire/encode.js';
import { ZERO_MAC } from '../../sim/wire/addr.js';

export interface FormatOptions {
  /** -e: link-level header. */
  link: boolean;
  /** -v count. */
  verbose: number;
  /** Capturing on `any`: Linux cooked headers (direction instead of MACs with -e). */
  cooked: boolean;
  /** Without -n, well-known ports print as service names (`http`); the lab has no DNS, so addresses stay numeric. */
  servicePorts?: boolean;
  /** -q: less protocol detail (TCP as `tcp LEN`). */
  quiet?: boolean;
  /** -S: absolute TCP sequence numbers. */
  absoluteSeq?: boolean;
  /** -x (1) / -xx (2): hex dump from the IP (or link) header; -X / -XX with ASCII; -A: ASCII only. */
  dump?: { hex: 0 | 1 | 2; ascii: boolean; asciiOnly: boolean };
}

/** `HH:MM:SS.uuuuuu` in UTC (the lab hosts run in UTC). */
export function formatTimestamp(unixMs: number): string {
  const micros = Math.round(unixMs * 1000);
  const day = ((micros % 86_400_000_000) + 86_400_000_000) % 86_400_000_000;
  const h = Math.floor(day / 3_600_000_000);
  const m = Math.floor((day % 3_600_000_000) / 60_000_000);
  const s = Math.floor((day % 60_000_000) / 1_000_000);
  const us = day % 1_000_000;
  return `${pad(h)}:${pad(m)}:${pad(s)}.${String(us).padStart(6, '0')}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const HTTP_PORTS = new Set([80, 8080, 3128]);
const PROTOCOL_NAMES: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp' };
const ICMP_ERROR_TYPES = new Set([3, 4, 5, 11, 12]);
/** /etc/services names tcpdump prints without -n. */
const TCP_SERVICES: Record<number, string> = { 21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 80: 'http', 443: 'https', 3128: 'squid', 8080: 'http-alt' };
const UDP_SERVICES: Record<number, string> = { 53: 'domain', 67: 'bootps', 68: 'bootpc', 123: 'ntp', 161: 'snmp' };
const HTTP_FIRST_LINE = /^(?:(?:GET|HEAD|POST|PUT|DELETE|OPTIONS|TRACE|CONNECT|PATCH) \S+ HTTP\/\d\.\d|HTTP\/\d\.\d \d{3}\b.*)$/;

interface SeqState {
  /** Initial sequence numbers of the canonical (lower address first) and reverse directions. */
  seq: number;
  ack: number;
}

export class PacketFormatter {
  /** Per-connection base numbers for relative sequence numbers, as tcpdump keeps them. */
  private readonly tcpState = new Map<string, SeqState>();

  constructor(private readonly options: FormatOptions) {}

  /** The text after the timestamp for one frame (may span lines with -v, -x, -X, -A). */
  format(frame: EthernetFrame, direction: 'in' | 'out' = 'in'): string {
    return this.formatHeaders(frame, direction) + this.formatDump(frame);
  }

  private formatDump(frame: EthernetFrame): string {
    const d = this.options.dump;
    if (!d || (!d.hex && !d.asciiOnly)) return '';
    const all = encodeFrame(frame);
    const bytes = d.hex === 2 || frame.payload.kind === 'raw' ? all : all.subarray(14);
    if (d.asciiOnly) return '\n' + asciiDump(bytes);
    return hexDump(bytes, d.ascii);
  }

  private formatHeaders(frame: EthernetFrame, direction: 'in' | 'out'): string {
    const body = this.formatPayload(frame);
    if (!this.options.link) return body;
    const len = frameLength(frame);
    const type = frame.etherType === ETH_P_IP ? 'IPv4 (0x0800)' : frame.etherType === ETH_P_ARP ? 'ARP (0x0806)' : `Unknown (0x${frame.etherType.toString(16).padStart(4, '0')})`;
    const stripped = body.replace(/^(IP|ARP), /, '').replace(/^IP /, '');
    if (this.options.cooked) {
      const dir = direction === 'out' ? 'Out' : frame.dst === 'ff:ff:ff:ff:ff:ff' ? ' B' : frame.dst.startsWith('01:') ? ' M' : ' In';
      return `${dir} ${frame.src} ethertype ${type}, length ${len + 2}: ${stripped}`;
    }
    return `${frame.src} > ${frame.dst}, ethertype ${type}, length ${len}: ${stripped}`;
  }

  private formatPayload(frame: EthernetFrame): string {
    const pl = frame.payload;
    if (pl.kind === 'arp') return formatArp(pl, this.options.verbose);
    if (pl.kind === 'ipv4') return this.formatIp(pl);
    return `ethertype Unknown (0x${frame.etherType.toString(16).padStart(4, '0')}), length ${frameLength(frame)}`;
  }

  private formatIp(packet: Ipv4Packet): string {
    let p = packet;
    let head = 'IP ';
    if (this.options.verbose > 0) {
      const proto = p.protocol === 1 ? 'ICMP (1)' : p.protocol === 6 ? 'TCP (6)' : p.protocol === 17 ? 'UDP (17)' : `unknown (${p.protocol})`;
      const flags = p.dontFragment ? 'DF' : p.fragment?.more ? '+' : 'none';
      head = `IP (tos 0x${p.tos.toString(16)}, ttl ${p.ttl}, id ${p.id}, offset ${p.fragment?.offset ?? 0}, flags [${flags}], proto ${proto}, length ${ipTotalLength(p)})\n    `;
    }
    if (p.fragment) {
      // A later fragment has no transport header: tcpdump names the protocol (from /etc/protocols).
      if (p.fragment.offset > 0) return `${head}${p.src} > ${p.dst}: ${PROTOCOL_NAMES[p.protocol] ?? `ip-proto-${p.protocol}`}`;
      p = decodeIpv4(encodeIpv4(p)) ?? p;
    }
    const t = p.payload;
    if (t.kind === 'tcp') return `${head}${p.src}.${this.port(t.srcPort, TCP_SERVICES)} > ${p.dst}.${this.port(t.dstPort, TCP_SERVICES)}: ${this.formatTcp(p, t)}`;
    if (t.kind === 'udp') {
      const sum = this.options.verbose > 1 ? '[udp sum ok] ' : '';
      return `${head}${p.src}.${this.port(t.srcPort, UDP_SERVICES)} > ${p.dst}.${this.port(t.dstPort, UDP_SERVICES)}: ${sum}UDP, length ${t.payload.length}`;
    }
    if (t.kind === 'icmp') {
      const line = `${head}${p.src} > ${p.dst}: ${formatIcmp(p)}`;
      // With -v an ICMP error also shows the packet it quotes.
      const quoted = this.options.verbose > 0 && ICMP_ERROR_TYPES.has(t.type) ? decodeIpv4(t.data) : undefined;
      return quoted ? `${line}\n\t${this.formatIp(quoted)}` : line;
    }
    return `${head}${p.src} > ${p.dst}: ip-proto-${p.protocol} ${ipPayloadLength(p)}`;
  }

  private port(port: number, services: Record<number, string>): string {
    return (this.options.servicePorts && services[port]) || String(port);
  }

  private formatTcp(p: Ipv4Packet, t: TcpSegment): string {
    const f = t.flags;
    const flags = (f.fin ? 'F' : '') + (f.syn ? 'S' : '') + (f.rst ? 'R' : '') + (f.psh ? 'P' : '') + (f.ack ? '.' : '') + (f.urg ? 'U' : '') + (f.ece ? 'E' : '') + (f.cwr ? 'W' : '');
    let seq = t.seq;
    let ack = t.ack;
    // tcpdump's relative numbers: only segments with ACK take part; the first one of a
    // connection (or a SYN-ACK) sets the bases and prints absolute numbers, later ones relative.
    const forward = p.src < p.dst || (p.src === p.dst && t.srcPort <= t.dstPort);
    const key = forward ? `${p.src}.${t.srcPort}-${p.dst}.${t.dstPort}` : `${p.dst}.${t.dstPort}-${p.src}.${t.srcPort}`;
    const st = this.tcpState.get(key);
    /** SACK edges are in the acknowledged direction's numbers: relative to the same base as `ack` (0 = absolute). */
    let sackBase = 0;
    if (this.options.absoluteSeq || !f.ack) {
      // -S, or no ACK (a first SYN, a bare RST): numbers as they are on the wire.
    } else if (!st || f.syn) {
      const base = forward ? { seq: t.seq, ack: (t.ack - 1) >>> 0 } : { seq: (t.ack - 1) >>> 0, ack: t.seq };
      this.tcpState.set(key, base);
      if (this.tcpState.size > 10_000) this.tcpState.delete(this.tcpState.keys().next().value as string);
      sackBase = (t.ack - 1) >>> 0;
    } else if (forward) {
      seq = (t.seq - st.seq) >>> 0;
      ack = (t.ack - st.ack) >>> 0;
      sackBase = st.ack;
    } else {
      seq = (t.seq - st.ack) >>> 0;
      ack = (t.ack - st.seq) >>> 0;
      sackBase = st.seq;
    }
    const len = t.payload.length;
    if (this.options.quiet) return `tcp ${len}`;
    let out = `Flags [${flags}]`;
    if (this.options.verbose > 0) {
      // The simulator always fills in the right checksum.
      const bytes = encodeIpv4(p);
      const sum = (bytes[36] << 8) | bytes[37];
      out += `, cksum 0x${sum.toString(16).padStart(4, '0')} (correct)`;
    }
    if (len > 0 || f.syn || f.fin || f.rst) {
      out += `, seq ${seq}`;
      if (len > 0) out += `:${(seq + len) >>> 0}`;
    }
    if (f.ack) out += `, ack ${ack}`;
    out += `, win ${t.window}`;
    if (f.urg) out += `, urg ${t.urgent}`;
    if (t.options.length) out += `, options [${t.options.map((o) => formatTcpOption(o, sackBase)).join(',')}]`;
    out += `, length ${len}`;
    if (len > 0 && (HTTP_PORTS.has(t.srcPort) || HTTP_PORTS.has(t.dstPort))) out += this.formatHttp(t.payload);
    return out;
  }

  private formatHttp(payload: Uint8Array): string {
    const text = latin1(payload.subarray(0, Math.min(payload.length, 4096)));
    const first = text.split('\r\n', 1)[0];
    if (!HTTP_FIRST_LINE.test(first)) return ': HTTP';
    if (this.options.verbose === 0) return `: HTTP: ${first}`;
    const headerEnd = text.indexOf('\r\n\r\n');
    const lines = (headerEnd >= 0 ? text.slice(0, headerEnd + 2) : text).split('\r\n');
    return `: HTTP, length: ${payload.length}\n\t${lines.join('\n\t')}`;
  }
}

/** tcpdump's -x / -X layout: 16 bytes a line as 8 groups of 4 hex digits, then (-X) the printable characters. */
export function hexDump(bytes: Uint8Array, ascii: boolean): string {
  let out = '';
  for (let off = 0; off < bytes.length; off += 16) {
    const line = bytes.subarray(off, off + 16);
    let hex = '';
    let text = '';
    for (let i = 0; i < line.length; i += 2) {
      hex += i + 1 < line.length ? ` ${hx(line[i])}${hx(line[i + 1])}` : ` ${hx(line[i])}`;
    }
    for (const c of line) text += c > 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
    out += `\n\t0x${off.toString(16).padStart(4, '0')}: ` + (ascii ? `${hex.padEnd(40)}  ${text}` : hex);
  }
  return out;
}

/** tcpdump's -A: printable characters, newlines kept, CR before LF dropped, the rest as dots. */
export function asciiDump(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x0d) {
      if (i + 1 >= bytes.length || bytes[i + 1] !== 0x0a) out += '.';
    } else if ((c > 0x20 && c < 0x7f) || c === 0x09 || c === 0x20 || c === 0x0a) out += String.fromCharCode(c);
    else out += '.';
  }
  return out;
}

function hx(b: number): string {
  return b.toString(16).padStart(2, '0');
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}

function formatTcpOption(o: TcpOption, sackBase: number): string {
  switch (o.kind) {
    case 'mss':
      return `mss ${o.value}`;
    case 'sackOK':
      return 'sackOK';
    case 'timestamp':
      return `TS val ${o.value} ecr ${o.echo}`;
    case 'nop':
      return 'nop';
    case 'wscale':
      return `wscale ${o.shift}`;
    case 'eol':
      return 'eol';
    case 'sack':
      return `sack ${o.blocks.length} ${o.blocks.map(([a, b]) => `{${(a - sackBase) >>> 0}:${(b - sackBase) >>> 0}}`).join('')}`;
  }
}

function formatArp(a: ArpPacket, verbose: number): string {
  const head = verbose > 0 ? 'ARP, Ethernet (len 6), IPv4 (len 4), ' : 'ARP, ';
  if (a.op === 1) {
    const target = a.targetMac !== ZERO_MAC ? ` (${a.targetMac})` : '';
    return `${head}Request who-has ${a.targetIp}${target} tell ${a.senderIp}, length 28`;
  }
  return `${head}Reply ${a.senderIp} is-at ${a.senderMac}, length 28`;
}

function formatIcmp(p: Ipv4Packet): string {
  const m = p.payload;
  if (m.kind !== 'icmp') return '';
  const length = ipPayloadLength(p);
  switch (m.type) {
    case 0:
      return `ICMP echo reply, id ${m.id}, seq ${m.seq}, length ${length}`;
    case 8:
      return `ICMP echo request, id ${m.id}, seq ${m.seq}, length ${length}`;
    case 11:
      return `ICMP time exceeded in-transit, length ${length}`;
    case 3: {
      const orig = decodeIpv4(m.data);
      const dst = orig?.dst ?? '0.0.0.0';
      switch (m.code) {
        case 0:
          return `ICMP net ${dst} unreachable, length ${length}`;
        case 1:
          return `ICMP host ${dst} unreachable, length ${length}`;
        case 2:
          return `ICMP ${dst} protocol ${orig?.protocol ?? 0} unreachable, length ${length}`;
        case 3: {
          const t = orig?.payload;
          const proto = t?.kind === 'udp' ? 'udp' : 'tcp';
          const port = t && (t.kind === 'udp' || t.kind === 'tcp') ? t.dstPort : 0;
          return `ICMP ${dst} ${proto} port ${port} unreachable, length ${length}`;
        }
        case 13:
          return `ICMP host ${dst} unreachable - admin prohibited filter, length ${length}`;
        default:
          return `ICMP ${dst} unreachable - #${m.code}, length ${length}`;
      }
    }
    default:
      return `ICMP type-#${m.type}, length ${length}`;
  }
}
