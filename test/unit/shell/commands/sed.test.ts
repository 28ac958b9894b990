import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('sed (GNU)', () => {
  it('substitutes, addresses, edits in place', async () => {
    const t = new TestTerminal();
    await t.run("printf 'one two\\nthree four\\nfive six\\n' > /tmp/s");
    expect((await t.run("sed 's/o/0/g' /tmp/s")).output).toBe('0ne tw0\nthree f0ur\nfive six\n');
    expect((await t.run("sed -E 's/(\\w+) (\\w+)/\\2 \\1/' /tmp/s")).output).toBe('two one\nfour three\nsix five\n');
    expect((await t.run("sed -n '2p;$p' /tmp/s")).output).toBe('three four\nfive six\n');
    expect((await t.run("sed '/three/,$d' /tmp/s")).output).toBe('one two\n');
    expect((await t.run("sed -n 's/e/E/2p' /tmp/s")).output).toBe('threE four\n');
    expect((await t.run("sed 'y/ot/OT/;1q' /tmp/s")).output).toBe('One TwO\n');
    expect((await t.run("sed '1i top' /tmp/s | head -1")).output).toBe('top\n');
    await t.run("sed -i 's/six/6/' /tmp/s");
    expect((await t.run('tail -1 /tmp/s')).output).toBe('five 6\n');
  });

  it('reports script errors with GNU positions', async () => {
    const t = new TestTerminal();
    expect((await t.run("echo a | sed 's/a/b'; echo $?")).output).toBe("sed: -e expression #1, char 5: unterminated `s' command\n1\n");
    expect((await t.run("echo a | sed k; echo $?")).output).toBe("sed: -e expression #1, char 1: unknown command: `k'\n1\n");
    expect((await t.run('sed p /tmp/missing; echo $?')).output).toBe("sed: can't read /tmp/missing: No such file or directory\n2\n");
  });
});
