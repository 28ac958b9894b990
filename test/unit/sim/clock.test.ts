import { describe, expect, it } from 'vitest';
import { Clock } from '../../../src-main/core/sim/clock.js';

describe('Clock', () => {
  it('fires timers in time order, ties in the order they were set', async () => {
    const clock = new Clock();
    const fired: string[] = [];
    clock.setTimer(20, () => fired.push('b@20'));
    clock.setTimer(10, () => fired.push('a@10'));
    clock.setTimer(20, () => fired.push('c@20'));
    const cancelled = clock.setTimer(15, () => fired.push('never'));
    clock.clearTimer(cancelled);
    await clock.advance(19);
    expect(fired).toEqual(['a@10']);
    expect(clock.now()).toBe(19);
    await clock.advance(1);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
  });

  it('lets awaiting code continue at the lab time it slept until', async () => {
    const clock = new Clock();
    const seen: number[] = [];
    const task = (async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(1000);
        seen.push(clock.now());
      }
    })();
    await clock.advance(10_000);
    await task;
    expect(seen).toEqual([1000, 2000, 3000]);
    expect(clock.now()).toBe(10_000);
  });

  it('runUntilIdle stops at the limit and reports the time that passed', async () => {
    const clock = new Clock();
    let ticks = 0;
    const tick = () => {
      ticks++;
      clock.setTimer(100, tick);
    };
    clock.setTimer(100, tick);
    expect(await clock.runUntilIdle(1000)).toBe(1000);
    expect(ticks).toBe(10);
    const idle = new Clock();
    idle.setTimer(5, () => {});
    expect(await idle.runUntilIdle(1000)).toBe(5);
  });

  it('keeps running when a timer callback throws, and records the error', async () => {
    const clock = new Clock();
    let after = false;
    clock.setTimer(1, () => {
      throw new Error('boom');
    });
    clock.setTimer(2, () => (after = true));
    await clock.advance(5);
    expect(after).toBe(true);
    expect(clock.failures).toHaveLength(1);
  });

  it('maps lab time to the wall clock it pretends', () => {
    const clock = new Clock({ epochMs: Date.UTC(2026, 0, 1) });
    expect(new Date(clock.wallTimeMs()).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
