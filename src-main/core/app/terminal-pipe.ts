// Carries one session's output to the renderer the way VS Code's pty host
// does: chunks gathered for a few milliseconds and sent as one Uint8Array
// (an idle pipe sends at once, so a keystroke's echo never waits for the batch),
// and the session paused while the renderer is far behind (more than the
// high watermark of unacknowledged characters) until acks bring it under the
// low watermark. A flood (`ping -f`, a huge listing) then cannot freeze the UI.
import { flowControl } from '../api/contract.js';
import type { Disposable, TerminalSession } from '../lab/backend.js';
import type { Scheduler } from './scheduler.js';

/** Sessions that can stop producing (node-pty can); others are held back here instead. */
export interface PausableSession extends TerminalSession {
  pause(): void;
  resume(): void;
}

function isPausable(session: TerminalSession): session is PausableSession {
  const s = session as Partial<PausableSession>;
  return typeof s.pause === 'function' && typeof s.resume === 'function';
}

export interface PipeOptions {
  batchMs?: number;
  highWatermark?: number;
  lowWatermark?: number;
}

export class TerminalPipe implements Disposable {
  private queued: Uint8Array[] = [];
  private queuedBytes = 0;
  /** The batch window: output that arrives while it is open waits for its end. */
  private timer: unknown;
  /** An idle pipe's send, at the end of the current turn so one burst goes as one message. */
  private sendSoon = false;
  private disposed = false;
  private unacknowledged = 0;
  private paused = false;
  private readonly subscription: Disposable;
  private readonly batchMs: number;
  private readonly high: number;
  private readonly low: number;

  constructor(
    private readonly session: TerminalSession,
    private readonly scheduler: Scheduler,
    private readonly send: (data: Uint8Array, echoesTyping: boolean) => void,
    options: PipeOptions = {},
  ) {
    this.batchMs = options.batchMs ?? flowControl.batchMs;
    this.high = options.highWatermark ?? flowControl.highWatermarkChars;
    this.low = options.lowWatermark ?? flowControl.lowWatermarkChars;
    // The first window opens with the pipe (before output that was waiting
    // for a listener arrives): the session's first prompt then follows the
    // answer that names the session instead of overtaking it.
    this.openWindow();
    this.subscription = session.onData((chunk) => this.receive(chunk));
  }

  /** True while output is held back waiting for acknowledgements. */
  get isPaused(): boolean {
    return this.paused;
  }

  get unacknowledgedChars(): number {
    return this.unacknowledged;
  }

  /** The renderer has written `chars` more characters. */
  ack(chars: number): void {
    this.unacknowledged = Math.max(0, this.unacknowledged - chars);
    if (this.paused && this.unacknowledged < this.low) {
      this.paused = false;
      if (isPausable(this.session)) this.session.resume();
      if (this.queuedBytes > 0) this.schedule();
    }
  }

  /** Sends whatever is queued now (before an exit event, so no output is lost). */
  flush(): void {
    if (this.timer !== undefined) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.sendQueued();
  }

  private sendQueued(): void {
    if (this.queuedBytes === 0 || this.paused) return;
    const data = this.queued.length === 1 ? this.queued[0] : concat(this.queued, this.queuedBytes);
    this.queued = [];
    this.queuedBytes = 0;
    this.unacknowledged += data.length;
    // Read as it is sent: the state after everything this message carries.
    this.send(data, this.session.echoesTyping === true);
    if (this.unacknowledged > this.high) {
      this.paused = true;
      if (isPausable(this.session)) this.session.pause();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.queued = [];
    this.queuedBytes = 0;
  }

  private receive(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    // The session may reuse its buffer: keep a copy.
    this.queued.push(chunk.slice());
    this.queuedBytes += chunk.length;
    if (!this.paused) this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.sendSoon) return;
    this.sendSoon = true;
    void Promise.resolve().then(() => {
      this.sendSoon = false;
      if (this.disposed) return;
      this.sendQueued();
      this.openWindow();
    });
  }

  /** Gathers what follows for batchMs; a window that gathered something sends it and opens the next. */
  private openWindow(): void {
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      if (this.queuedBytes === 0 || this.paused) return;
      this.sendQueued();
      this.openWindow();
    }, this.batchMs);
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
