import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('head and tail', () => {
  it('count lines and bytes from either end', async () => {
    const t = new TestTerminal();
    await t.run('seq 20 > /tmp/s');
    expect((await t.run('head -n 2 /tmp/s')).output).toBe('1\n2\n');
    expect((await t.run('head -c 5 /tmp/s')).output).toBe('1\n2\n3');
    expect((await t.run('head -n -18 /tmp/s')).output).toBe('1\n2\n');
    expect((await t.run('tail -n +19 /tmp/s')).output).toBe('19\n20\n');
    expect((await t.run('tail -c 3 /tmp/s')).output).toBe('20\n');
    expect((await t.run('tail -2 /tmp/s')).output).toBe('19\n20\n');
    expect((await t.run('head -c x /tmp/s; echo $?')).output).toBe("head: invalid number of bytes: 'x'\n1\n");
    expect((await t.run('head -c 4 /dev/zero | wc -c')).output).toBe('4\n');
  });

  it('tail -f prints what is appended until Ctrl-C', async () => {
    const t = new TestTerminal();
    await t.run('echo first > /tmp/log');
    t.session.write('tail -f /tmp/log\r');
    await t.clock.advance(1500);
    t.hosts.get('host')!.fs.appendFile('/tmp/log', 'second\n');
    await t.clock.advance(1500);
    expect(t.screen()).toContain('first\nsecond\n');
    t.session.write('\x03');
    await t.settle();
    expect(t.session.busy).toBe(false);
  });
});
