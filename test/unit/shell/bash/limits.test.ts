// What one value may grow to: a runaway expansion ends with bash's out-of-memory
// message and the shell stays usable, instead of filling the app's memory.
import { describe, expect, it } from 'vitest';
import { VALUE_LIMIT } from '../../../../src-main/core/shell/bash/expansion.js';
import { TestTerminal } from '../harness.js';

describe('bash value limits', () => {
  it('a doubling string stops at the limit with xmalloc, and the shell answers after it', async () => {
    const t = new TestTerminal();
    const doubled = await t.run('x=a; for i in $(seq 40); do x=$x$x; done; echo ${#x}');
    expect(doubled.output).toMatch(/^bash: xmalloc: cannot allocate \d+ bytes\n/);
    // The loop ended at the first doubling past the limit: x kept the last value that fit.
    const length = Number((await t.run('echo ${#x}')).output);
    expect(length).toBeLessThanOrEqual(VALUE_LIMIT);
    expect(length * 2).toBeGreaterThan(VALUE_LIMIT);
  }, 120_000);

  it('appending with += is bounded the same way', async () => {
    const t = new TestTerminal();
    const record = await t.run('x=aaaaaaaaaaaaaaaa; for i in $(seq 30); do x+=$x; done');
    expect(record.output).toMatch(/^bash: xmalloc: cannot allocate \d+ bytes\n/);
    expect((await t.run('echo ok')).output).toBe('ok\n');
  }, 120_000);

  it('an array grows past what a spread may pass as arguments, and stops at the limit', async () => {
    const t = new TestTerminal();
    const many = await t.run('a=(x); for i in $(seq 18); do a+=("${a[@]}"); done; echo ${#a[@]}');
    expect(many.output).toBe(`${2 ** 18}\n`);
    const kilobyte = 'k'.repeat(1024);
    const runaway = await t.run(`b=(${kilobyte}); for i in $(seq 20); do b+=("\${b[@]}"); done; echo \${#b[@]}`);
    expect(runaway.output).toMatch(/^bash: xmalloc: cannot allocate \d+ bytes\n/);
    expect(Number((await t.run('echo ${#b[@]}')).output)).toBe(2 ** 13);
  }, 120_000);

  it('values under the limit are kept whole', async () => {
    const t = new TestTerminal();
    const record = await t.run('x=$(printf "%065536d" 0); y="$x$x"; echo ${#y}');
    expect(record.output).toBe('131072\n');
  });
});
