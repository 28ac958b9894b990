import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('tee', () => {
  it('copies input to stdout and files, appending with -a', async () => {
    const t = new TestTerminal();
    expect((await t.run('echo one | tee /tmp/a /tmp/b')).output).toBe('one\n');
    await t.run('echo two | tee -a /tmp/a > /tmp/c');
    expect((await t.run('cat /tmp/a /tmp/b /tmp/c')).output).toBe('one\ntwo\none\ntwo\n');
    expect((await t.run('echo x | tee /nodir/f; echo $?')).output).toBe('tee: /nodir/f: No such file or directory\nx\n1\n');
  });
});
