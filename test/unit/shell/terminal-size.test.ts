import { describe, expect, it } from 'vitest';
import { TestTerminal } from './harness.js';

describe('the terminal size as commands and variables see it', () => {
  it('stty size, tput cols/lines and $COLUMNS/$LINES follow a resize', async () => {
    const t = new TestTerminal();
    expect((await t.run('stty size')).output).toBe('24 80\n');
    expect((await t.run('echo $COLUMNS $LINES')).output).toBe('80 24\n');
    t.session.resize(132, 40);
    expect((await t.run('stty size')).output).toBe('40 132\n');
    expect((await t.run('tput cols; tput lines')).output).toBe('132\n40\n');
    expect((await t.run('echo $COLUMNS $LINES')).output).toBe('132 40\n');
    expect((await t.run('stty -a')).output).toMatch(/^speed 38400 baud; rows 40; columns 132; line = 0;\n/);
  });

  it('refuses what the real tools refuse, with their statuses', async () => {
    const t = new TestTerminal();
    expect(await t.run('stty foo')).toMatchObject({ output: "stty: invalid argument 'foo'\nTry 'stty --help' for more information.\n", exitCode: 1 });
    expect(await t.run('stty size < /dev/null')).toMatchObject({ output: "stty: 'standard input': Inappropriate ioctl for device\n", exitCode: 1 });
    expect(await t.run('tput bogus')).toMatchObject({ output: "tput: unknown terminfo capability 'bogus'\n", exitCode: 4 });
    expect((await t.run('tput')).exitCode).toBe(2);
    expect((await t.run('tput colors')).output).toBe('256\n');
  });
});
