// Shared netfilter types: hooks, the packet view rules match on, verdicts and
// the per-hook context the kernel passes in.

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';
export type TableName = 'raw' | 'mangle' | 'nat' | 'filter';
export type Verdict = 'accept' | 'drop' | 'reject';

export const PROTO_ICMP = 1;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;

export interface TcpFlags {
  syn: boolean;
  ack: boolean;
  fin: boolean;
  rst: boolean;
}

/** What netfilter reads from an IPv4 packet; addresses as unsigned 32-bit numbers. */
export interface PacketView {
  src: number;
  dst: number;
  proto: number;
  /** IP total length in bytes (what byte counters add). */
  length: number;
  sport?: number;
  dport?: number;
  tcpFlags?: TcpFlags;
  icmpType?: number;
  icmpCode?: number;
  icmpId?: number;
  /** For ICMP errors: the offending packet's view (its header as it was sent). */
  embedded?: PacketView;
}

/** The address/port change a NAT mapping applies to a packet. */
export interface Rewrite {
  src?: number;
  dst?: number;
  sport?: number;
  dport?: number;
  /** For ICMP errors: the change to the quoted packet inside (un-NAT of the offending header). */
  embedded?: Rewrite;
}

/** Reads and rewrites the kernel's packet objects; netfilter never sees their type. */
export interface PacketAdapter<P> {
  /**
   * The object that stays the same while a packet crosses the stack (the
   * kernel may copy the header, e.g. for the TTL): conntrack's skb->nfct.
   */
  identity(packet: P): object;
  view(packet: P): PacketView;
  rewrite(packet: P, change: Rewrite): P;
}

export interface HookContext {
  inIface?: string;
  outIface?: string;
  isLocalAddress(ip: number): boolean;
  /** The primary IPv4 address of an interface (MASQUERADE's source), if any. */
  primaryAddress(iface: string): number | undefined;
  /** Lab time in milliseconds. */
  now: number;
  /** Kernel log line (LOG target). */
  log?(line: string): void;
}

// cspell:words nfct
