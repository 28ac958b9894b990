// tcpdump: one packet per line (two with -v, whose IP header comes first),
// with the interface and direction in front when capturing on `any`, the
// link-layer header with -e, names instead of numbers without -n. The
// `listening on` line and the closing counts are facts of their own.
import type { CaptureDirection, CapturedPacketFact, CaptureSummaryFact, Fact } from '../model.js';
import { canonicalAddress, canonicalMac, integer, optionValue, outputLines, portNumber } from './common.js';

const TIME = /^(\d{2}:\d{2}:\d{2}\.\d+|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+|\d{9,}\.\d+|\d{2}:\d{2}:\d{2}\.\d+)\s+/;
const ON_ANY = /^(\S+)\s+(In|Out|M|B|P)\s+/;
const DIRECTION_ONLY = /^(In|Out|M|B|P)\s+/;
const LINK = /^(?:ifindex \d+ )?([0-9a-f]{2}(?::[0-9a-f]{2}){5})(?: \([^)]*\))?(?: > ([0-9a-f]{2}(?::[0-9a-f]{2}){5})(?: \([^)]*\))?)?,? ethertype (\S+) \(0x[0-9a-f]{4}\), length (\d+): /i;
const IP_HEADER = /^(IP6?) \(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*/;
const ICMP_TYPES: Readonly<Record<string, number>> = { 'echo reply': 0, 'destination unreachable': 3, redirect: 5, 'echo request': 8, 'time exceeded': 11 };

interface Pending {
  readonly packet: Mutable<CapturedPacketFact>;
  /** True while a -v IP header line waits for its address line. */
  awaitingAddresses: boolean;
}
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function readTcpdump(argv: readonly string[], output: string): Fact[] {
  const captureInterface = optionValue(argv, '-i', '--interface');
  const facts: Fact[] = [];
  const summary: { captured?: number; receivedByFilter?: number; droppedByKernel?: number; lines: string[] } = { lines: [] };
  let pending: Pending | undefined;
  for (const line of outputLines(output)) {
    if (pending?.awaitingAddresses && /^\s{4}\S/.test(line)) {
      readAddressesAndPayload(pending.packet, line.trim());
      pending.packet.text += `\n${line}`;
      pending.awaitingAddresses = false;
      continue;
    }
    if (/^\s/.test(line)) continue; // payload and inner headers printed by -v/-X
    const listening = /^(?:tcpdump: )?listening on (\S+), link-type (\S+)/.exec(line);
    if (listening) {
      facts.push({ kind: 'capture-start', interface: listening[1]!, linkType: listening[2], text: line });
      continue;
    }
    const count = /^(\d+) packets? (captured|received by filter|dropped by kernel)$/.exec(line);
    if (count) {
      const key = count[2] === 'captured' ? 'captured' : count[2] === 'received by filter' ? 'receivedByFilter' : 'droppedByKernel';
      summary[key] = Number(count[1]);
      summary.lines.push(line);
      continue;
    }
    const packet = readPacketLine(line, captureInterface === 'any' ? undefined : captureInterface);
    if (packet) {
      facts.push(packet.packet);
      pending = packet;
    }
  }
  if (summary.lines.length > 0) {
    const fact: CaptureSummaryFact = { kind: 'capture-summary', captured: summary.captured, receivedByFilter: summary.receivedByFilter, droppedByKernel: summary.droppedByKernel, text: summary.lines.join('\n') };
    facts.push(fact);
  }
  return facts;
}

function readPacketLine(line: string, captureInterface: string | undefined): Pending | undefined {
  let rest = line;
  const time = TIME.exec(rest);
  if (time) rest = rest.slice(time[0].length);
  let iface = captureInterface;
  let direction: CaptureDirection | undefined;
  const onAny = ON_ANY.exec(rest) ?? DIRECTION_ONLY.exec(rest);
  if (onAny && onAny.length === 3) {
    iface = onAny[1];
    direction = onAny[2] as CaptureDirection;
    rest = rest.slice(onAny[0].length);
  } else if (onAny) {
    direction = onAny[1] as CaptureDirection;
    rest = rest.slice(onAny[0].length);
  }
  const packet: Mutable<CapturedPacketFact> = {
    kind: 'packet',
    interface: iface,
    direction,
    time: time?.[1],
    network: '',
    src: undefined,
    dst: undefined,
    protocol: undefined,
    srcPort: undefined,
    dstPort: undefined,
    tcpFlags: undefined,
    ttl: undefined,
    ipLength: undefined,
    length: undefined,
    application: undefined,
    text: line,
  };
  const link = LINK.exec(rest);
  if (link) {
    packet.link = { srcMac: canonicalMac(link[1]!) ?? link[1]!, dstMac: link[2] ? (canonicalMac(link[2]) ?? link[2]) : '', ethertype: link[3], frameLength: integer(link[4]) };
    rest = rest.slice(link[0].length);
    // With -e the network layer's name is the ethertype, not repeated before ARP.
    if (link[3] === 'ARP') rest = `ARP, ${rest}`;
    else if (link[3] === 'IPv4' && !rest.startsWith('IP')) rest = `IP ${rest}`;
    else if (link[3] === 'IPv6' && !rest.startsWith('IP6')) rest = `IP6 ${rest}`;
  } else if (!time && !onAny) {
    // Without a time stamp, interface or link header the line must at least start like a packet.
    if (!/^(IP6? |ARP, )/.test(rest)) return undefined;
  }
  if (rest.startsWith('ARP, ')) {
    packet.network = 'ARP';
    packet.protocol = 'arp';
    return readArp(packet, rest.slice(5)) ? { packet, awaitingAddresses: false } : undefined;
  }
  const header = IP_HEADER.exec(rest);
  if (header) {
    packet.network = header[1]!;
    readIpHeader(packet, header[2]!);
    const after = rest.slice(header[0].length);
    if (after === '') return { packet, awaitingAddresses: true };
    readAddressesAndPayload(packet, after);
    return { packet, awaitingAddresses: false };
  }
  const plain = /^(IP6?) (.*)$/.exec(rest);
  if (!plain) return undefined;
  packet.network = plain[1]!;
  readAddressesAndPayload(packet, plain[2]!);
  return packet.src === undefined ? undefined : { packet, awaitingAddresses: false };
}

function readIpHeader(packet: Mutable<CapturedPacketFact>, fields: string): void {
  const ttl = /\b(?:ttl|hlim) (\d+)/.exec(fields);
  if (ttl) packet.ttl = Number(ttl[1]);
  const length = /(?:^|, )length (\d+)/.exec(fields) ?? /payload length: (\d+)/.exec(fields);
  if (length) packet.ipLength = Number(length[1]);
  const proto = /\b(?:proto|next-header) (\S+) \((\d+)\)/.exec(fields);
  if (proto) packet.protocol = proto[1]!.toLowerCase().replace('icmpv6', 'icmp6');
}

/** `SRC > DST: PAYLOAD` with ports after the last dot of an address. */
function readAddressesAndPayload(packet: Mutable<CapturedPacketFact>, text: string): void {
  const m = /^(\S+) > ([^:\s]+(?::[^:\s]+)*?):\s(.*)$/.exec(text) ?? /^(\S+) > (\S+?):\s(.*)$/.exec(text);
  if (!m) return;
  const payload = m[3]!;
  const carriesPorts = !/^(ICMP6?|igmp|IGMP|HBH ICMP6|GRE|ESP|VRRP)\b/.test(payload);
  const src = endpoint(m[1]!, carriesPorts);
  const dst = endpoint(m[2]!, carriesPorts);
  packet.src = src.address;
  packet.dst = dst.address;
  packet.srcPort = src.port;
  packet.dstPort = dst.port;
  readPayload(packet, payload);
}

function endpoint(text: string, carriesPorts: boolean): { address: string; port: number | undefined } {
  if (!carriesPorts) return { address: canonicalAddress(text) ?? text, port: undefined };
  // IPv4 `a.b.c.d.port`, IPv6 `fe80::1.546`, a name `host01.44652`, a service `10.1.0.1.http`.
  const v4 = /^(\d+\.\d+\.\d+\.\d+)\.([^.]+)$/.exec(text);
  if (v4 && canonicalAddress(v4[1]!)) return { address: canonicalAddress(v4[1]!)!, port: portNumber(v4[2]!) };
  const whole = canonicalAddress(text);
  if (whole) return { address: whole, port: undefined };
  const dot = text.lastIndexOf('.');
  const port = dot > 0 ? portNumber(text.slice(dot + 1)) : undefined;
  if (port === undefined) return { address: text, port: undefined };
  const host = text.slice(0, dot);
  return { address: canonicalAddress(host) ?? host, port };
}

function readPayload(packet: Mutable<CapturedPacketFact>, payload: string): void {
  const length = /(?:^|, )length (\d+)(?::\s*(.*))?/.exec(payload);
  if (length) {
    packet.length = Number(length[1]);
    if (length[2]) packet.application = length[2];
  }
  const tcp = /^Flags \[([^\]]*)\]/.exec(payload);
  if (tcp) {
    packet.protocol = 'tcp';
    packet.tcpFlags = tcp[1];
    return;
  }
  const icmp = /^(?:HBH )?ICMP(6)?,? (.*?)(?:, length \d+.*)?$/.exec(payload);
  if (icmp) {
    packet.protocol = icmp[1] ? 'icmp6' : 'icmp';
    packet.icmp = readIcmp(icmp[2]!);
    return;
  }
  if (packet.protocol === undefined && (packet.srcPort !== undefined || /^UDP\b/.test(payload))) packet.protocol = 'udp';
}

