// A packet's recorded path turned into what the trace view shows: one row per
// hop, the shapes to light up on the topology, and the same story in words.
import type { PacketTrace, PacketTraceSummary, TraceHop } from '../../../src-main/core/api/trace.js';
import { interfaceId, namespaceId } from '../topology/graph.js';

export interface HopRow {
  where: string;
  what: string;
  /** `nat PREROUTING #1: -A DOCKER ! -i docker0 ... -j DNAT ...` */
  rule?: string;
  nat?: string;
  note?: string;
}

export function hopRow(hop: TraceHop): HopRow {
  const where = hop.iface ? `${hop.node} ${hop.iface}` : hop.node;
  const what = [hop.event, hop.hook, hop.verdict].filter(Boolean).join(' ');
  const location = [hop.table, hop.chain].filter(Boolean).join(' ');
  const number = hop.rule !== undefined ? ` #${hop.rule}` : '';
  const rule = location || hop.ruleText ? `${location}${number}${hop.ruleText ? `: ${hop.ruleText}` : ''}`.trim() : undefined;
  return { where, what, rule, nat: hop.nat, note: hop.note };
}

/** Topology shape ids the packet passed, in order, each once: namespaces and interfaces. */
export function tracedShapeIds(trace: PacketTrace): string[] {
  const ids: string[] = [];
  for (const hop of trace.hops) {
    for (const id of [namespaceId(hop.node), hop.iface ? interfaceId(hop.node, hop.iface) : undefined]) {
      if (id && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** The path in sentences, for the screen-reader description and the copy button. */
export function describeTrace(trace: PacketTrace): string[] {
  return [
    `Packet ${trace.summary}`,
    ...trace.hops.map((hop, i) => {
      const row = hopRow(hop);
      const details = [row.rule && `rule ${row.rule}`, row.nat && `NAT rewrote ${row.nat}`, row.note].filter(Boolean).join('; ');
      return `${i + 1}. ${row.where}: ${row.what}${details ? `; ${details}` : ''}.`;
    }),
  ];
}

export interface FlowGroup {
  flow: string;
  packets: PacketTraceSummary[];
}

/** Newest flow first; packets inside a flow in time order. */
export function groupByFlow(summaries: PacketTraceSummary[]): FlowGroup[] {
  const groups = new Map<string, PacketTraceSummary[]>();
  for (const packet of [...summaries].sort((a, b) => a.time - b.time)) {
    const list = groups.get(packet.flow) ?? [];
    list.push(packet);
    groups.set(packet.flow, list);
  }
  return [...groups.entries()]
    .map(([flow, packets]) => ({ flow, packets }))
    .sort((a, b) => b.packets[b.packets.length - 1].time - a.packets[a.packets.length - 1].time);
}

/** Lab time as the trace list shows it: seconds with milliseconds. */
export function formatLabTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}
