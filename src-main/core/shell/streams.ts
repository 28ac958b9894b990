// Byte-less text streams between commands: pipes, captured output, empty input,
// and the interrupt signal Ctrl-C fires.
import type { TimerId } from '../sim/clock.js';
import type { InputStream, Interrupt, OutputStream } from './command.js';

export class InterruptSignal implements Interrupt {
  private fired = false;
  private resolveFn!: () => void;
  readonly promise: Promise<void>;

  constructor() {
    this.promise = new Promise((resolve) => (this.resolveFn = resolve));
  }

  get signalled(): boolean {
    return this.fired;
  }

  fire(): void {
    if (this.fired) return;
    this.fired = true;
    this.resolveFn();
  }
}

/** Reads lines out of a chunked source; shared by pipes and the terminal. */
/** Lab-time timers, as the shell's clock and the kernel's clock both offer them. */
export interface Timers {
  setTimer(ms: number, callback: () => void): TimerId;
  clearTimer(id: TimerId): void;
}

/** Resolves after `ms` of lab time, or as soon as Ctrl-C interrupts (a command's `sleep`). */
export function sleepUnlessInterrupted(timers: Timers, interrupt: Interrupt, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (interrupt.signalled) return resolve();
    const id = timers.setTimer(ms, resolve);
    void interrupt.promise.then(() => {
      timers.clearTimer(id);
      resolve();
    });
  });
}

export abstract class LineReader implements InputStream {
  abstract readonly isTTY: boolean;
  /** Next chunk of text, or null at end of input. */
  protected abstract nextChunk(): Promise<string | null>;
  private buffered = '';
  private ended = false;

  async readAll(): Promise<string> {
    let all = this.buffered;
    this.buffered = '';
    for (;;) {
      const chunk = this.ended ? null : await this.nextChunk();
      if (chunk === null) {
        this.ended = true;
        return all;
      }
      all += chunk;
    }
  }

  async read(): Promise<string | null> {
    if (this.buffered !== '') {
      const text = this.buffered;
      this.buffered = '';
      return text;
    }
    if (this.ended) return null;
    const chunk = await this.nextChunk();
    if (chunk === null) this.ended = true;
    return chunk;
  }

  async readLine(): Promise<string | null> {
    for (;;) {
      const nl = this.buffered.indexOf('\n');
      if (nl >= 0) {
        const line = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        return line;
      }
      const chunk = this.ended ? null : await this.nextChunk();
      if (chunk === null) {
        this.ended = true;
        if (this.buffered === '') return null;
        const rest = this.buffered;
        this.buffered = '';
        return rest;
      }
      this.buffered += chunk;
    }
  }

  async *lines(): AsyncIterable<string> {
    for (let line = await this.readLine(); line !== null; line = await this.readLine()) yield line;
  }
}

/** What a pipe holds before its writer must wait for the reader, as Linux's pipe buffer. */
export const PIPE_BUFFER_SIZE = 64 * 1024;

/** A pipe: one command writes, the next reads; closing ends the reader's input. */
export class Pipe extends LineReader implements OutputStream {
  readonly isTTY = false;
  private chunks: string[] = [];
  private heldSize = 0;
  private closed = false;
  private readerGone = false;
  private waiting: ((chunk: string | null) => void) | undefined;
  private writersWaiting: (() => void)[] = [];
  private readerOutput: OutputStream | undefined;

  get broken(): boolean {
    return this.readerGone;
  }

  /** Characters written and not yet read. */
  get held(): number {
    return this.heldSize;
  }

  /** The reading command is done: what is written from now on is dropped. */
  release(): void {
    this.readerGone = true;
    this.chunks = [];
    this.heldSize = 0;
    this.wakeWriters();
  }

  /**
   * The reading command writes into `output`: it reads on only once that has room,
   * as a filter blocked in write() does, so `yes | awk 1 | sleep 100` holds two buffers.
   */
  feeds(output: OutputStream): void {
    this.readerOutput = output;
  }

  drained(): Promise<void> {
    if (this.heldSize <= PIPE_BUFFER_SIZE || this.readerGone) return Promise.resolve();
    return new Promise((resolve) => this.writersWaiting.push(resolve));
  }

  private wakeWriters(): void {
    const writers = this.writersWaiting;
    this.writersWaiting = [];
    for (const wake of writers) wake();
  }

  write(text: string): void {
    if (this.closed || this.readerGone || text === '') return;
    if (this.waiting) {
      const wake = this.waiting;
      this.waiting = undefined;
      wake(text);
    } else {
      this.chunks.push(text);
      this.heldSize += text.length;
    }
  }

  /** The writing command is done: the reader sees end of input. */
  close(): void {
    this.closed = true;
    if (this.waiting) {
      const wake = this.waiting;
      this.waiting = undefined;
      wake(null);
    }
  }

  protected async nextChunk(): Promise<string | null> {
    await this.readerOutput?.drained?.();
    if (this.chunks.length > 0) {
      const text = this.chunks.join('');
      this.chunks = [];
      this.heldSize = 0;
      this.wakeWriters();
      return text;
    }
    if (this.closed) return null;
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

/** Input that is already at its end (background jobs, `< /dev/null`). */
export class TextInput extends LineReader {
  readonly isTTY = false;
  private text: string | null;
  constructor(text = '') {
    super();
    this.text = text;
  }
  protected nextChunk(): Promise<string | null> {
    const text = this.text;
    this.text = null;
    return Promise.resolve(text === '' ? null : text);
  }
}

/** Collects what a command writes, for `$(...)` and hidden probe sessions. */
export class CaptureOutput implements OutputStream {
  readonly isTTY = false;
  text = '';
  write(text: string): void {
    this.text += text;
  }
}

/** Sends text to a callback, e.g. a terminal or a file being written. */
export class CallbackOutput implements OutputStream {
  constructor(
    private readonly sink: (text: string) => void,
    readonly isTTY: boolean,
  ) {}
  write(text: string): void {
    this.sink(text);
  }
}
