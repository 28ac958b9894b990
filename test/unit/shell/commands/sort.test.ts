import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('sort', () => {
  it('orders by keys, numbers, sizes and versions', async () => {
    const t = new TestTerminal();
    await t.run("printf 'b 2\\na 10\\nc 1\\na 3\\n' > /tmp/k");
    expect((await t.run('sort -k2n /tmp/k')).output).toBe('c 1\nb 2\na 3\na 10\n');
    expect((await t.run('sort -k1,1 -s /tmp/k')).output).toBe('a 10\na 3\nb 2\nc 1\n');
    expect((await t.run('sort -u -k1,1 /tmp/k')).output).toBe('a 10\nb 2\nc 1\n');
    expect((await t.run("printf '1M\\n2K\\n9\\n' | sort -h")).output).toBe('9\n2K\n1M\n');
    expect((await t.run("printf 'v1.10\\nv1.2\\n' | sort -V")).output).toBe('v1.2\nv1.10\n');
    expect((await t.run("printf '3\\n20\\n1\\n' | sort -rn")).output).toBe('20\n3\n1\n');
    expect((await t.run("printf 'a,2\\nb,1\\n' | sort -t, -k2")).output).toBe('b,1\na,2\n');
    await t.run('sort -o /tmp/k /tmp/k');
    expect((await t.run('head -1 /tmp/k')).output).toBe('a 10\n');
    expect((await t.run('sort -k x /tmp/k; echo $?')).output).toBe("sort: invalid number at field start: invalid count at start of 'x'\n2\n");
    expect((await t.run("printf 'b\\na\\n' | sort -c; echo $?")).output).toBe('sort: -:2: disorder: a\n1\n');
  });
});
