// Bytes back to frames (tcpdump -r). Never throws: whatever cannot be parsed
// stays a raw payload, as a real decoder would print it as truncated data.
import { bytesToMac, intToIp } from './addr.js';
import type { ArpPacket, EthernetFrame, Ipv4Packet, TcpOption, TcpSegment } from './packet.js';
import { ETH_P_ARP, ETH_P_IP } from './packet.js';

export function decodeFrame(bytes: Uint8Array): EthernetFrame {
  if (bytes.length < 14) return { dst: '00:00:00:00:00:00', src: '00:00:00:00:00:00', etherType: 0, payload: { kind: 'raw', bytes } };
  const dst = bytesToMac(bytes, 0);
  const src = bytesToMac(bytes, 6);
  const etherType = (bytes[12] << 8) | bytes[13];
  const body = bytes.subarray(14);
  const payload = (etherType === ETH_P_IP ? decodeIpv4(body) : etherType === ETH_P_ARP ? decodeArp(body) : undefined) ?? { kind: 'raw' as const, bytes: body };
  return { dst, src, etherType, payload };
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}
function u32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

export function decodeArp(b: Uint8Array): ArpPacket | undefined {
  if (b.length < 28 || u16(b, 0) !== 1 || u16(b, 2) !== ETH_P_IP) return undefined;
  const op = u16(b, 6);
  if (op !== 1 && op !== 2) return undefined;
  return {
    kind: 'arp',
    op,
    senderMac: bytesToMac(b, 8),
    senderIp: intToIp(u32(b, 14)),
    targetMac: bytesToMac(b, 18),
    targetIp: intToIp(u32(b, 24)),
  };
}

export function decodeIpv4(b: Uint8Array): Ipv4Packet | undefined {
  if (b.length < 20 || b[0] >> 4 !== 4) return undefined;
  const ihl = (b[0] & 15) * 4;
  const total = Math.min(u16(b, 2), b.length);
  if (ihl < 20 || total < ihl) return undefined;
  const protocol = b[9];
  const body = b.subarray(ihl, total);
  const offset = (u16(b, 6) & 0x1fff) * 8;
  const more = (b[6] & 0x20) !== 0;
  const base = {
    kind: 'ipv4' as const,
    tos: b[1],
    id: u16(b, 4),
    dontFragment: (b[6] & 0x40) !== 0,
    ttl: b[8],
    protocol,
    src: intToIp(u32(b, 12)),
    dst: intToIp(u32(b, 16)),
    ...(offset || more ? { fragment: { offset, more } } : {}),
  };
  // A later fragment has no transport header to read.
  if (offset > 0) return { ...base, payload: { kind: 'raw', bytes: body.slice() } };
  if (protocol === 1 && body.length >= 8) {
    const type = body[0];
    const echo = type === 0 || type === 8;
    const fragNeeded = type === 3 && body[1] === 4;
    return { ...base, payload: { kind: 'icmp', type, code: body[1], id: echo ? u16(body, 4) : 0, seq: echo || fragNeeded ? u16(body, 6) : 0, data: body.slice(8) } };
  }
  if (protocol === 6) {
    const tcp = decodeTcp(body);
    if (tcp) return { ...base, payload: tcp };
  }
  if (protocol === 17 && body.length >= 8) {
    return { ...base, payload: { kind: 'udp', srcPort: u16(body, 0), dstPort: u16(body, 2), payload: body.slice(8) } };
  }
  return { ...base, payload: { kind: 'raw', bytes: body.slice() } };
}

function decodeTcp(b: Uint8Array): TcpSegment | undefined {
  if (b.length < 20) return undefined;
  const headerLength = (b[12] >> 4) * 4;
  if (headerLength < 20 || headerLength > b.length) return undefined;
  const f = b[13];
  const options: TcpOption[] = [];
  let o = 20;
  while (o < headerLength) {
    const kind = b[o];
    if (kind === 0) {
      options.push({ kind: 'eol' });
      break;
    }
    if (kind === 1) {
      options.push({ kind: 'nop' });
      o++;
      continue;
    }
    const len = b[o + 1];
    if (!len || len < 2 || o + len > headerLength) break;
    if (kind === 2 && len === 4) options.push({ kind: 'mss', value: u16(b, o + 2) });
    else if (kind === 3 && len === 3) options.push({ kind: 'wscale', shift: b[o + 2] });
    else if (kind === 4) options.push({ kind: 'sackOK' });
    else if (kind === 8 && len === 10) options.push({ kind: 'timestamp', value: u32(b, o + 2), echo: u32(b, o + 6) });
    else if (kind === 5) {
      const blocks: Array<[number, number]> = [];
      for (let i = o + 2; i + 8 <= o + len; i += 8) blocks.push([u32(b, i), u32(b, i + 4)]);
      options.push({ kind: 'sack', blocks });
    }
    o += len;
  }
  return {
    kind: 'tcp',
    srcPort: u16(b, 0),
    dstPort: u16(b, 2),
    seq: u32(b, 4),
    ack: u32(b, 8),
    flags: { fin: !!(f & 1), syn: !!(f & 2), rst: !!(f & 4), psh: !!(f & 8), ack: !!(f & 16), urg: !!(f & 32), ece: !!(f & 64), cwr: !!(f & 128) },
    window: u16(b, 14),
    urgent: u16(b, 18),
    options,
    payload: b.slice(headerLength),
  };
}
