// Connection tracking: tuples in both directions, states as the ctstate match
// sees them, TCP's tracked states, timeouts on the sim clock (expired entries
// vanish lazily when looked at), NAT bindings, and a bounded table.
import { PROTO_ICMP, PROTO_TCP, PROTO_UDP, type PacketView } from './types.js';

export interface Tuple {
  proto: number;
  src: number;
  dst: number;
  /** TCP/UDP ports; ICMP echo: the identifier in sport, 0 in dport. */
  sport: number;
  dport: number;
}

export type TcpState =
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'ESTABLISHED'
  | 'FIN_WAIT'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'TIME_WAIT'
  | 'CLOSE';

export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';

export interface Connection {
  id: number;
  orig: Tuple;
  /** As the reply is expected to arrive: after NAT this differs from orig inverted. */
  reply: Tuple;
  /** ICMP type of the original packet (for `conntrack -L`). */
  icmpType?: number;
  tcpState?: TcpState;
  seenReply: boolean;
  assured: boolean;
  confirmed: boolean;
  /** Lab time (ms) at which the entry expires. */
  expires: number;
  /** Whether the nat table has been consulted for each manipulation. */
  natDecided: { src: boolean; dst: boolean };
}

export interface ConnInfo {
  conn: Connection;
  dir: 'orig' | 'reply';
  state: CtState;
}

const SECOND = 1000;

/**
 * nf_conntrack's settings (/proc/sys/net/netfilter/), present in every
 * namespace once the module is loaded, as it is on a Docker host; conntrack
 * reads its limit and timeouts (seconds) from here, so writing them takes effect.
 */
export const CONNTRACK_SYSCTLS: Readonly<Record<string, string>> = {
  'net.netfilter.nf_conntrack_max': '262144',
  'net.netfilter.nf_conntrack_generic_timeout': '600',
  'net.netfilter.nf_conntrack_icmp_timeout': '30',
  'net.netfilter.nf_conntrack_tcp_timeout_close': '10',
  'net.netfilter.nf_conntrack_tcp_timeout_close_wait': '60',
  'net.netfilter.nf_conntrack_tcp_timeout_established': '432000',
  'net.netfilter.nf_conntrack_tcp_timeout_fin_wait': '120',
  'net.netfilter.nf_conntrack_tcp_timeout_last_ack': '30',
  'net.netfilter.nf_conntrack_tcp_timeout_syn_recv': '60',
  'net.netfilter.nf_conntrack_tcp_timeout_syn_sent': '120',
  'net.netfilter.nf_conntrack_tcp_timeout_time_wait': '120',
  'net.netfilter.nf_conntrack_udp_timeout': '30',
  'net.netfilter.nf_conntrack_udp_timeout_stream': '120',
};

const SETTING = 'net.netfilter.nf_conntrack_';
/** The sysctls conntrack reads, named once so that tracking a packet builds no strings. */
const MAX_SETTING = `${SETTING}max`;
const TIMEOUT_SETTINGS = {
  generic: `${SETTING}generic_timeout`,
  icmp: `${SETTING}icmp_timeout`,
  udp: `${SETTING}udp_timeout`,
  udpStream: `${SETTING}udp_timeout_stream`,
};
/** The sysctl holding each TCP state's timeout. */
const TCP_TIMEOUT_SETTINGS: Record<TcpState, string> = {
  SYN_SENT: `${SETTING}tcp_timeout_syn_sent`,
  SYN_RECV: `${SETTING}tcp_timeout_syn_recv`,
  ESTABLISHED: `${SETTING}tcp_timeout_established`,
  FIN_WAIT: `${SETTING}tcp_timeout_fin_wait`,
  CLOSE_WAIT: `${SETTING}tcp_timeout_close_wait`,
  LAST_ACK: `${SETTING}tcp_timeout_last_ack`,
  TIME_WAIT: `${SETTING}tcp_timeout_time_wait`,
  CLOSE: `${SETTING}tcp_timeout_close`,
};

const ICMP_ECHO_REQUEST = 8;
const ICMP_ECHO_REPLY = 0;
const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);

export function tupleKey(t: Tuple): string {
  return `${t.proto}|${t.src}|${t.dst}|${t.sport}|${t.dport}`;
}

export function invert(t: Tuple): Tuple {
  return { proto: t.proto, src: t.dst, dst: t.src, sport: t.dport, dport: t.sport };
}

