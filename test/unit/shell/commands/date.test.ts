import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('date', () => {
  it('formats given times as GNU date does, in UTC', async () => {
    const t = new TestTerminal();
    expect((await t.run('date -u -d @0')).output).toBe('Thu Jan  1 00:00:00 UTC 1970\n');
    expect((await t.run("date -d @1700000000 '+%Y-%m-%d %H:%M:%S %a %j %u %s %e %p %Z %z'")).output).toBe('2023-11-14 22:13:20 Tue 318 2 1700000000 14 PM UTC +0000\n');
    expect((await t.run('date -R -d @1700000000')).output).toBe('Tue, 14 Nov 2023 22:13:20 +0000\n');
    expect((await t.run('date -Iseconds -d @1700000000')).output).toBe('2023-11-14T22:13:20+00:00\n');
    expect((await t.run("date -d '2024-02-29 13:45:07' +%s")).output).toBe('1709214307\n');
    expect((await t.run("date -d '2024-02-29 + 1 day' +%F")).output).toBe('2024-03-01\n');
    expect((await t.run("date -d 'not a date'; echo $?")).output).toBe("date: invalid date 'not a date'\n1\n");
  });

  it('reads the lab clock', async () => {
    const t = new TestTerminal();
    const first = (await t.run('date +%s')).output;
    await t.clock.advance(5000);
    const later = (await t.run('date +%s')).output;
    expect(Number(later) - Number(first)).toBeGreaterThanOrEqual(5);
  });
});
