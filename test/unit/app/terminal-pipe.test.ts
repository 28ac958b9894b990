import { describe, expect, it } from 'vitest';
import type { Disposable, TerminalSession } from '../../../src-main/core/lab/backend.js';
import { TerminalPipe } from '../../../src-main/core/app/terminal-pipe.js';
import { ManualScheduler } from './manual-scheduler.js';

class FakeSession implements TerminalSession {
  readonly name = 'host';
  readonly busy = false;
  paused = false;
  private listener: ((chunk: Uint8Array) => void) | undefined;
  emit(bytes: number, fill = 0x61): void {
    this.listener?.(new Uint8Array(bytes).fill(fill));
  }
  write(): void {}
  resize(): void {}
  onData(listener: (chunk: Uint8Array) => void): Disposable {
    this.listener = listener;
    return { dispose: () => (this.listener = undefined) };
  }
  onExit(): Disposable {
    return { dispose() {} };
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  dispose(): void {}
}

function setup() {
  const scheduler = new ManualScheduler();
  const session = new FakeSession();
  const sent: Uint8Array[] = [];
  const pipe = new TerminalPipe(session, scheduler, (d) => sent.push(d), { batchMs: 5, highWatermark: 100_000, lowWatermark: 5_000 });
  return { scheduler, session, sent, pipe };
}

describe('terminal output pipe', () => {
  it('batches chunks that arrive within 5 ms into one Uint8Array, in order', () => {
    const { scheduler, session, sent } = setup();
    session.emit(3, 0x41);
    session.emit(2, 0x42);
    scheduler.advance(4);
    expect(sent).toHaveLength(0);
    scheduler.advance(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(Uint8Array);
    expect(String.fromCharCode(...sent[0])).toBe('AAABB');
  });

  it('pauses the session above the high watermark and resumes below the low one', () => {
    const { scheduler, session, sent, pipe } = setup();
    for (let i = 0; i < 30; i++) {
      session.emit(8192);
      scheduler.advance(5);
    }
    const deliveredWhilePaused = sent.reduce((n, d) => n + d.length, 0);
    expect(pipe.isPaused).toBe(true);
    expect(session.paused).toBe(true);
    // Nothing more is sent while paused, even though the session kept writing.
    expect(deliveredWhilePaused).toBeLessThanOrEqual(100_000 + 8192);
    pipe.ack(deliveredWhilePaused - 6000);
    expect(pipe.isPaused).toBe(true);
    pipe.ack(2000);
    expect(pipe.isPaused).toBe(false);
    expect(session.paused).toBe(false);
    scheduler.advance(5);
    const total = sent.reduce((n, d) => n + d.length, 0);
    expect(total).toBe(30 * 8192);
  });

  it('flush sends queued output at once and dispose cancels the timer', () => {
    const { scheduler, session, sent, pipe } = setup();
    session.emit(10);
    pipe.flush();
    expect(sent).toHaveLength(1);
    session.emit(10);
    pipe.dispose();
    scheduler.advance(10);
    expect(sent).toHaveLength(1);
    expect(scheduler.pending).toBe(0);
  });
});
