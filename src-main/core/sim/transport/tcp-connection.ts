// One TCP connection: the RFC 793 state machine with the Linux behaviours
// tcpdump makes visible (option layout, initial windows, window scaling,
// quick and delayed ACKs, Nagle, FIN piggybacking, RST rules, TIME_WAIT).
// Pure logic: time, timers, randomness and IP output come from the env.
import type { Ipv4 } from '../wire/addr.js';
import type { TcpFlags, TcpOption, TcpSegment } from '../wire/packet.js';
import { ByteQueue } from './byte-queue.js';
import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from './seq.js';

export type TcpState =
  | 'CLOSED'
  | 'SYN_SENT'
  | 'SYN_RECEIVED'
  | 'ESTABLISHED'
  | 'FIN_WAIT_1'
  | 'FIN_WAIT_2'
  | 'CLOSE_WAIT'
  | 'CLOSING'
  | 'LAST_ACK'
  | 'TIME_WAIT';

/** errno names a socket call can fail with. */
export type SocketErrorCode =
  | 'ECONNREFUSED'
  | 'ECONNRESET'
  | 'ETIMEDOUT'
  | 'EHOSTUNREACH'
  | 'ENETUNREACH'
  | 'EADDRINUSE'
  | 'EADDRNOTAVAIL'
  | 'EPIPE'
  | 'EINVAL'
  | 'EPERM';

export interface TcpEnv {
  /** Lab time in ms (fractions allowed). */
  now(): number;
  setTimer(ms: number, callback: () => void): number;
  clearTimer(id: number | undefined): void;
  /** A uniformly distributed unsigned 32-bit number from the lab's seeded source. */
  random32(): number;
  /** Hands a segment to IP output (source and destination are the connection's addresses). */
  transmit(conn: TcpConnection, segment: TcpSegment): void;
  /** The connection reached CLOSED and leaves the socket tables. */
  released(conn: TcpConnection): void;
}

/** Linux defaults (sysctl values) the connection follows. */
export interface TcpTuning {
  /** MSS we advertise: the route's MTU minus 40. */
  advMss: number;
  /** net.ipv4.tcp_rmem default and max; the max decides the window scale. */
  rmemDefault: number;
  rmemMax: number;
  synRetries: number;
  synAckRetries: number;
  retries2: number;
  timeWaitMs: number;
  finTimeoutMs: number;
  /** TCP_NODELAY: send small segments without waiting for ACKs (Nagle off). */
  noDelay: boolean;
}

export const LINUX_TCP: TcpTuning = {
  advMss: 1460,
  rmemDefault: 131072,
  // 32 MiB gives window scale 10, as the reference host's captures show.
  rmemMax: 33554432,
  synRetries: 6,
  synAckRetries: 5,
  retries2: 15,
  timeWaitMs: 60_000,
  finTimeoutMs: 60_000,
  noDelay: false,
};

const TCP_TIMEOUT_INIT_MS = 1000;
const TCP_RTO_MIN_MS = 200;
const TCP_RTO_MAX_MS = 120_000;
const TCP_DELACK_MS = 40;
const TCP_MAX_QUICKACKS = 16;
const TCP_MSS_DEFAULT = 536;
const TCP_INIT_CWND = 10;
const TS_OPTION_BYTES = 12;
const MAX_OUT_OF_ORDER = 256;

export interface TcpEvents {
  /** The handshake completed. */
  established?(): void;
  /** Data or end of stream can be read. */
  readable?(): void;
  /** Acknowledged data freed send-buffer space. */
  sendSpace?(): void;
  /** The connection left the tables; `error` when it failed (refused, reset, timed out). */
  closed?(error?: SocketErrorCode): void;
}

function windowScaleFor(space: number): number {
  let scale = 0;
  while (space > 65535 && scale < 14) {
    space >>>= 1;
    scale++;
  }
  return scale;
}

function segLength(seg: TcpSegment): number {
  return seg.payload.length + (seg.flags.syn ? 1 : 0) + (seg.flags.fin ? 1 : 0);
}

interface PeerSynOptions {
  mss?: number;
  wscale?: number;
  sackOk: boolean;
  ts?: { value: number; echo: number };
}

function readSynOptions(options: TcpOption[]): PeerSynOptions {
  const out: PeerSynOptions = { sackOk: false };
  for (const o of options) {
    if (o.kind === 'mss') out.mss = o.value;
    else if (o.kind === 'wscale') out.wscale = Math.min(o.shift, 14);
    else if (o.kind === 'sackOK') out.sackOk = true;
    else if (o.kind === 'timestamp') out.ts = { value: o.value, echo: o.echo };
  }
  return out;
}

function timestampOf(options: TcpOption[]): { value: number; echo: number } | undefined {
  for (const o of options) if (o.kind === 'timestamp') return { value: o.value, echo: o.echo };
  return undefined;
}

