import { describe, expect, it } from 'vitest';
import { TestTerminal } from './harness.js';

describe('line filters', () => {
  it('grep, head, tail, wc in pipelines', async () => {
    const t = new TestTerminal();
    await t.run("echo -e 'alpha\\nBeta\\ngamma\\nbeta two' > /tmp/words");
    expect((await t.run('grep -i beta /tmp/words')).output).toBe('Beta\nbeta two\n');
    expect((await t.run('grep -c a /tmp/words')).output).toBe('4\n');
    expect((await t.run('grep -vn a /tmp/words; echo $?')).output).toBe('1\n');
    expect((await t.run("grep 'alpha\\|gamma' /tmp/words")).output).toBe('alpha\ngamma\n');
    expect((await t.run('grep -E "^(B|g)" /tmp/words')).output).toBe('Beta\ngamma\n');
    expect((await t.run('grep -o "[a-z]*ta" /tmp/words')).output).toBe('eta\nbeta\n');
    expect((await t.run('cat /tmp/words | head -n 2')).output).toBe('alpha\nBeta\n');
    expect((await t.run('tail -1 /tmp/words')).output).toBe('beta two\n');
    expect((await t.run('cat /tmp/words | wc -l')).output).toBe('4\n');
    expect((await t.run('wc /tmp/words')).output).toBe(' 4  5 26 /tmp/words\n');
    expect((await t.run('grep x /nope')).output).toBe('grep: /nope: No such file or directory\n');
  });
});
