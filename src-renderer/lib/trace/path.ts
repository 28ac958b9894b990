// A packet's recorded path turned into what the trace view shows: one row per
// hop, the shapes to light up on the topology, and the same story in words.
import type { NetfilterHook, PacketTrace, PacketTraceSummary, TraceHop } from '../../../src-main/core/api/trace.js';
import { HOOK_STAGES, stageLabel, type PathStage } from '../../../src-main/core/api/packet-path.js';
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
  // A netfilter hop is named as the packet-path model names it: hook, then table.
  const at = hop.hook ? stageLabel(hop.hook, hop.table ?? hop.event) : hop.event;
  const what = [at, hop.verdict].filter(Boolean).join(' ');
  const location = [hop.table, hop.chain].filter(Boolean).join(' ');
  const number = hop.rule !== undefined ? ` #${hop.rule}` : '';
  const rule = location || hop.ruleText ? `${location}${number}${hop.ruleText ? `: ${hop.ruleText}` : ''}`.trim() : undefined;
  return { where, what, rule, nat: hop.nat, note: hop.note };
}

export interface HookPassed {
  hook: NetfilterHook;
  /** The model's stages at this hook, in order; `decided` where a table recorded a rule or policy for this packet. */
  stages: { stage: PathStage; decided: boolean }[];
}

export interface NodeHooks {
  node: string;
  hooks: HookPassed[];
}

/**
 * The hooks the packet passed in each namespace, in the order it passed them,
 * each with the model's stages (raw, conntrack, mangle, nat, filter, confirm)
 * and which of them decided something: the packet-path diagram for one packet.
 */
export function hooksPassed(trace: PacketTrace): NodeHooks[] {
  const nodes: NodeHooks[] = [];
  for (const hop of trace.hops) {
    if (!hop.hook) continue;
    let node = nodes.at(-1);
    if (node?.node !== hop.node) nodes.push((node = { node: hop.node, hooks: [] }));
    let passed = node.hooks.at(-1);
    if (passed?.hook !== hop.hook) {
      passed = { hook: hop.hook, stages: HOOK_STAGES[hop.hook].map((stage) => ({ stage, decided: false })) };
      node.hooks.push(passed);
    }
    const stage = passed.stages.find((s) => s.stage === hop.table);
    if (stage) stage.decided = true;
  }
  return nodes;
}

/** The hook strip in words: `host: PREROUTING (nat decided), FORWARD (filter decided)`. */
export function hookStripAnnouncement(nodes: NodeHooks[]): string {
  return nodes
    .map(({ node, hooks }) => {
      const passed = hooks.map(({ hook, stages }) => {
        const decided = stages.filter((s) => s.decided).map((s) => s.stage);
        return decided.length > 0 ? `${hook} (${decided.join(', ')} decided)` : hook;
      });
      return `${node}: ${passed.join(', ')}`;
    })
    .join('; ');
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
  /** The connection as its first packet's flow names it. */
  flow: string;
  packets: PacketTraceSummary[];
}

/**
 * One key per connection: for TCP and UDP the client's end (the higher,
 * ephemeral port), which NAT on the server side leaves alone, so a request to
 * a published port and the reply from the container group together.
 */
export function connectionKey(flow: string): string {
  const [proto, a, b] = flow.split(' ');
  const port = (end: string | undefined) => Number(end?.slice(end.lastIndexOf(':') + 1));
  if ((proto !== 'tcp' && proto !== 'udp') || !a || !b) return flow;
  return `${proto} ${port(a) >= port(b) ? a : b}`;
}

const inTimeOrder = (a: PacketTraceSummary, b: PacketTraceSummary) => a.time - b.time || Number(a.id) - Number(b.id);

/** Connections in the order they began; packets inside one in time order (ties by recording order). */
export function groupByFlow(summaries: PacketTraceSummary[]): FlowGroup[] {
  const groups = new Map<string, FlowGroup>();
  for (const packet of [...summaries].sort(inTimeOrder)) {
    const key = connectionKey(packet.flow);
    const group = groups.get(key) ?? { flow: packet.flow, packets: [] };
    group.packets.push(packet);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** A packet's time on the clock tcpdump prints: the lab's wall-clock time of day, HH:MM:SS.microseconds (UTC). */
export function formatPacketTime(packet: PacketTraceSummary): string {
  const micros = Math.round((packet.wallTime ?? packet.time) * 1000);
  const day = ((micros % 86_400_000_000) + 86_400_000_000) % 86_400_000_000;
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(day / 3_600_000_000);
  const m = Math.floor((day % 3_600_000_000) / 60_000_000);
  const sec = Math.floor((day % 60_000_000) / 1_000_000);
  return `${two(h)}:${two(m)}:${two(sec)}.${String(day % 1_000_000).padStart(6, '0')}`;
}