export class TcpConnection {
  state: TcpState = 'CLOSED';
  events: TcpEvents = {};
  /** Error that ended the connection, if any. */
  error?: SocketErrorCode;
  /** True once the application closed it: it lives on only to finish the protocol. */
  orphaned = false;
  /** Came from a listener: a RST or timeout in SYN_RECEIVED just drops it. */
  passiveOpen = false;
  /** TCP_NODELAY: small segments go out without waiting for outstanding ACKs. */
  noDelay: boolean;

  // Send side (RFC 793 names).
  private iss = 0;
  private sndUna = 0;
  private sndNxt = 0;
  /** Highest sequence number sent; sndNxt falls back to sndUna after a timeout. */
  private sndMax = 0;
  private sndWnd = 0;
  private sndWl1 = 0;
  private sndWl2 = 0;
  private sndWscale = 0;
  private sndMss = TCP_MSS_DEFAULT;
  private sndWscaleOffered = false;
  private readonly sendQueue = new ByteQueue();
  private finQueued = false;
  /** The FIN is within [sndUna, sndNxt). */
  private finSent = false;
  /** The FIN was sent at least once (it is then the last sequence number, sndMax - 1). */
  private finEverSent = false;
  private cwnd = TCP_INIT_CWND * TCP_MSS_DEFAULT;
  private ssthresh = Number.MAX_SAFE_INTEGER;
  private dupAcks = 0;
  /** In fast recovery until this sequence number is acknowledged (NewReno). */
  private recoverUntil?: number;

  // Receive side.
  private irs = 0;
  private rcvNxt = 0;
  private rcvWup = 0;
  private rcvWnd = 0;
  private rcvWscale = 0;
  private rcvMss = TCP_MSS_DEFAULT;
  private rcvSsthresh = 0;
  private rcvBuf: number;
  private readonly recvQueue = new ByteQueue();
  private readonly outOfOrder = new Map<number, { payload: Uint8Array; fin: boolean }>();
  /** Start of the out-of-order segment that arrived last (its SACK block goes first, RFC 2018). */
  private lastOutOfOrder?: number;
  private finReceived = false;
  private readBytesSinceTune = 0;

  // Options.
  private tsEnabled = false;
  private tsOffset = 0;
  private tsRecent = 0;
  private sackOk = false;

  // ACK policy.
  private quickAcks = 0;
  private pingpong = false;
  private ackTimerStarted = false;
  private lastDataRecv = -Infinity;
  private unackedSegments = 0;

  // Timers.
  private rtoTimer?: number;
  private delackTimer?: number;
  private timeWaitTimer?: number;
  private finWait2Timer?: number;
  private persistTimer?: number;
  private rto = TCP_TIMEOUT_INIT_MS;
  private retries = 0;
  private srtt?: number;
  private rttvar = 0;
  private rttProbe?: { seq: number; sentAt: number };

  constructor(
    private readonly env: TcpEnv,
    readonly localAddress: Ipv4,
    readonly localPort: number,
    readonly remoteAddress: Ipv4,
    readonly remotePort: number,
    private readonly tuning: TcpTuning = LINUX_TCP,
  ) {
    this.rcvBuf = tuning.rmemDefault;
    this.noDelay = tuning.noDelay;
    this.rcvWscale = windowScaleFor(Math.max(tuning.rmemMax, 65535));
  }

  // ---- application side -------------------------------------------------

  /** Active open: sends SYN. */
  connect(): void {
    this.iss = this.env.random32();
    this.tsOffset = this.env.random32();
    this.sndUna = this.iss;
    this.sndNxt = this.sndMax = seqAdd(this.iss, 1);
    this.state = 'SYN_SENT';
    this.rcvWnd = this.initialWindow(this.tuning.advMss);
    this.rcvSsthresh = this.rcvWnd;
    this.sendSyn(false);
    this.armRto();
  }

  /** Passive open from a listener: `syn` is the peer's SYN. */
  acceptSyn(syn: TcpSegment): void {
    const opts = readSynOptions(syn.options);
    this.irs = syn.seq;
    this.rcvNxt = seqAdd(syn.seq, 1);
    this.rcvWup = this.rcvNxt;
    this.applyPeerOptions(opts);
    this.iss = this.env.random32();
    this.tsOffset = this.env.random32();
    this.sndUna = this.iss;
    this.sndNxt = this.sndMax = seqAdd(this.iss, 1);
    this.sndWnd = syn.window;
    this.sndWl1 = syn.seq;
    this.rcvWnd = this.initialWindow(this.tuning.advMss - (this.tsEnabled ? TS_OPTION_BYTES : 0));
    this.rcvSsthresh = this.rcvWnd;
    this.state = 'SYN_RECEIVED';
    this.sendSyn(true);
    this.armRto();
  }

  /** Queues bytes to send; returns false when the sending side is already shut. */
  write(data: Uint8Array): boolean {
    if (this.finQueued || this.state === 'CLOSED' || this.state === 'TIME_WAIT') return false;
    // write() copies, as the kernel does: the caller may reuse its buffer at once.
    this.sendQueue.push(data.slice());
    this.output();
    return true;
  }

