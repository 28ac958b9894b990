import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('uname', () => {
  it('prints the kernel and the host', async () => {
    const t = new TestTerminal();
    expect((await t.run('uname')).output).toBe('Linux\n');
    expect((await t.run('uname -n -m')).output).toBe('docker-host x86_64\n');
    expect((await t.run('uname -a')).output).toBe('Linux docker-host 5.10.0-26-amd64 #1 SMP Debian 5.10.197-1 (2023-09-29) x86_64 GNU/Linux\n');
    expect((await t.run('uname -x; echo $?')).output).toBe("uname: invalid option -- 'x'\nTry 'uname --help' for more information.\n1\n");
  });
});
