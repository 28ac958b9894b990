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
  it('an idle pipe sends a burst at once as one Uint8Array; what follows within 5 ms is batched, in order', async () => {
    const { scheduler, session, sent } = setup();
    // A new pipe gathers its first output for one window.
    scheduler.advance(5);
    session.emit(3, 0x41);
    session.emit(2, 0x42);
    expect(sent).toHaveLength(0);
    await Promise.resolve();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(Uint8Array);
    expect(String.fromCharCode(...sent[0])).toBe('AAABB');
    session.emit(1, 0x43);
    session.emit(1, 0x44);
    scheduler.advance(4);
    await Promise.resolve();
    expect(sent).toHaveLength(1);
    scheduler.advance(1);
    expect(sent.map((d) => String.fromCharCode(...d))).toEqual(['AAABB', 'CD']);
    // Quiet for a whole window: the next chunk goes at once again.
    scheduler.advance(5);
    session.emit(1, 0x45);
    await Promise.resolve();
    expect(sent.map((d) => String.fromCharCode(...d))).toEqual(['AAABB', 'CD', 'E']);
  });

  it('each message says whether the session echoes typed keys as themselves once it is written', async () => {
    const scheduler = new ManualScheduler();
    const session = new (class extends FakeSession {
      echoesTyping = false;
    })();
    const sent: Array<[string, boolean]> = [];
    new TerminalPipe(session, scheduler, (d, echoesTyping) => sent.push([String.fromCharCode(...d), echoesTyping]), { batchMs: 5 });
    scheduler.advance(5);
    session.emit(1, 0x41);
    await Promise.resolve();
    scheduler.advance(5);
    session.emit(1, 0x42);
    session.echoesTyping = true;
    await Promise.resolve();
    expect(sent).toEqual([
      ['A', false],
      ['B', true],
    ]);
  });

  it('output that waited for a listener goes out after the first window, not at once', async () => {
    const scheduler = new ManualScheduler();
    const session = new FakeSession();
    // A session that hands over its first prompt as soon as someone listens.
    const onData = session.onData.bind(session);
    session.onData = (listener) => {
      const subscription = onData(listener);
      session.emit(4, 0x50);
      return subscription;
    };
    const sent: Uint8Array[] = [];
    new TerminalPipe(session, scheduler, (d) => sent.push(d), { batchMs: 5 });
    await Promise.resolve();
    expect(sent).toHaveLength(0);
    scheduler.advance(5);
    expect(sent.map((d) => String.fromCharCode(...d))).toEqual(['PPPP']);
  });

  it('pauses the session above the high watermark and resumes below the low one', async () => {
    const { scheduler, session, sent, pipe } = setup();
    scheduler.advance(5);
    for (let i = 0; i < 30; i++) {
      session.emit(8192);
      await Promise.resolve();
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
    await Promise.resolve();
    scheduler.advance(5);
    const total = sent.reduce((n, d) => n + d.length, 0);
    expect(total).toBe(30 * 8192);
  });

  it('flush sends queued output at once and dispose cancels the timer', async () => {
    const { scheduler, session, sent, pipe } = setup();
    session.emit(10);
    pipe.flush();
    expect(sent).toHaveLength(1);
    session.emit(10);
    pipe.dispose();
    await Promise.resolve();
    scheduler.advance(10);
    expect(sent).toHaveLength(1);
    expect(scheduler.pending).toBe(0);
  });
});