  /** Bytes written but not yet acknowledged (ss's Send-Q). */
  get sendQueued(): number {
    return this.sendQueue.length;
  }

  /** Bytes received and not yet read (ss's Recv-Q). */
  get recvQueued(): number {
    return this.recvQueue.length;
  }

  /** End of stream: the peer's FIN arrived and every byte before it was read. */
  get eof(): boolean {
    return this.finReceived && this.recvQueue.length === 0;
  }

  /** Takes everything received so far and reopens the window. */
  read(): Uint8Array {
    const data = this.recvQueue.take();
    if (data.length > 0) this.afterRead(data.length);
    return data;
  }

  /** shutdown(SHUT_WR): FIN after the queued data. */
  shutdownWrite(): void {
    if (this.finQueued) return;
    switch (this.state) {
      case 'SYN_SENT':
        this.terminate();
        return;
      case 'SYN_RECEIVED':
      case 'ESTABLISHED':
        this.state = 'FIN_WAIT_1';
        break;
      case 'CLOSE_WAIT':
        this.state = 'LAST_ACK';
        break;
      default:
        return;
    }
    this.finQueued = true;
    this.output();
  }

  /** close(): FIN (or RST when received data was left unread, as Linux does). */
  close(): void {
    this.orphaned = true;
    if (this.recvQueue.length > 0 && this.state !== 'CLOSED') {
      this.abort();
      return;
    }
    this.shutdownWrite();
    if (this.state === 'FIN_WAIT_2') this.armFinWait2();
  }

  /** Abortive close: RST to the peer, gone at once. */
  abort(): void {
    if (['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT'].includes(this.state)) {
      this.emit({ rst: true, ack: true }, this.sndNxt, new Uint8Array(0), false);
    }
    this.terminate();
  }

  /** A listener dropping a half-open child (backlog overflow, listener closed). */
  drop(): void {
    this.terminate();
  }

  // ---- network side -----------------------------------------------------

  /** Whether `seq` lies in what we sent and is not yet acknowledged (an ICMP error may quote it). */
  quotesSequence(seq: number): boolean {
    return seqGe(seq, this.sndUna) && seqLt(seq, this.sndMax);
  }

  /** ICMP destination unreachable for this connection's packets. */
  icmpUnreachable(code: SocketErrorCode): void {
    // Linux fails a connection still in its handshake at once; later it is a soft error.
    if (this.state === 'SYN_SENT' || this.state === 'SYN_RECEIVED') this.fail(code);
  }

  receive(seg: TcpSegment): void {
    switch (this.state) {
      case 'CLOSED':
        return;
      case 'SYN_SENT':
        this.receiveInSynSent(seg);
        return;
      default:
        this.receiveSynchronized(seg);
    }
  }

  private receiveInSynSent(seg: TcpSegment): void {
    const f = seg.flags;
    if (f.ack && (seqLe(seg.ack, this.iss) || seqGt(seg.ack, this.sndNxt))) {
      if (!f.rst) this.sendReset(seg.ack);
      return;
    }
    if (f.rst) {
      if (f.ack) this.fail('ECONNREFUSED');
      return;
    }
    if (!f.syn) return;
    const opts = readSynOptions(seg.options);
    this.irs = seg.seq;
    this.rcvNxt = seqAdd(seg.seq, 1);
    this.rcvWup = this.rcvNxt;
    this.applyPeerOptions(opts);
    if (this.tsEnabled && opts.ts) this.tsRecent = opts.ts.value;
    if (f.ack) {
      this.sndUna = seg.ack;
      this.sndWnd = seg.window;
      this.sndWl1 = seg.seq;
      this.sndWl2 = seg.ack;
      this.sampleRtt(this.rttProbe?.sentAt);
      this.rttProbe = undefined;
      this.clearRto();
      this.state = 'ESTABLISHED';
      this.sendAck();
      this.events.established?.();
      this.output();
    } else {
      // Simultaneous open.
      this.state = 'SYN_RECEIVED';
      this.sendSyn(true);
    }
  }

