import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('xargs', () => {
  it('builds command lines from its input', async () => {
    const t = new TestTerminal();
    expect((await t.run("printf 'a\\nb\\nc\\n' | xargs echo")).output).toBe('a b c\n');
    expect((await t.run("printf 'a b c d e' | xargs -n 2 echo")).output).toBe('a b\nc d\ne\n');
    expect((await t.run("printf 'x\\ny\\n' | xargs -I{} echo 'item {}'")).output).toBe('item x\nitem y\n');
    expect((await t.run("printf 'p q\\0r\\0' | xargs -0 -n1 echo")).output).toBe('p q\nr\n');
    expect((await t.run("echo \"'quoted arg' b\" | xargs -n1")).output).toBe('quoted arg\nb\n');
    expect((await t.run('echo one | xargs -t echo')).output).toBe('echo one\none\n');
    expect((await t.run('true | xargs -r echo nothing; echo $?')).output).toBe('0\n');
  });

  it('reports commands that fail or do not exist', async () => {
    const t = new TestTerminal();
    expect((await t.run('echo x | xargs nosuchcmd; echo $?')).output).toBe('xargs: nosuchcmd: No such file or directory\n127\n');
    expect((await t.run('echo x | xargs false; echo $?')).output).toBe('123\n');
  });
});
