// Test fixture: two TCP connections joined by a simulated wire with latency,
// optional loss, and a log of every segment in tcpdump's words.
import { Clock } from '../../../../src-main/core/sim/clock.js';
import { seededRandom } from '../../../../src-main/core/sim/world.js';
import type { TcpSegment } from '../../../../src-main/core/sim/wire/packet.js';
import { LINUX_TCP, TcpConnection, type TcpEnv, type TcpTuning } from '../../../../src-main/core/sim/transport/tcp-connection.js';

export interface WireRecord {
  time: number;
  from: 'client' | 'server';
  segment: TcpSegment;
}

/** The lab's seeded source, as 32-bit numbers. */
export function seeded(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.floor(random() * 4294967296) >>> 0;
}

export interface PairOptions {
  latencyMs?: number;
  /** Return true to lose the segment. */
  lose?: (record: WireRecord, index: number) => boolean;
  clientTuning?: Partial<TcpTuning>;
  serverTuning?: Partial<TcpTuning>;
  seed?: number;
}

export class TcpPair {
  readonly clock = new Clock();
  readonly wire: WireRecord[] = [];
  readonly client: TcpConnection;
  server?: TcpConnection;
  released: TcpConnection[] = [];
  private sent = 0;

  constructor(private readonly options: PairOptions = {}) {
    const random32 = seeded(options.seed ?? 1);
    const latency = options.latencyMs ?? 0.02;
    const env = (side: 'client' | 'server'): TcpEnv => ({
      now: () => this.clock.now(),
      setTimer: (ms, cb) => this.clock.setTimer(ms, cb),
      clearTimer: (id) => this.clock.clearTimer(id),
      random32,
      released: (conn) => this.released.push(conn),
      transmit: (_conn, segment) => {
        const record: WireRecord = { time: this.clock.now(), from: side, segment };
        this.wire.push(record);
        if (this.options.lose?.(record, this.sent++)) return;
        this.clock.setTimer(latency, () => this.arrive(side === 'client' ? 'server' : 'client', segment));
      },
    });
    this.serverEnv = env('server');
    this.client = new TcpConnection(env('client'), '172.16.211.1', 44652, '172.17.0.5', 80, {
      ...LINUX_TCP,
      ...options.clientTuning,
    });
  }

  private readonly serverEnv: TcpEnv;
  /** Set to accept connections; otherwise SYNs are answered by nobody. */
  listening = true;

  private arrive(to: 'client' | 'server', segment: TcpSegment): void {
    if (to === 'client') {
      this.client.receive(segment);
      return;
    }
    if (!this.server) {
      if (!this.listening || !segment.flags.syn || segment.flags.ack) return;
      this.server = new TcpConnection(this.serverEnv, '172.17.0.5', 80, '172.16.211.1', 44652, {
        ...LINUX_TCP,
        ...this.options.serverTuning,
      });
      this.server.passiveOpen = true;
      this.onServer?.(this.server);
      this.server.acceptSyn(segment);
      return;
    }
    this.server.receive(segment);
  }

  onServer?: (conn: TcpConnection) => void;

  /** tcpdump -n lines (without timestamps), seq/ack relative after the handshake as tcpdump prints them. */
  lines(): string[] {
    const isn: Record<string, number> = {};
    return this.wire.map(({ from, segment: s }) => {
      const src = from === 'client' ? '172.16.211.1.44652' : '172.17.0.5.80';
      const dst = from === 'client' ? '172.17.0.5.80' : '172.16.211.1.44652';
      const peer = from === 'client' ? 'server' : 'client';
      const f = s.flags;
      const flags =
        (f.fin ? 'F' : '') + (f.syn ? 'S' : '') + (f.rst ? 'R' : '') + (f.psh ? 'P' : '') + (f.ack ? '.' : '');
      let text = `IP ${src} > ${dst}: Flags [${flags}]`;
      const rel = (v: number, base: number | undefined) => (base === undefined ? v : (v - base) >>> 0);
      if (f.syn) isn[from] = s.seq;
      const seqBase = f.syn ? undefined : isn[from];
      const ackBase = f.syn ? undefined : isn[peer];
      const seq = rel(s.seq, seqBase);
      if (s.payload.length > 0) text += `, seq ${seq}:${seq + s.payload.length}`;
      else if (f.syn || f.fin || f.rst) text += `, seq ${seq}`;
      if (f.ack) text += `, ack ${rel(s.ack, ackBase)}`;
      text += `, win ${s.window}`;
      if (s.options.length > 0) {
        const opts = s.options.map((o) => {
          switch (o.kind) {
            case 'mss':
              return `mss ${o.value}`;
            case 'timestamp':
              return `TS val ${o.value} ecr ${o.echo}`;
            case 'wscale':
              return `wscale ${o.shift}`;
            case 'sack':
              // tcpdump prints SACK edges relative to the acknowledged side's initial sequence number.
              return `sack ${o.blocks.length} ${o.blocks.map(([x, y]) => `{${rel(x, ackBase)}:${rel(y, ackBase)}}`).join('')}`;
            default:
              return o.kind;
          }
        });
        text += `, options [${opts.join(',')}]`;
      }
      return `${text}, length ${s.payload.length}`;
    });
  }
}

export const text = (s: string): Uint8Array => new TextEncoder().encode(s);
