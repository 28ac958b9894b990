import { describe, expect, it } from 'vitest';
import { TestTerminal } from './harness.js';

describe('generic commands', () => {
  it('jq filters JSON from a pipe with the real jq', async () => {
    const t = new TestTerminal();
    await t.run(`echo '{"Name":"c1","IPs":["172.17.0.2"]}' > /tmp/c1.json`);
    expect((await t.run('cat /tmp/c1.json | jq -r .IPs[0]')).output).toBe('172.17.0.2\n');
    expect((await t.run('jq -c "{n: .Name}" /tmp/c1.json')).output).toBe('{"n":"c1"}\n');
    const bad = await t.run('echo "{" | jq .');
    expect(bad.exitCode).toBe(2);
    expect(bad.output).toMatch(/^jq: error \(at .*\): |^jq: parse error/);
    const compile = await t.run('echo 1 | jq ".a |"');
    expect(compile.exitCode).toBe(3);
    expect(compile.output).toContain('compile error');
  });

  it('ls, cd, pwd and cat over the per-host files', async () => {
    const t = new TestTerminal();
    expect((await t.run('cd /etc && pwd && ls')).output).toBe('/etc\nhostname\n');
    expect(t.screen()).toContain('root@docker-host:/etc# ');
    expect((await t.run('cat hostname')).output).toBe('docker-host\n');
    const missing = await t.run('ls /nope');
    expect(missing).toMatchObject({ output: "ls: cannot access '/nope': No such file or directory\n", exitCode: 2 });
    expect((await t.run('cd /nope')).output).toBe('bash: cd: /nope: No such file or directory\n');
  });

  it('ls -d lists its operands themselves, sorted, and names the missing ones (real engine: ls -d /etc)', async () => {
    const t = new TestTerminal();
    expect((await t.run('ls -d /etc')).output).toBe('/etc\n');
    expect((await t.run('ls -d /tmp /etc/hostname /etc | cat')).output).toBe('/etc\n/etc/hostname\n/tmp\n');
    expect(await t.run('ls -d /nope /etc')).toMatchObject({ output: "ls: cannot access '/nope': No such file or directory\n/etc\n", exitCode: 2 });
  });

  it('history lists lines numbered as bash does', async () => {
    const t = new TestTerminal();
    await t.run('echo a');
    expect((await t.run('history')).output).toBe('    1  echo a\n    2  history\n');
  });

  it('export makes a variable part of the environment', async () => {
    const t = new TestTerminal();
    await t.run('FOO=1');
    expect((await t.run('env | jq -R -r "select(startswith(\\"FOO\\"))"')).output).toBe('');
    await t.run('export FOO');
    expect((await t.run('env | jq -R -r "select(startswith(\\"FOO\\"))"')).output).toBe('FOO=1\n');
  });

  it('sleep rejects bad intervals, whoami and hostname print', async () => {
    const t = new TestTerminal();
    expect((await t.run('sleep abc')).output).toBe("sleep: invalid time interval 'abc'\nTry 'sleep --help' for more information.\n");
    expect((await t.run('whoami; hostname')).output).toBe('root\ndocker-host\n');
  });

  it('bash -c runs a line; man shows a page; help lists commands', async () => {
    const t = new TestTerminal();
    expect((await t.run('bash -c "echo in && false"; echo $?')).output).toBe('in\n1\n');
    expect((await t.run('man echo | cat')).output).toContain('NAME\n       echo - display a line of text');
    expect((await t.run('man nosuch')).output).toBe('No manual entry for nosuch\n');
    expect((await t.run('help')).output).toMatch(/^awk +pattern scanning and text processing language\nbash +GNU Bourne-Again SHell\n/);
  });

  it('cat on the terminal echoes lines until Ctrl-D', async () => {
    const t = new TestTerminal();
    t.session.write('cat\r');
    await t.clock.advance(0);
    t.session.write('typed line\r');
    await t.clock.advance(0);
    t.session.write('\x04');
    await t.settle();
    expect(t.finished.at(-1)).toMatchObject({ command: 'cat', output: 'typed line\ntyped line\n', exitCode: 0 });
  });
});

describe('--help', () => {
  it('coreutils print usage and options, builtins their help text', async () => {
    const t = new TestTerminal();
    const cat = await t.run('cat --help');
    expect(cat.exitCode).toBe(0);
    expect(cat.output.split('\n').slice(0, 2)).toEqual(['Usage: cat [OPTION]... [FILE]...', 'Concatenate files and print on the standard output.']);
    expect((await t.run('cd --help')).output.split('\n')[0]).toBe('cd: cd [dir]');
    expect((await t.run('kill --help')).output.split('\n')[0]).toBe('kill: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]');
    // bash's echo has no options of that name: it prints them.
    expect((await t.run('echo --help')).output).toBe('--help\n');
  });
});

// cspell:words jobspec nosuch sigspec

describe('bash -c', () => {
  it('runs in a child shell: exported variables in, its own variables not out', async () => {
    const t = new TestTerminal();
    expect((await t.run("export Y=2; bash -c 'echo $Y; Z=3'; echo \"z=$Z\"")).output).toBe('2\nz=\n');
    expect((await t.run("X=1 bash -c 'echo $X'")).output).toBe('1\n');
  });
});
