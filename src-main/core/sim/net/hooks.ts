// The seams the kernel calls into: netfilter at each hook, and the transport
// layer for locally delivered TCP/UDP. Until they are attached, a namespace
// uses the defaults below.
import type { Ipv4 } from '../wire/addr.js';
import type { Ipv4Packet } from '../wire/packet.js';
import type { PathHop } from '../trace/path.js';
import type { NetNamespace } from './namespace.js';

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export interface HookContext {
  ns: NetNamespace;
  hook: Hook;
  /** Incoming interface name (PREROUTING, INPUT, FORWARD). For bridged frames, the bridge's name. */
  inIface?: string;
  /** Outgoing interface name (FORWARD, OUTPUT, POSTROUTING). For bridged frames, the bridge's name. */
  outIface?: string;
  /** The bridge port the frame came in on / goes out of (physdev), for bridged frames. */
  inPort?: string;
  outPort?: string;
  /** True when br_netfilter calls the hook for a frame the bridge forwards at layer 2. */
  bridged: boolean;
  /** Lab time in milliseconds. */
  now: number;
  isLocalAddress(ip: Ipv4): boolean;
  /** The first IPv4 address of an interface, as MASQUERADE picks it. */
  primaryAddress(iface: string): Ipv4 | undefined;
  /** Adds a step to the packet's path (no-op while tracing is off). */
  record(step: Omit<PathHop, 'node'>): void;
}

export type Verdict = 'accept' | 'drop' | 'reject';

export interface HookResult {
  verdict: Verdict;
  /** The packet after NAT (the same object when nothing was rewritten). */
  packet: Ipv4Packet;
  /** For `reject`: what to answer with, as `--reject-with` names it. */
  rejectWith?: 'icmp-port-unreachable' | 'icmp-host-unreachable' | 'icmp-net-unreachable' | 'icmp-admin-prohibited' | 'tcp-reset' | (string & {});
}

export interface NetfilterHooks {
  run(hook: Hook, packet: Ipv4Packet, ctx: HookContext): HookResult;
}

/** Accepts everything: a namespace with no rules loaded. */
export const passThroughNetfilter: NetfilterHooks = {
  run: (_hook, packet) => ({ verdict: 'accept', packet }),
};

export interface DeliveryContext {
  ns: NetNamespace;
  /** Interface the packet arrived on (`lo` for local traffic). */
  inIface: string;
  now: number;
}

/** An ICMP error about a datagram this namespace sent, parsed back to its fields. */
export interface IcmpErrorReport {
  type: number;
  code: number;
  /** Who sent the error. */
  from: Ipv4;
  /** The original packet's header fields (payload cut to its first 8 bytes). */
  original: Ipv4Packet;
}

export interface TransportLayer {
  /** A TCP or UDP packet addressed to this namespace, after INPUT accepted it. */
  deliver(packet: Ipv4Packet, ctx: DeliveryContext): void;
  /** An ICMP error (port unreachable, ...) about a TCP/UDP packet this namespace sent. */
  deliverIcmpError?(report: IcmpErrorReport, ctx: DeliveryContext): void;
}