  private receiveSynchronized(seg: TcpSegment): void {
    const f = seg.flags;
    const len = segLength(seg);
    const endSeq = seqAdd(seg.seq, len);
    const ts = this.tsEnabled ? timestampOf(seg.options) : undefined;

    // 1. Sequence check (Linux tcp_sequence): old or beyond-window segments get a duplicate ACK.
    if (seqLt(endSeq, this.rcvWup) || seqGt(seg.seq, seqAdd(this.rcvNxt, this.receiveWindow()))) {
      if (this.state === 'TIME_WAIT' && f.syn) return;
      if (!f.rst) this.sendAck();
      return;
    }
    // 2. RST: exact match resets, anything else in the window gets a challenge ACK.
    if (f.rst) {
      if (seg.seq !== this.rcvNxt) {
        this.sendAck();
        return;
      }
      if (this.state === 'SYN_RECEIVED') {
        if (this.passiveOpen) this.terminate();
        else this.fail('ECONNREFUSED');
      } else if (this.state === 'CLOSING' || this.state === 'LAST_ACK' || this.state === 'TIME_WAIT') {
        this.terminate();
      } else {
        this.fail('ECONNRESET');
      }
      return;
    }
    // 3. SYN on a synchronized connection: challenge ACK (RFC 5961).
    if (f.syn) {
      if (this.state === 'SYN_RECEIVED' && seg.seq === this.irs) {
        this.sendSyn(true); // the peer lost our SYN-ACK
        return;
      }
      this.sendAck();
      return;
    }
    if (!f.ack) return;

    // RFC 7323: remember the peer's clock from segments at or before our last ACK.
    if (ts && seqLe(seg.seq, this.rcvWup)) this.tsRecent = ts.value;

    // 4. ACK.
    if (this.state === 'SYN_RECEIVED') {
      if (seqGt(seg.ack, this.sndUna) && seqLe(seg.ack, this.sndNxt)) {
        this.sndUna = seg.ack;
        this.sndWnd = seg.window << this.sndWscale;
        this.sndWl1 = seg.seq;
        this.sndWl2 = seg.ack;
        this.sampleRtt(this.rttProbe?.sentAt);
        this.rttProbe = undefined;
        this.clearRto();
        this.state = this.finQueued ? 'FIN_WAIT_1' : 'ESTABLISHED';
        this.events.established?.();
      } else {
        this.sendReset(seg.ack);
        return;
      }
    }
    if (seqGt(seg.ack, this.sndMax)) {
      this.sendAck();
      return;
    }
    this.processAck(seg);
    if (this.state === 'CLOSED') return;

    // 5. Data and FIN.
    if (seg.payload.length > 0 || f.fin) {
      if (this.state === 'CLOSE_WAIT' || this.state === 'CLOSING' || this.state === 'LAST_ACK') {
        // The peer already sent FIN; nothing more can arrive.
      } else if (this.state === 'TIME_WAIT') {
        // A retransmitted FIN: our last ACK was lost.
        this.sendAck();
        this.armTimeWait();
      } else if (this.orphaned && seg.payload.length > 0 && seqGt(endSeq, this.rcvNxt)) {
        // Data for an application that is gone.
        this.abort();
      } else {
        this.receiveData(seg);
      }
    }
    this.output();
  }

  private processAck(seg: TcpSegment): void {
    const acked = seqDiff(seg.ack, this.sndUna);
    if (seqGe(seg.ack, this.sndUna)) {
      const windowUpdate =
        seqLt(this.sndWl1, seg.seq) || (this.sndWl1 === seg.seq && seqLe(this.sndWl2, seg.ack));
      const newWnd = seg.window << this.sndWscale;
      if (acked === 0 && seg.payload.length === 0 && !seg.flags.fin && newWnd === this.sndWnd && this.inFlight() > 0) {
        this.onDupAck();
      }
      if (windowUpdate) {
        this.sndWnd = newWnd;
        this.sndWl1 = seg.seq;
        this.sndWl2 = seg.ack;
        if (newWnd > 0) this.clearPersist();
      }
    }
    if (acked <= 0) return;

    const finAcked = this.finEverSent && seg.ack === this.sndMax;
    const dataAcked = Math.min(acked - (finAcked ? 1 : 0), this.sendQueue.length);
    this.sendQueue.drop(dataAcked);
    this.sndUna = seg.ack;
    if (seqGt(seg.ack, this.sndNxt)) {
      // The receiver had kept what we sent before a timeout made us go back.
      this.sndNxt = seg.ack;
      if (finAcked) this.finSent = true;
    }
    this.dupAcks = 0;
    if (this.recoverUntil !== undefined) {
      // NewReno: a partial ACK shows the next hole; resend it at once instead of waiting for a timeout.
      if (seqLt(seg.ack, this.recoverUntil)) this.retransmitHead();
      else this.recoverUntil = undefined;
    }
    if (this.rttProbe && seqGe(seg.ack, this.rttProbe.seq)) {
      this.sampleRtt(this.rttProbe.sentAt);
      this.rttProbe = undefined;
    }
    this.retries = 0;
    if (this.cwnd < this.ssthresh) this.cwnd += Math.min(dataAcked, this.sndMss);
    else this.cwnd += Math.max(1, Math.floor((this.sndMss * this.sndMss) / this.cwnd));
    if (this.inFlight() === 0) this.clearRto();
    else this.armRto(true);
    if (dataAcked > 0) this.events.sendSpace?.();

    if (finAcked) {
      switch (this.state) {
        case 'FIN_WAIT_1':
          this.state = 'FIN_WAIT_2';
          if (this.orphaned) this.armFinWait2();
          break;
        case 'CLOSING':
          this.enterTimeWait();
          break;
        case 'LAST_ACK':
          this.terminate();
          break;
      }
    }
  }