/** The tuple of a packet, or undefined when conntrack cannot track it (ICMP errors, replies without a query). */
export function packetTuple(p: PacketView): Tuple | undefined {
  if (p.proto === PROTO_TCP || p.proto === PROTO_UDP) {
    return { proto: p.proto, src: p.src, dst: p.dst, sport: p.sport ?? 0, dport: p.dport ?? 0 };
  }
  if (p.proto === PROTO_ICMP) {
    if (p.icmpType === ICMP_ECHO_REQUEST || p.icmpType === ICMP_ECHO_REPLY) {
      return { proto: p.proto, src: p.src, dst: p.dst, sport: p.icmpId ?? 0, dport: 0 };
    }
    return undefined;
  }
  return { proto: p.proto, src: p.src, dst: p.dst, sport: 0, dport: 0 };
}

// ICMP echo ids sit in sport for both directions, so the reply tuple keeps them there.
function expectedReply(t: Tuple): Tuple {
  if (t.proto === PROTO_ICMP) return { proto: t.proto, src: t.dst, dst: t.src, sport: t.sport, dport: 0 };
  return invert(t);
}

export type ConntrackEvent = 'NEW' | 'UPDATE' | 'DESTROY';

export interface ConntrackOptions {
  /** nf_conntrack_max; otherwise the namespace's setting. */
  max?: number;
  /** The namespace's value of a net.netfilter.nf_conntrack_* sysctl; the kernel's defaults when absent. */
  setting?: (key: string) => string | undefined;
}

export class ConntrackTable {
  private readonly fixedMax: number | undefined;
  private readonly setting: (key: string) => string | undefined;
  private readonly byTuple = new Map<string, { conn: Connection; dir: 'orig' | 'reply' }>();
  private readonly conns = new Set<Connection>();
  private nextId = 1;
  /** Packets dropped because the table was full (as the kernel logs it). */
  dropped = 0;
  private readonly listeners = new Set<(event: ConntrackEvent, conn: Connection) => void>();

  constructor(options: ConntrackOptions = {}) {
    this.fixedMax = options.max;
    this.setting = options.setting ?? ((key) => CONNTRACK_SYSCTLS[key]);
  }

  /** nf_conntrack_max: the most entries the table holds. */
  get max(): number {
    return this.fixedMax ?? this.numberSetting(MAX_SETTING);
  }

  /** A numeric setting, or the kernel's default when the written value is not a number. */
  private numberSetting(key: string): number {
    const value = Number(this.setting(key));
    return Number.isFinite(value) ? value : Number(CONNTRACK_SYSCTLS[key]);
  }

