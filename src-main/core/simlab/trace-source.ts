// The packet trace view's data source (core/api/trace.ts) over the world's
// path records: a backend exposes it with `createTraceSource(world)`.
import type { PacketTrace, PacketTraceSource, PacketTraceSummary, TraceHop } from '../api/trace.js';
import type { PathHop } from '../sim/trace/path.js';
import { ruleSpec } from '../userspace/iptables/format.js';
import type { Ipv4Packet } from '../sim/wire/packet.js';
import type { World } from '../sim/world.js';
import type { PacketPath } from '../sim/trace/path.js';

/** A one-line description when the caller has no tcpdump-style formatter. */
export function describePacket(p: Ipv4Packet): string {
  const t = p.payload;
  switch (t.kind) {
    case 'icmp':
      return `IP ${p.src} > ${p.dst}: ICMP ${t.type === 8 ? 'echo request' : t.type === 0 ? 'echo reply' : `type ${t.type} code ${t.code}`}, id ${t.id}, seq ${t.seq}`;
    case 'tcp': {
      const f = t.flags;
      const flags = (f.fin ? 'F' : '') + (f.syn ? 'S' : '') + (f.rst ? 'R' : '') + (f.psh ? 'P' : '') + (f.ack ? '.' : '');
      return `IP ${p.src}.${t.srcPort} > ${p.dst}.${t.dstPort}: Flags [${flags}], length ${t.payload.length}`;
    }
    case 'udp':
      return `IP ${p.src}.${t.srcPort} > ${p.dst}.${t.dstPort}: UDP, length ${t.payload.length}`;
    default:
      return `IP ${p.src} > ${p.dst}: ip-proto-${p.protocol}`;
  }
}

/** Both directions of a conversation get the same key: endpoints in sorted order. */
export function flowKey(p: Ipv4Packet): string {
  const t = p.payload;
  const ports = t.kind === 'tcp' || t.kind === 'udp';
  const a = ports ? `${p.src}:${t.srcPort}` : p.src;
  const b = ports ? `${p.dst}:${t.dstPort}` : p.dst;
  const proto = t.kind === 'raw' ? `proto-${p.protocol}` : t.kind;
  return a < b ? `${proto} ${a} ${b}` : `${proto} ${b} ${a}`;
}

/** A recorded hop as the trace view shows it: the matched rule as `iptables -S` prints it. */
function traceHop({ matchedRule, ...hop }: PathHop): TraceHop {
  return matchedRule && hop.chain ? { ...hop, ruleText: `-A ${hop.chain}${ruleSpec(matchedRule)}` } : hop;
}

export function createTraceSource(world: World, summarize: (p: Ipv4Packet) => string = describePacket): PacketTraceSource {
  const summary = (path: PacketPath): PacketTraceSummary => ({
    id: String(path.id),
    time: path.time,
    wallTime: world.clock.epochMs + path.time,
    summary: path.packet ? summarize(path.packet) : '(frame)',
    flow: path.packet ? flowKey(path.packet) : '',
  });
  return {
    recentTraces(limit) {
      const all = world.paths.paths();
      return all.slice(Math.max(0, all.length - limit)).map(summary);
    },
    traceById(id): PacketTrace | undefined {
      const path = world.paths.byId(Number(id));
      return path ? { ...summary(path), hops: path.hops.map(traceHop) } : undefined;
    },
    onTrace(listener) {
      return world.paths.onPath((p) => listener(summary(p)));
    },
  };
}