  private onDupAck(): void {
    this.dupAcks++;
    if (this.dupAcks !== 3 || this.recoverUntil !== undefined) return;
    // Fast retransmit: resend the first unacknowledged segment, halve the window.
    this.ssthresh = Math.max(Math.floor(this.inFlight() / 2), 2 * this.sndMss);
    this.cwnd = this.ssthresh;
    this.recoverUntil = this.sndMax;
    this.retransmitHead();
  }

  private receiveData(seg: TcpSegment): void {
    let payload = seg.payload;
    let seq = seg.seq;
    let fin = !!seg.flags.fin;
    if (seqLt(seq, this.rcvNxt)) {
      const skip = seqDiff(this.rcvNxt, seq);
      if (skip >= payload.length + (fin ? 1 : 0)) {
        this.sendAck(); // a pure duplicate
        return;
      }
      payload = payload.subarray(Math.min(skip, payload.length));
      seq = this.rcvNxt;
    }
    const window = this.receiveWindow();
    if (payload.length > window) {
      payload = payload.subarray(0, window);
      fin = false;
    }
    if (seq !== this.rcvNxt) {
      // Out of order: keep it for later and tell the sender where the hole is.
      if (this.outOfOrder.size < MAX_OUT_OF_ORDER) this.outOfOrder.set(seq, { payload, fin });
      this.lastOutOfOrder = seq;
      this.sendAck();
      return;
    }
    if (this.outOfOrder.size === 0) {
      this.acceptInOrder(payload, fin);
    } else {
      // Filling a hole: one immediate ACK covers this and whatever was held beyond it.
      this.acceptInOrder(payload, fin, false);
      this.drainOutOfOrder();
      this.sendAck();
    }
    this.events.readable?.();
  }

  /** Moves held segments the hole-filling data reached into the stream (overlaps trimmed). */
  private drainOutOfOrder(): void {
    for (let progressed = true; progressed && !this.finReceived; ) {
      progressed = false;
      for (const [start, held] of [...this.outOfOrder]) {
        if (seqGt(start, this.rcvNxt)) continue;
        this.outOfOrder.delete(start);
        const end = seqAdd(start, held.payload.length);
        if (seqGt(end, this.rcvNxt) || (held.fin && end === this.rcvNxt)) {
          this.acceptInOrder(held.payload.subarray(seqDiff(this.rcvNxt, start)), held.fin, false);
          progressed = true;
        }
      }
    }
  }

  private acceptInOrder(payload: Uint8Array, fin: boolean, ackNow = true): void {
    if (payload.length > 0) {
      this.recvQueue.push(payload); // packets are immutable: no copy needed
      this.rcvNxt = seqAdd(this.rcvNxt, payload.length);
      if (ackNow) this.onDataReceived(payload.length);
      else this.lastDataRecv = this.env.now();
    }
    if (fin && !this.finReceived) {
      this.finReceived = true;
      this.rcvNxt = seqAdd(this.rcvNxt, 1);
      switch (this.state) {
        case 'SYN_RECEIVED':
        case 'ESTABLISHED':
          // Linux enters pingpong mode: the ACK waits so the application's own FIN can carry it.
          this.state = 'CLOSE_WAIT';
          this.pingpong = true;
          this.scheduleDelayedAck();
          break;
        case 'FIN_WAIT_1':
          this.state = 'CLOSING';
          this.sendAck();
          break;
        case 'FIN_WAIT_2':
          this.sendAck();
          this.enterTimeWait();
          break;
      }
    }
  }

  private onDataReceived(len: number): void {
    const now = this.env.now();
    if (!this.ackTimerStarted) {
      // First data: Linux starts in quick-ACK mode.
      this.ackTimerStarted = true;
      this.quickAcks = Math.min(Math.floor(this.rcvWnd / (2 * this.rcvMss)), TCP_MAX_QUICKACKS);
    }
    this.lastDataRecv = now;
    if (len >= this.rcvMss) this.rcvMss = Math.min(len, this.tuning.advMss);
    // Receive-window growth (tcp_grow_window), bounded by the buffer's free space.
    if (len >= TCP_MSS_DEFAULT) {
      const room = Math.min(this.windowClamp(), this.freeSpace()) - this.rcvSsthresh;
      if (room > 0) this.rcvSsthresh += Math.min(room, Math.max(2 * this.rcvMss, 2 * len));
    }
    this.unackedSegments++;
    const fullSegmentsPending = seqDiff(this.rcvNxt, this.rcvWup) > this.rcvMss && this.unackedSegments >= 2;
    if ((this.quickAcks > 0 && !this.pingpong) || fullSegmentsPending) {
      if (this.quickAcks > 0) this.quickAcks--;
      this.sendAck();
    } else {
      this.scheduleDelayedAck();
    }
  }

