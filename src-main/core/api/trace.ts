// A packet's path through the lab, as the packet trace view shows it: every
// namespace, interface and netfilter hook it passed, the rule that matched
// there and what NAT rewrote. The simulator records these from its taps.

import type { NetfilterHook } from '../base/packet-path.js';

export type { NetfilterHook };

export interface TraceHop {
  /** Node id as in the topology (host, c1, web, host01). */
  node: string;
  iface?: string;
  /** What happened here, e.g. `rx`, `tx`, `route`, `bridge`, `hook`, `deliver`, `drop`. */
  event: string;
  hook?: NetfilterHook;
  table?: string;
  chain?: string;
  /** 1-based rule number in the chain, as `iptables -L --line-numbers` counts. */
  rule?: number;
  /** The rule as `iptables -S` prints it. */
  ruleText?: string;
  verdict?: string;
  /** What NAT changed, e.g. `dst 172.16.211.128:81 -> 172.17.0.5:80`. */
  nat?: string;
  /** Free text, e.g. the route that was chosen. */
  note?: string;
}

export interface PacketTraceSummary {
  id: string;
  /** Lab time in milliseconds. */
  time: number;
  /** The same moment as Unix milliseconds on the lab's clock, the one tcpdump prints. */
  wallTime?: number;
  /** One line as tcpdump prints the packet where it entered, e.g. `IP 172.16.211.1.50000 > 172.16.211.128.81: Flags [S], ...`. */
  summary: string;
  /** Flow key so the view can group packets of one connection. */
  flow: string;
}

export interface PacketTrace extends PacketTraceSummary {
  hops: TraceHop[];
}

/**
 * What a lab backend implements when it can record packet paths. Optional:
 * the app service checks for it, and says so in the UI when it is missing.
 */
export interface PacketTraceSource {
  recentTraces(limit: number): PacketTraceSummary[];
  traceById(id: string): PacketTrace | undefined;
  onTrace(listener: (trace: PacketTraceSummary) => void): { dispose(): void };
}

export function isPacketTraceSource(value: unknown): value is PacketTraceSource {
  const v = value as Partial<PacketTraceSource> | null;
  return !!v && typeof v.recentTraces === 'function' && typeof v.traceById === 'function' && typeof v.onTrace === 'function';
}
