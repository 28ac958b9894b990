// `conntrack -L` lines (conntrack-tools 1.4.6) and /proc/net/nf_conntrack.
import { numberToIp } from '../../sim/netfilter/addr.js';
import { secondsLeft, type Connection, type ConntrackEvent, type Tuple } from '../../sim/netfilter/conntrack.js';
import { PROTO_ICMP, PROTO_TCP, PROTO_UDP } from '../../sim/netfilter/types.js';

const NAMES: Record<number, string> = { [PROTO_ICMP]: 'icmp', [PROTO_TCP]: 'tcp', [PROTO_UDP]: 'udp' };

function tupleText(t: Tuple, icmpType: number | undefined): string {
  const addrs = `src=${numberToIp(t.src)} dst=${numberToIp(t.dst)}`;
  if (t.proto === PROTO_ICMP) return `${addrs} type=${icmpType ?? 8} code=0 id=${t.sport}`;
  if (t.proto === PROTO_TCP || t.proto === PROTO_UDP) return `${addrs} sport=${t.sport} dport=${t.dport}`;
  return addrs;
}

/** One entry as `conntrack -L` prints it. */
export function conntrackLine(conn: Connection, now: number): string {
  const proto = conn.orig.proto;
  let line = `${(NAMES[proto] ?? 'unknown').padEnd(8)} ${proto} ${secondsLeft(conn, now)} `;
  if (conn.tcpState) line += `${conn.tcpState} `;
  const replyType = conn.icmpType === 8 ? 0 : conn.icmpType;
  line += `${tupleText(conn.orig, conn.icmpType)} `;
  if (!conn.seenReply) line += '[UNREPLIED] ';
  line += `${tupleText(conn.reply, replyType)} `;
  if (conn.assured) line += '[ASSURED] ';
  return `${line}mark=0 use=1`;
}

/** `conntrack -E`: `[NEW]`/`[UPDATE]`/`[DESTROY]` then the entry; a destroyed one has no timeout or state. */
export function conntrackEventLine(event: ConntrackEvent, conn: Connection, now: number): string {
  const proto = conn.orig.proto;
  let line = `${`[${event}]`.padStart(9)} ${(NAMES[proto] ?? 'unknown').padEnd(8)} ${proto} `;
  if (event !== 'DESTROY') line += `${secondsLeft(conn, now)} ${conn.tcpState ? `${conn.tcpState} ` : ''}`;
  const replyType = conn.icmpType === 8 ? 0 : conn.icmpType;
  line += tupleText(conn.orig, conn.icmpType);
  if (!conn.seenReply) line += ' [UNREPLIED]';
  line += ` ${tupleText(conn.reply, replyType)}`;
  if (conn.assured) line += ' [ASSURED]';
  return line;
}

/** /proc/net/nf_conntrack: the same with the layer-3 prefix and no `use`. */
export function procConntrackLine(conn: Connection, now: number): string {
  return `ipv4     2 ${conntrackLine(conn, now).replace(/ use=1$/, ' zone=0 use=2')}`;
}

export function conntrackSummary(count: number, done: 'shown' | 'deleted'): string {
  return `conntrack v1.4.6 (conntrack-tools): ${count} flow entries have been ${done}.`;
}

// cspell:words UNREPLIED addrs