  private afterRead(n: number): void {
    // Receive-buffer auto-tuning: an application that keeps up earns a bigger buffer.
    this.readBytesSinceTune += n;
    if (this.readBytesSinceTune >= this.rcvBuf / 4 && this.rcvBuf < this.tuning.rmemMax) {
      this.rcvBuf = Math.min(this.rcvBuf * 2, this.tuning.rmemMax);
      this.readBytesSinceTune = 0;
    }
    if (this.state !== 'ESTABLISHED' && this.state !== 'FIN_WAIT_1' && this.state !== 'FIN_WAIT_2') return;
    const current = this.receiveWindow();
    const possible = this.computeWindow();
    if (possible >= 2 * current && possible - current >= 2 * this.rcvMss) this.sendAck();
  }

  // ---- output ------------------------------------------------------------

  private inFlight(): number {
    return seqDiff(this.sndNxt, this.sndUna);
  }

  private output(): void {
    if (!['ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT_1', 'LAST_ACK', 'CLOSING'].includes(this.state)) return;
    for (;;) {
      if (this.finSent) return;
      const offset = this.inFlight();
      const unsent = this.sendQueue.length - offset;
      const usable = Math.min(this.sndWnd, this.cwnd) - offset;
      if (unsent > 0) {
        const len = Math.min(unsent, this.sndMss, usable);
        if (len <= 0) {
          if (this.sndWnd === 0 && offset === 0) this.armPersist();
          return;
        }
        const last = len === unsent;
        const withFin = this.finQueued && last;
        // Nagle and sender-side silly-window avoidance: small segments wait for ACKs.
        if (len < this.sndMss && offset > 0 && !withFin && (!this.noDelay || !last)) return;
        const payload = this.sendQueue.peek(offset, len);
        if (!this.rttProbe && seqGe(this.sndNxt, this.sndMax)) {
          this.rttProbe = { seq: seqAdd(this.sndNxt, len), sentAt: this.env.now() };
        }
        this.emit({ ack: true, psh: last, fin: withFin }, this.sndNxt, payload, true);
        this.advanceSndNxt(len, withFin);
        this.noteDataSent();
        this.armRto();
      } else if (this.finQueued) {
        this.emit({ fin: true, ack: true }, this.sndNxt, new Uint8Array(0), true);
        this.advanceSndNxt(0, true);
        this.armRto();
        return;
      } else {
        return;
      }
    }
  }

  private advanceSndNxt(len: number, fin: boolean): void {
    this.sndNxt = seqAdd(this.sndNxt, len + (fin ? 1 : 0));
    if (seqGt(this.sndNxt, this.sndMax)) this.sndMax = this.sndNxt;
    if (fin) this.finSent = this.finEverSent = true;
  }

  private noteDataSent(): void {
    // Replying soon after receiving makes Linux treat the connection as interactive.
    if (this.env.now() - this.lastDataRecv < TCP_DELACK_MS) this.pingpong = true;
  }

  private retransmitHead(): void {
    if (this.state === 'SYN_SENT' || this.state === 'SYN_RECEIVED') {
      // The answer's timestamp echo dates it from this copy: time the sample from here.
      this.rttProbe = undefined;
      this.sendSyn(this.state === 'SYN_RECEIVED');
      return;
    }
    const inFlight = this.inFlight();
    if (inFlight <= 0) return;
    const dataInFlight = Math.min(inFlight - (this.finSent ? 1 : 0), this.sendQueue.length);
    const len = Math.min(dataInFlight, this.sndMss);
    const payload = this.sendQueue.peek(0, len);
    const fin = this.finSent && len === dataInFlight;
    this.rttProbe = undefined; // Karn: no RTT samples from retransmissions
    this.emit({ ack: true, psh: len > 0 && len === this.sendQueue.length, fin }, this.sndUna, payload, true);
  }

