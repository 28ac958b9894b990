// Frames to bytes, as they would be on the wire (checksums filled in): what
// pcap files hold and what tshark reads back.
import { ipToInt, macToBytes } from './addr.js';
import {
  type ArpPacket,
  type EthernetFrame,
  type Ipv4Packet,
  type TcpOption,
  type TcpSegment,
  ETH_P_IP,
  ipTotalLength,
  tcpHeaderLength,
} from './packet.js';

class Writer {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  offset = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u8(v: number): void {
    this.view.setUint8(this.offset, v & 0xff);
    this.offset += 1;
  }
  u16(v: number): void {
    this.view.setUint16(this.offset, v & 0xffff);
    this.offset += 2;
  }
  u32(v: number): void {
    this.view.setUint32(this.offset, v >>> 0);
    this.offset += 4;
  }
  put(b: Uint8Array): void {
    this.bytes.set(b, this.offset);
    this.offset += b.length;
  }
  setU16(at: number, v: number): void {
    this.view.setUint16(at, v & 0xffff);
  }
}

/** The Internet checksum (RFC 1071) over `bytes[start, end)`, plus an initial sum. */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  let sum = initial;
  for (let i = start; i + 1 < end; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if ((end - start) % 2 === 1) sum += bytes[end - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function encodeFrame(frame: EthernetFrame): Uint8Array {
  const pl = frame.payload;
  const body = pl.kind === 'ipv4' ? encodeIpv4(pl) : pl.kind === 'arp' ? encodeArp(pl) : pl.bytes;
  const w = new Writer(14 + body.length);
  w.put(macToBytes(frame.dst));
  w.put(macToBytes(frame.src));
  w.u16(pl.kind === 'ipv4' ? ETH_P_IP : frame.etherType);
  w.put(body);
  return w.bytes;
}

export function encodeArp(a: ArpPacket): Uint8Array {
  const w = new Writer(28);
  w.u16(1);
  w.u16(ETH_P_IP);
  w.u8(6);
  w.u8(4);
  w.u16(a.op);
  w.put(macToBytes(a.senderMac));
  w.u32(ipToInt(a.senderIp));
  w.put(macToBytes(a.targetMac));
  w.u32(ipToInt(a.targetIp));
  return w.bytes;
}

export function encodeIpv4(p: Ipv4Packet): Uint8Array {
  const total = ipTotalLength(p);
  const w = new Writer(total);
  w.u8(0x45);
  w.u8(p.tos);
  w.u16(total);
  w.u16(p.id);
  w.u16((p.dontFragment ? 0x4000 : 0) | (p.fragment?.more ? 0x2000 : 0) | ((p.fragment?.offset ?? 0) >> 3));
  w.u8(p.ttl);
  w.u8(p.protocol);
  w.u16(0);
  w.u32(ipToInt(p.src));
  w.u32(ipToInt(p.dst));
  w.setU16(10, internetChecksum(w.bytes, 0, 20));
  const pl = p.payload;
  const start = w.offset;
  switch (pl.kind) {
    case 'icmp':
      w.u8(pl.type);
      w.u8(pl.code);
      w.u16(0);
      // Echo carries id and sequence; "fragmentation needed" carries the next-hop MTU in the second half.
      if (pl.type === 0 || pl.type === 8 || (pl.type === 3 && pl.code === 4)) {
        w.u16(pl.id);
        w.u16(pl.seq);
      } else {
        w.u32(0);
      }
      w.put(pl.data);
      w.setU16(start + 2, internetChecksum(w.bytes, start, total));
      break;
    case 'tcp':
      writeTcp(w, pl);
      w.setU16(start + 16, internetChecksum(w.bytes, start, total, pseudoHeaderSum(p, total - start)));
      break;
    case 'udp':
      w.u16(pl.srcPort);
      w.u16(pl.dstPort);
      w.u16(8 + pl.payload.length);
      w.u16(0);
      w.put(pl.payload);
      w.setU16(start + 6, internetChecksum(w.bytes, start, total, pseudoHeaderSum(p, total - start)) || 0xffff);
      break;
    default:
      w.put(pl.bytes);
  }
  return w.bytes;
}

function pseudoHeaderSum(p: Ipv4Packet, length: number): number {
  const s = ipToInt(p.src);
  const d = ipToInt(p.dst);
  return (s >>> 16) + (s & 0xffff) + (d >>> 16) + (d & 0xffff) + p.protocol + length;
}

function writeTcp(w: Writer, t: TcpSegment): void {
  const headerLength = tcpHeaderLength(t);
  w.u16(t.srcPort);
  w.u16(t.dstPort);
  w.u32(t.seq);
  w.u32(t.ack);
  const f = t.flags;
  const flagBits =
    (f.fin ? 1 : 0) | (f.syn ? 2 : 0) | (f.rst ? 4 : 0) | (f.psh ? 8 : 0) | (f.ack ? 16 : 0) | (f.urg ? 32 : 0) | (f.ece ? 64 : 0) | (f.cwr ? 128 : 0);
  w.u8((headerLength / 4) << 4);
  w.u8(flagBits);
  w.u16(t.window);
  w.u16(0);
  w.u16(t.urgent);
  const optionsEnd = w.offset + headerLength - 20;
  for (const o of t.options) writeTcpOption(w, o);
  while (w.offset < optionsEnd) w.u8(0);
  w.put(t.payload);
}

function writeTcpOption(w: Writer, o: TcpOption): void {
  switch (o.kind) {
    case 'eol':
      w.u8(0);
      break;
    case 'nop':
      w.u8(1);
      break;
    case 'mss':
      w.u8(2);
      w.u8(4);
      w.u16(o.value);
      break;
    case 'wscale':
      w.u8(3);
      w.u8(3);
      w.u8(o.shift);
      break;
    case 'sackOK':
      w.u8(4);
      w.u8(2);
      break;
    case 'sack':
      w.u8(5);
      w.u8(2 + 8 * o.blocks.length);
      for (const [a, b] of o.blocks) {
        w.u32(a);
        w.u32(b);
      }
      break;
    case 'timestamp':
      w.u8(8);
      w.u8(10);
      w.u32(o.value);
      w.u32(o.echo);
      break;
  }
}
