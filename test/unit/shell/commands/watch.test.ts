import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';
import { screenLines, watchTitle } from '../../../../src-main/core/shell/commands/watch.js';

describe('watch', () => {
  it('titles the screen as procps watch does', () => {
    // Recorded in the labhost image on a 60-column terminal: `watch -n 1 echo hi`.
    expect(watchTitle(1, 'echo hi', 'efbec36e5191', Date.UTC(2026, 11, 7, 5, 1, 17), 60)).toBe('Every 1.0s: echo hi   efbec36e5191: Mon Dec  7 05:01:17 2026');
    expect(watchTitle(1, 'date', 'docker-host', Date.UTC(2026, 11, 7, 3, 23, 6), 60)).toBe('Every 1.0s: date       docker-host: Mon Dec  7 03:23:06 2026');
  });

  it('marks changed characters with -d', () => {
    expect(screenLines('pkts 10\n', 'pkts 9\n', 80, 10)).toEqual(['pkts \x1b[7m10\x1b[27m']);
    expect(screenLines('same\n', 'same\n', 80, 10)).toEqual(['same']);
  });

  it('redraws every interval on the lab clock and restores the screen on Ctrl-C', async () => {
    const t = new TestTerminal();
    t.session.write('watch -n 1 date +%s\r');
    await t.clock.advance(10);
    const first = t.raw;
    expect(first).toContain('\x1b[?1049h');
    expect(t.screen()).toContain('Every 1.0s: date +%s');
    await t.clock.advance(3000);
    expect(t.raw.split('\x1b[H\x1b[2J').length - first.split('\x1b[H\x1b[2J').length).toBeGreaterThanOrEqual(3);
    t.session.write('\x03');
    await t.settle();
    expect(t.raw).toContain('\x1b[?1049l');
    expect(t.session.busy).toBe(false);
  });

  it('needs a command', async () => {
    const t = new TestTerminal();
    expect((await t.run('watch -n x date; echo $?')).output).toBe("watch: failed to parse argument: 'x'\n1\n");
  });
});