  /** Sends one segment with the current ACK, window and timestamp. */
  private emit(flags: TcpFlags, seq: number, payload: Uint8Array, carriesAck: boolean): void {
    const options: TcpOption[] = this.tsEnabled
      ? [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamp', value: this.tsVal(), echo: this.tsRecent }]
      : [];
    if (flags.ack && this.sackOk && this.outOfOrder.size > 0) {
      options.push({ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: this.sackBlocks(this.tsEnabled ? 3 : 4) });
    }
    const rst = !!flags.rst;
    const window = rst ? 0 : this.advertiseWindow();
    const segment: TcpSegment = {
      kind: 'tcp',
      srcPort: this.localPort,
      dstPort: this.remotePort,
      seq,
      ack: flags.ack ? this.rcvNxt : 0,
      flags,
      window,
      urgent: 0,
      options: rst ? [] : options,
      payload,
    };
    if (carriesAck && flags.ack) this.ackSent();
    this.env.transmit(this, segment);
  }

  /** The data held beyond a hole as SACK blocks, the latest arrival's block first. */
  private sackBlocks(max: number): Array<[number, number]> {
    const ranges = [...this.outOfOrder.entries()]
      .map(([start, { payload }]): [number, number] => [start, seqAdd(start, payload.length)])
      .sort((a, b) => seqDiff(a[0], b[0]));
    const merged: Array<[number, number]> = [];
    for (const [start, end] of ranges) {
      const last = merged[merged.length - 1];
      if (last && seqLe(start, last[1])) {
        if (seqGt(end, last[1])) last[1] = end;
      } else {
        merged.push([start, end]);
      }
    }
    const latest = this.lastOutOfOrder;
    const first = merged.findIndex(([start, end]) => latest !== undefined && seqLe(start, latest) && seqLt(latest, end));
    if (first > 0) merged.unshift(...merged.splice(first, 1));
    return merged.slice(0, max);
  }

  private sendAck(): void {
    if (this.state === 'CLOSED') return;
    this.emit({ ack: true }, this.sndNxt, new Uint8Array(0), true);
  }

  private sendReset(seq: number): void {
    this.env.transmit(this, {
      kind: 'tcp',
      srcPort: this.localPort,
      dstPort: this.remotePort,
      seq,
      ack: 0,
      flags: { rst: true },
      window: 0,
      urgent: 0,
      options: [],
      payload: new Uint8Array(0),
    });
  }

  private sendSyn(withAck: boolean): void {
    // Linux's layout: mss, then sackOK+TS (or nops), then nop+wscale.
    const options: TcpOption[] = [{ kind: 'mss', value: this.tuning.advMss }];
    const offerTs = withAck ? this.tsEnabled : true;
    const offerSack = withAck ? this.sackOk : true;
    const offerWscale = withAck ? this.rcvWscale > 0 && this.sndWscaleOffered : true;
    if (offerTs) {
      if (offerSack) options.push({ kind: 'sackOK' });
      else options.push({ kind: 'nop' }, { kind: 'nop' });
      options.push({ kind: 'timestamp', value: this.tsVal(), echo: withAck ? this.tsRecent : 0 });
    } else if (offerSack) {
      options.push({ kind: 'nop' }, { kind: 'nop' }, { kind: 'sackOK' });
    }
    if (offerWscale) options.push({ kind: 'nop' }, { kind: 'wscale', shift: this.rcvWscale });
    if (!this.rttProbe) this.rttProbe = { seq: seqAdd(this.iss, 1), sentAt: this.env.now() };
    const segment: TcpSegment = {
      kind: 'tcp',
      srcPort: this.localPort,
      dstPort: this.remotePort,
      seq: this.iss,
      ack: withAck ? this.rcvNxt : 0,
      flags: withAck ? { syn: true, ack: true } : { syn: true },
      window: Math.min(this.rcvWnd, 65535),
      urgent: 0,
      options,
      payload: new Uint8Array(0),
    };
    this.env.transmit(this, segment);
  }

  private applyPeerOptions(opts: PeerSynOptions): void {
    this.tsEnabled = opts.ts !== undefined;
    if (opts.ts) this.tsRecent = opts.ts.value;
    this.sackOk = opts.sackOk;
    if (opts.wscale !== undefined) {
      this.sndWscale = opts.wscale;
      this.sndWscaleOffered = true;
    } else {
      this.sndWscale = 0;
      this.rcvWscale = 0;
    }
    const peerMss = opts.mss ?? TCP_MSS_DEFAULT;
    this.sndMss = Math.min(peerMss, this.tuning.advMss) - (this.tsEnabled ? TS_OPTION_BYTES : 0);
    this.cwnd = TCP_INIT_CWND * this.sndMss;
  }

  private tsVal(): number {
    return (Math.floor(this.env.now()) + this.tsOffset) >>> 0;
  }

  // ---- windows -----------------------------------------------------------

  /** tcp_select_initial_window: the buffer's half, rounded down to whole segments. */
  private initialWindow(mss: number): number {
    const space = this.tuning.rmemDefault / 2;
    return space > mss ? Math.floor(space / mss) * mss : space;
  }

  private windowClamp(): number {
    return Math.min(65535 << this.rcvWscale, this.tuning.rmemMax / 2);
  }

  /** tcp_space: half of what is free in the receive buffer. */
  private freeSpace(): number {
    return Math.max(0, Math.floor((this.rcvBuf - this.recvQueue.length) / 2));
  }

  /** The window as Linux would choose it now, in bytes (a multiple of the scale unit). */
  private computeWindow(): number {
    const unit = 1 << this.rcvWscale;
    const free = Math.min(this.freeSpace(), this.rcvSsthresh);
    const aligned = Math.ceil(free / unit) * unit;
    return Math.min(aligned, 65535 * unit);
  }

  /** What is left of the last advertised window. */
  private receiveWindow(): number {
    return Math.max(0, this.rcvWup + this.rcvWnd - this.rcvNxt);
  }

  /** Window field for an outgoing segment; never shrinks the advertised right edge. */
  private advertiseWindow(): number {
    let win = this.computeWindow();
    const current = this.receiveWindow();
    if (win < current) win = Math.ceil(current / (1 << this.rcvWscale)) * (1 << this.rcvWscale);
    this.rcvWnd = win;
    this.rcvWup = this.rcvNxt;
    return Math.min(win >>> this.rcvWscale, 65535);
  }

  // ---- ACK timers --------------------------------------------------------

  private scheduleDelayedAck(): void {
    if (this.delackTimer !== undefined) return;
    this.delackTimer = this.env.setTimer(TCP_DELACK_MS, () => {
      this.delackTimer = undefined;
      this.sendAck();
    });
  }

  private ackSent(): void {
    this.unackedSegments = 0;
    if (this.delackTimer !== undefined) {
      this.env.clearTimer(this.delackTimer);
      this.delackTimer = undefined;
    }
  }

  // ---- retransmission ----------------------------------------------------

  private sampleRtt(sentAt: number | undefined): void {
    if (sentAt === undefined) return;
    const r = Math.max(0, this.env.now() - sentAt);
    if (this.srtt === undefined) {
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    this.rto = Math.min(Math.max(this.srtt + Math.max(1, 4 * this.rttvar), TCP_RTO_MIN_MS), TCP_RTO_MAX_MS);
  }

  private armRto(restart = false): void {
    if (this.rtoTimer !== undefined && !restart) return;
    this.env.clearTimer(this.rtoTimer);
    const delay = Math.min(this.rto * 2 ** this.retries, TCP_RTO_MAX_MS);
    this.rtoTimer = this.env.setTimer(delay, () => {
      this.rtoTimer = undefined;
      this.onRetransmitTimeout();
    });
  }

  private clearRto(): void {
    this.env.clearTimer(this.rtoTimer);
    this.rtoTimer = undefined;
  }

  private onRetransmitTimeout(): void {
    const limit =
      this.state === 'SYN_SENT'
        ? this.tuning.synRetries
        : this.state === 'SYN_RECEIVED'
          ? this.tuning.synAckRetries
          : this.tuning.retries2;
    if (this.retries >= limit) {
      if (this.state === 'SYN_RECEIVED' && this.passiveOpen) this.terminate();
      else this.fail('ETIMEDOUT');
      return;
    }
    this.retries++;
    this.ssthresh = Math.max(Math.floor(this.inFlight() / 2), 2 * this.sndMss);
    this.cwnd = this.sndMss;
    this.dupAcks = 0;
    if (this.state === 'SYN_SENT' || this.state === 'SYN_RECEIVED') {
      this.retransmitHead();
    } else {
      // Everything in flight counts as lost: go back to the first unacknowledged byte.
      this.recoverUntil = undefined;
      this.sndNxt = this.sndUna;
      this.finSent = false;
      this.rttProbe = undefined;
      this.output();
    }
    this.armRto();
  }

  private armPersist(): void {
    if (this.persistTimer !== undefined || this.rtoTimer !== undefined) return;
    this.persistTimer = this.env.setTimer(Math.min(this.rto * 2 ** this.retries, TCP_RTO_MAX_MS), () => {
      this.persistTimer = undefined;
      if (this.sndWnd > 0 || this.state === 'CLOSED') return;
      // Zero-window probe: an old sequence number makes the peer answer with its window.
      this.emit({ ack: true }, seqAdd(this.sndUna, -1), new Uint8Array(0), false);
      this.retries = Math.min(this.retries + 1, this.tuning.retries2);
      this.armPersist();
    });
  }

  private clearPersist(): void {
    this.env.clearTimer(this.persistTimer);
    this.persistTimer = undefined;
  }

  private armFinWait2(): void {
    if (this.finWait2Timer !== undefined) return;
    this.finWait2Timer = this.env.setTimer(this.tuning.finTimeoutMs, () => {
      this.finWait2Timer = undefined;
      if (this.state === 'FIN_WAIT_2') this.terminate();
    });
  }

  private enterTimeWait(): void {
    this.state = 'TIME_WAIT';
    this.clearRto();
    this.clearPersist();
    this.env.clearTimer(this.finWait2Timer);
    this.finWait2Timer = undefined;
    this.armTimeWait();
    this.events.readable?.();
  }

  private armTimeWait(): void {
    this.env.clearTimer(this.timeWaitTimer);
    this.timeWaitTimer = this.env.setTimer(this.tuning.timeWaitMs, () => {
      this.timeWaitTimer = undefined;
      this.terminate();
    });
  }

  // ---- endings -----------------------------------------------------------

  private fail(error: SocketErrorCode): void {
    this.error = error;
    this.terminate();
  }

  private terminate(): void {
    if (this.state === 'CLOSED') return;
    this.state = 'CLOSED';
    for (const t of [this.rtoTimer, this.delackTimer, this.timeWaitTimer, this.finWait2Timer, this.persistTimer]) {
      this.env.clearTimer(t);
    }
    this.rtoTimer = this.delackTimer = this.timeWaitTimer = this.finWait2Timer = this.persistTimer = undefined;
    this.env.released(this);
    this.events.closed?.(this.error);
    this.events.readable?.();
  }
}