  /** ctnetlink events (`conntrack -E`): new entries, state changes, entries gone. */
  onEvent(listener: (event: ConntrackEvent, conn: Connection) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(event: ConntrackEvent, conn: Connection): void {
    for (const l of this.listeners) l(event, conn);
  }

  get size(): number {
    return this.conns.size;
  }

  /** Live confirmed entries, oldest first. */
  entries(now: number): Connection[] {
    this.expire(now);
    return [...this.conns];
  }

  /**
   * Classifies a packet entering the stack (PREROUTING or OUTPUT): finds its
   * connection or creates an unconfirmed one. Undefined for INVALID packets.
   */
  classify(p: PacketView, now: number): ConnInfo | undefined {
    const tuple = packetTuple(p);
    if (!tuple) return this.classifyIcmpError(p, now);
    const hit = this.lookup(tuple, now);
    if (hit) {
      const { conn, dir } = hit;
      if (dir === 'reply') conn.seenReply = true;
      this.refresh(conn, p, dir, now);
      const state = dir === 'reply' || conn.seenReply ? 'ESTABLISHED' : 'NEW';
      return { conn, dir, state };
    }
    if (p.proto === PROTO_ICMP && p.icmpType !== ICMP_ECHO_REQUEST) return undefined;
    const conn: Connection = {
      id: this.nextId++,
      orig: tuple,
      reply: expectedReply(tuple),
      seenReply: false,
      assured: false,
      confirmed: false,
      expires: now,
      natDecided: { src: false, dst: false },
    };
    if (p.proto === PROTO_ICMP) conn.icmpType = p.icmpType;
    this.refresh(conn, p, 'orig', now);
    return { conn, dir: 'orig', state: 'NEW' };
  }

  private classifyIcmpError(p: PacketView, now: number): ConnInfo | undefined {
    if (p.proto !== PROTO_ICMP || !ICMP_ERRORS.has(p.icmpType ?? -1) || !p.embedded) return undefined;
    const inner = packetTuple(p.embedded);
    if (!inner) return undefined;
    const hit = this.lookup(invert(inner), now) ?? this.lookup(expectedReply(inner), now);
    if (!hit) return undefined;
    // The quoted packet inverted is the error's own direction in the connection.
    return { conn: hit.conn, dir: hit.dir, state: 'RELATED' };
  }

  private lookup(tuple: Tuple, now: number): { conn: Connection; dir: 'orig' | 'reply' } | undefined {
    const hit = this.byTuple.get(tupleKey(tuple));
    if (hit && hit.conn.expires <= now) {
      this.remove(hit.conn);
      return undefined;
    }
    return hit;
  }

  /** Whether a reply tuple is already taken (NAT picks another source port then). */
  replyTaken(tuple: Tuple, now: number): boolean {
    return this.lookup(tuple, now) !== undefined;
  }

  /**
   * Puts a new connection in the table once its first packet leaves netfilter
   * accepted. False when the table is full and nothing could be evicted.
   */
  confirm(conn: Connection, now: number): boolean {
    if (conn.confirmed) return true;
    if (this.conns.size >= this.max) {
      this.expire(now);
      if (this.conns.size >= this.max && !this.evictOne()) {
        this.dropped++;
        return false;
      }
    }
    conn.confirmed = true;
    this.conns.add(conn);
    this.byTuple.set(tupleKey(conn.orig), { conn, dir: 'orig' });
    this.byTuple.set(tupleKey(conn.reply), { conn, dir: 'reply' });
    this.emit('NEW', conn);
    return true;
  }

  remove(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    this.byTuple.delete(tupleKey(conn.orig));
    this.byTuple.delete(tupleKey(conn.reply));
    this.emit('DESTROY', conn);
  }

  /** `conntrack -F`. */
  flush(): void {
    for (const conn of [...this.conns]) this.remove(conn);
  }

  expire(now: number): void {
    for (const conn of this.conns) if (conn.expires <= now) this.remove(conn);
  }

  // early_drop: the oldest connection that is not assured makes room.
  private evictOne(): boolean {
    for (const conn of this.conns) {
      if (!conn.assured) {
        this.remove(conn);
        return true;
      }
    }
    return false;
  }

  private refresh(conn: Connection, p: PacketView, dir: 'orig' | 'reply', now: number): void {
    const before = `${conn.tcpState}/${conn.assured}`;
    this.track(conn, p, dir, now);
    if (conn.confirmed && before !== `${conn.tcpState}/${conn.assured}`) this.emit('UPDATE', conn);
  }

  private track(conn: Connection, p: PacketView, dir: 'orig' | 'reply', now: number): void {
    let seconds: number;
    if (conn.orig.proto === PROTO_TCP) {
      conn.tcpState = nextTcpState(conn.tcpState, p, dir);
      if (conn.tcpState === 'ESTABLISHED' && conn.seenReply) conn.assured = true;
      seconds = this.numberSetting(TCP_TIMEOUT_SETTINGS[conn.tcpState]);
    } else if (conn.orig.proto === PROTO_UDP) {
      if (conn.seenReply && dir === 'orig') conn.assured = true;
      seconds = this.numberSetting(conn.seenReply ? TIMEOUT_SETTINGS.udpStream : TIMEOUT_SETTINGS.udp);
    } else if (conn.orig.proto === PROTO_ICMP) {
      seconds = this.numberSetting(TIMEOUT_SETTINGS.icmp);
    } else {
      seconds = this.numberSetting(TIMEOUT_SETTINGS.generic);
    }
    conn.expires = now + seconds * SECOND;
  }
}

/** Seconds left before the entry expires, as `conntrack -L` prints it. */
export function secondsLeft(conn: Connection, now: number): number {
  return Math.max(0, Math.floor((conn.expires - now) / SECOND));
}

// A reduced form of the kernel's TCP tracking table: enough for the states a
// learner sees in `conntrack -L` during a handshake, a transfer and a close.
function nextTcpState(state: TcpState | undefined, p: PacketView, dir: 'orig' | 'reply'): TcpState {
  const f = p.tcpFlags ?? { syn: false, ack: true, fin: false, rst: false };
  if (f.rst) return 'CLOSE';
  if (state === undefined) return f.syn && !f.ack ? 'SYN_SENT' : 'ESTABLISHED';
  if (f.syn && f.ack && dir === 'reply' && state === 'SYN_SENT') return 'SYN_RECV';
  if (f.syn) return state;
  if (f.fin) {
    if (state === 'ESTABLISHED' || state === 'SYN_RECV') return 'FIN_WAIT';
    if (state === 'FIN_WAIT' || state === 'CLOSE_WAIT') return 'LAST_ACK';
    return state;
  }
  if (state === 'SYN_RECV' && dir === 'orig') return 'ESTABLISHED';
  if (state === 'LAST_ACK') return 'TIME_WAIT';
  if (state === 'FIN_WAIT') return 'CLOSE_WAIT';
  return state;
}

// cspell:words ctnetlink
