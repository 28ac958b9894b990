import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('seq', () => {
  it('counts with steps, separators, widths, formats and floats', async () => {
    const t = new TestTerminal();
    expect((await t.run('seq 3')).output).toBe('1\n2\n3\n');
    expect((await t.run('seq 10 -4 1')).output).toBe('10\n6\n2\n');
    expect((await t.run('seq -s, 4')).output).toBe('1,2,3,4\n');
    expect((await t.run('seq -w 9 11')).output).toBe('09\n10\n11\n');
    expect((await t.run('seq 0.5 0.5 1.5')).output).toBe('0.5\n1.0\n1.5\n');
    expect((await t.run("seq -f '%03g' 2")).output).toBe('001\n002\n');
    expect((await t.run('seq -3 -1')).output).toBe('-3\n-2\n-1\n');
    expect((await t.run('seq 1 x; echo $?')).output).toBe("seq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.\n1\n");
  });

  it('stops when its reader is gone', async () => {
    const t = new TestTerminal();
    expect((await t.run('seq 1000000000 | head -2')).output).toBe('1\n2\n');
  });
});
