import { afterEach, describe, expect, it, vi } from 'vitest';
import { InterruptSignal, Pipe, PIPE_BUFFER_SIZE } from '../../../src-main/core/shell/streams.js';
import { TestTerminal } from './harness.js';

/** Records the most any pipe held right after a write, while a command line runs. */
function watchPipes(): { most: () => number } {
  let most = 0;
  const write = Pipe.prototype.write;
  vi.spyOn(Pipe.prototype, 'write').mockImplementation(function (this: Pipe, text: string) {
    write.call(this, text);
    most = Math.max(most, this.held);
  });
  return { most: () => most };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('pipe buffer', () => {
  it('makes a writer wait while it holds more than one pipe buffer, and lets it go as the reader reads', async () => {
    const pipe = new Pipe();
    pipe.write('x'.repeat(PIPE_BUFFER_SIZE));
    let drained = false;
    void pipe.drained().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(true);
    pipe.write('y');
    expect(pipe.held).toBe(PIPE_BUFFER_SIZE + 1);
    drained = false;
    void pipe.drained().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false);
    expect((await pipe.read())?.length).toBe(PIPE_BUFFER_SIZE + 1);
    await Promise.resolve();
    expect(drained).toBe(true);
    expect(pipe.held).toBe(0);
  });

  it('frees a waiting writer when the reader is gone', async () => {
    const pipe = new Pipe();
    pipe.write('x'.repeat(PIPE_BUFFER_SIZE + 1));
    const waiting = pipe.drained();
    pipe.release();
    await waiting;
    expect(pipe.held).toBe(0);
    expect(pipe.broken).toBe(true);
  });

  // The most a pipe may hold: one buffer plus the last write (yes writes 512 characters at a time, echo 2).
  it.each([
    ['yes | sleep 100', PIPE_BUFFER_SIZE + 512],
    // The filter reads on only when its own output has room, as one blocked in write() does.
    ['yes | sed p | sleep 100', PIPE_BUFFER_SIZE + 1024],
    ['while true; do echo x; done | sleep 100', PIPE_BUFFER_SIZE + 2],
  ])('keeps every pipe of `%s` to one buffer, and Ctrl-C ends it', async (line, most) => {
    const pipes = watchPipes();
    const t = new TestTerminal();
    t.session.write(line + '\r');
    await t.clock.advance(10_000);
    expect(t.session.busy).toBe(true);
    expect(pipes.most()).toBeGreaterThan(PIPE_BUFFER_SIZE);
    expect(pipes.most()).toBeLessThanOrEqual(most);
    t.session.write('\x03');
    await t.settle();
    expect(t.session.busy).toBe(false);
  });

  it('stops `yes` when its reader ends without reading', async () => {
    const t = new TestTerminal();
    expect((await t.run('yes | true; echo ${PIPESTATUS[@]}')).output).toBe('141 0\n');
  });

  it('stops a runaway loop into /dev/null on Ctrl-C', async () => {
    const t = new TestTerminal();
    t.session.write('while true; do echo x; done > /dev/null\r');
    // The loop never lets lab time pass, so the clock's advance only ends once Ctrl-C stops it.
    const running = t.clock.advance(1);
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.session.busy).toBe(true);
    t.session.write('\x03');
    await running;
    await t.settle();
    expect(t.session.busy).toBe(false);
  });
});

describe('interrupt', () => {
  it('fires once', () => {
    const signal = new InterruptSignal();
    signal.fire();
    signal.fire();
    expect(signal.signalled).toBe(true);
  });
});
