import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('wc', () => {
  it('counts lines, words, characters and bytes with totals', async () => {
    const t = new TestTerminal();
    await t.run('seq 20 > /tmp/s');
    await t.run("printf 'a b\\n' > /tmp/t");
    expect((await t.run('wc /tmp/s /tmp/t')).output).toBe('20 20 51 /tmp/s\n 1  2  4 /tmp/t\n21 22 55 total\n');
    expect((await t.run('wc -l < /tmp/s')).output).toBe('20\n');
    expect((await t.run("printf 'no newline' | wc -c")).output).toBe('10\n');
    expect((await t.run('wc -lw /tmp/s')).output).toBe('20 20 /tmp/s\n');
    expect((await t.run('cat /tmp/t | wc')).output).toBe('      1       2       4\n');
    expect((await t.run('wc -x; echo $?')).output).toBe("wc: invalid option -- 'x'\nTry 'wc --help' for more information.\n1\n");
  });
});
