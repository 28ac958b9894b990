// Packets as structured objects. Every layer carries its own fields; bytes are
// produced only on demand (encode.ts) for pcap files and checksums.
import type { Ipv4, Mac } from './addr.js';

export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

export interface EthernetFrame {
  dst: Mac;
  src: Mac;
  etherType: number;
  payload: Ipv4Packet | ArpPacket | RawPayload;
}

export interface RawPayload {
  kind: 'raw';
  bytes: Uint8Array;
}

export interface ArpPacket {
  kind: 'arp';
  /** 1 request, 2 reply. */
  op: 1 | 2;
  senderMac: Mac;
  senderIp: Ipv4;
  targetMac: Mac;
  targetIp: Ipv4;
}

export interface Ipv4Packet {
  kind: 'ipv4';
  tos: number;
  id: number;
  dontFragment: boolean;
  ttl: number;
  protocol: number;
  src: Ipv4;
  dst: Ipv4;
  /** Present on fragments: the payload is then the raw bytes of this piece of the original payload. */
  fragment?: { offset: number; more: boolean };
  payload: IcmpMessage | TcpSegment | UdpDatagram | RawPayload;
}

export interface IcmpMessage {
  kind: 'icmp';
  type: number;
  code: number;
  /** Echo request/reply identifier and sequence number. */
  id: number;
  seq: number;
  /** Echo payload, or for errors the original datagram's header plus 8 bytes. */
  data: Uint8Array;
}

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP_NET_UNREACH = 0;
export const ICMP_HOST_UNREACH = 1;
export const ICMP_PORT_UNREACH = 3;
export const ICMP_FRAG_NEEDED = 4;
export const ICMP_ADMIN_PROHIBITED = 13;

export interface TcpFlags {
  fin?: boolean;
  syn?: boolean;
  rst?: boolean;
  psh?: boolean;
  ack?: boolean;
  urg?: boolean;
  ece?: boolean;
  cwr?: boolean;
}

export type TcpOption =
  | { kind: 'mss'; value: number }
  | { kind: 'sackOK' }
  | { kind: 'timestamp'; value: number; echo: number }
  | { kind: 'nop' }
  | { kind: 'wscale'; shift: number }
  | { kind: 'eol' }
  | { kind: 'sack'; blocks: Array<[number, number]> };

export interface TcpSegment {
  kind: 'tcp';
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: TcpFlags;
  window: number;
  urgent: number;
  options: TcpOption[];
  payload: Uint8Array;
}

export interface UdpDatagram {
  kind: 'udp';
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

export function ipv4(fields: Partial<Ipv4Packet> & Pick<Ipv4Packet, 'src' | 'dst' | 'payload'>): Ipv4Packet {
  const protocol =
    fields.protocol ??
    (fields.payload.kind === 'icmp' ? IPPROTO_ICMP : fields.payload.kind === 'tcp' ? IPPROTO_TCP : fields.payload.kind === 'udp' ? IPPROTO_UDP : 255);
  return { kind: 'ipv4', tos: 0, id: 0, dontFragment: true, ttl: 64, ...fields, protocol };
}

/** Length in bytes of the IPv4 packet's payload (transport header + data). */
export function ipPayloadLength(p: Ipv4Packet): number {
  const pl = p.payload;
  switch (pl.kind) {
    case 'icmp':
      return 8 + pl.data.length;
    case 'tcp':
      return tcpHeaderLength(pl) + pl.payload.length;
    case 'udp':
      return 8 + pl.payload.length;
    default:
      return pl.bytes.length;
  }
}

export function ipTotalLength(p: Ipv4Packet): number {
  return 20 + ipPayloadLength(p);
}

export function tcpOptionsLength(options: TcpOption[]): number {
  let n = 0;
  for (const o of options) {
    switch (o.kind) {
      case 'mss':
        n += 4;
        break;
      case 'sackOK':
        n += 2;
        break;
      case 'timestamp':
        n += 10;
        break;
      case 'wscale':
        n += 3;
        break;
      case 'sack':
        n += 2 + 8 * o.blocks.length;
        break;
      default:
        n += 1;
    }
  }
  return (n + 3) & ~3;
}

export function tcpHeaderLength(t: TcpSegment): number {
  return 20 + tcpOptionsLength(t.options);
}

/** Frame length on the wire without FCS, as tcpdump -e prints it (at least 60 is padding, not counted by tcpdump). */
export function frameLength(f: EthernetFrame): number {
  const pl = f.payload;
  if (pl.kind === 'ipv4') return 14 + ipTotalLength(pl);
  if (pl.kind === 'arp') return 14 + 28;
  return 14 + pl.bytes.length;
}

/** A deep-enough copy for NAT rewriting: headers copied, byte payloads shared. */
export function clonePacket(p: Ipv4Packet): Ipv4Packet {
  return { ...p, payload: { ...p.payload } as Ipv4Packet['payload'] };
}
