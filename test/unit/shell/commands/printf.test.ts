import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('printf (bash builtin)', () => {
  it('formats, reuses the format and reports bad numbers', async () => {
    const t = new TestTerminal();
    expect((await t.run("printf '%s=%d\\n' a 1 b 2 c")).output).toBe('a=1\nb=2\nc=0\n');
    expect((await t.run("printf '%5.2f|%-4s|%x|%o|%e|%g|%c|%%\\n' 3.14159 ab 255 8 12345.678 0.0001 xyz")).output).toBe(' 3.14|ab  |ff|10|1.234568e+04|0.0001|x|%\n');
    expect((await t.run("printf '%q\\n' \"it's a test\"")).output).toBe("it\\'s\\ a\\ test\n");
    expect((await t.run("printf '%b|' 'a\\tb' 'stop\\cignored'; echo")).output).toBe('a\tb|stop\n');
    expect((await t.run("printf '%d\\n' abc; echo \"status $?\"")).output).toBe('bash: printf: abc: invalid number\n0\nstatus 1\n');
    expect((await t.run('printf; echo "status $?"')).output).toBe('printf: usage: printf [-v var] format [arguments]\nstatus 2\n');
    expect((await t.run("printf '%05d|%+d|%x\\n' 42 7 0x1F")).output).toBe('00042|+7|1f\n');
  });
});