function readIcmp(text: string): NonNullable<CapturedPacketFact['icmp']> {
  const echo = /^(echo (?:request|reply)), id (\d+), seq (\d+)/.exec(text);
  if (echo) return { type: echo[1]!, typeNumber: ICMP_TYPES[echo[1]!], code: 0, id: Number(echo[2]), seq: Number(echo[3]) };
  const unreachable = /^(?:(\S+) )?(?:(tcp|udp) port (\S+)|(\S+)) unreachable(?:.*)$/.exec(text);
  if (unreachable && /unreachable/.test(text)) {
    const code = unreachable[2] ? 3 : /^net\b/.test(text) ? 0 : /^host\b/.test(text) ? 1 : /protocol/.test(text) ? 2 : undefined;
    return { type: 'destination unreachable', typeNumber: 3, code, id: undefined, seq: undefined, detail: text };
  }
  if (/^time exceeded/.test(text)) return { type: 'time exceeded', typeNumber: 11, code: /reassembly/.test(text) ? 1 : 0, id: undefined, seq: undefined, detail: text };
  const type = text.split(',')[0]!.trim();
  return { type, typeNumber: ICMP_TYPES[type], code: undefined, id: undefined, seq: undefined };
}

function readArp(packet: Mutable<CapturedPacketFact>, text: string): boolean {
  const body = text.replace(/^Ethernet \(len 6\), IPv4 \(len 4\), /, '');
  const request = /^Request who-has (\S+)(?: \([^)]*\))? tell (\S+)/.exec(body);
  if (request) {
    packet.arp = { op: 'request', target: canonicalAddress(request[1]!) ?? request[1]!, sender: canonicalAddress(request[2]!.replace(/,$/, '')) ?? request[2]!.replace(/,$/, ''), mac: undefined };
    packet.src = packet.arp.sender;
    packet.dst = packet.arp.target;
  }
  const reply = /^Reply (\S+) is-at (\S+)/.exec(body);
  if (reply) {
    const mac = reply[2]!.replace(/,$/, '');
    packet.arp = { op: 'reply', target: canonicalAddress(reply[1]!) ?? reply[1]!, sender: undefined, mac: canonicalMac(mac) ?? mac };
    packet.src = packet.arp.target;
  }
  const length = /, length (\d+)$/.exec(body);
  if (length) packet.length = Number(length[1]);
  return packet.arp !== undefined;
}
