import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('uniq', () => {
  it('merges adjacent lines, counts, and picks duplicates or uniques', async () => {
    const t = new TestTerminal();
    await t.run("printf 'a\\na\\nB\\nb\\nc\\n' > /tmp/u");
    expect((await t.run('uniq /tmp/u')).output).toBe('a\nB\nb\nc\n');
    expect((await t.run('uniq -c /tmp/u')).output).toBe('      2 a\n      1 B\n      1 b\n      1 c\n');
    expect((await t.run('uniq -d /tmp/u')).output).toBe('a\n');
    expect((await t.run('uniq -u /tmp/u')).output).toBe('B\nb\nc\n');
    expect((await t.run('uniq -i -c /tmp/u')).output).toBe('      2 a\n      2 B\n      1 c\n');
    expect((await t.run("printf 'x 1\\ny 1\\n' | uniq -f 1")).output).toBe('x 1\n');
  });
});
