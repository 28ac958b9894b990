import { describe, expect, it } from 'vitest';
import { TestTerminal } from './harness.js';

describe('shell session', () => {
  it('prints a root prompt with shell-integration marks', () => {
    const t = new TestTerminal();
    expect(t.raw).toBe('\x1b]633;A\x07root@docker-host:~# \x1b]633;B\x07');
  });

  it('says when a typed key would be echoed as itself: at the prompt, at the end of the line, nothing running', async () => {
    const t = new TestTerminal();
    expect(t.session.echoesTyping).toBe(true);
    t.session.write('echo hi');
    expect(t.session.echoesTyping).toBe(true);
    t.session.write('\x1b[D');
    expect(t.session.echoesTyping).toBe(false);
    t.session.write('\x1b[C');
    expect(t.session.echoesTyping).toBe(true);
    t.session.write('\x12');
    expect(t.session.echoesTyping).toBe(false);
    t.session.write('\x07\x15sleep 5\r');
    expect(t.session.echoesTyping).toBe(false);
    await t.clock.advance(5000);
    expect(t.session.echoesTyping).toBe(true);
  });

  it('runs echo, reports output and exit status through the marks', async () => {
    const t = new TestTerminal();
    const r = await t.run('echo "hello   world" $HOME');
    expect(r).toEqual({ command: 'echo "hello   world" $HOME', output: 'hello   world /root\n', exitCode: 0 });
  });

  it('reports unknown commands as bash does', async () => {
    const t = new TestTerminal();
    const r = await t.run('foo --bar');
    expect(r.output).toBe('bash: foo: command not found\n');
    expect(r.exitCode).toBe(127);
    expect((await t.run('echo $?')).output).toBe('127\n');
  });

  it('runs && and || as bash does', async () => {
    const t = new TestTerminal();
    expect((await t.run('false && echo no || echo yes')).output).toBe('yes\n');
    expect((await t.run('true || echo no && echo yes')).output).toBe('yes\n');
    expect((await t.run('false; echo $?')).output).toBe('1\n');
  });

  it('pipes, redirects and command substitution', async () => {
    const t = new TestTerminal();
    await t.run('echo one > /tmp/f; echo two >> /tmp/f');
    expect((await t.run('cat /tmp/f | cat -n')).output).toBe('     1\tone\n     2\ttwo\n');
    expect((await t.run('echo "host is $(hostname)"')).output).toBe('host is docker-host\n');
    expect((await t.run('cat /nope 2>/dev/null; echo $?')).output).toBe('1\n');
    expect((await t.run('cat /nope 2>&1 > /tmp/g')).output).toBe('cat: /nope: No such file or directory\n');
    expect((await t.run('X=5; echo $X')).output).toBe('5\n');
  });

  it('sleeps in lab time and Ctrl-C interrupts the foreground command', async () => {
    const t = new TestTerminal();
    const start = t.clock.now();
    await t.run('sleep 2');
    expect(t.clock.now() - start).toBe(2000);
    t.session.write('sleep 100\r');
    await t.clock.advance(1000);
    expect(t.session.busy).toBe(true);
    t.session.write('\x03');
    await t.clock.advance(0);
    expect(t.session.busy).toBe(false);
    expect(t.finished.at(-1)).toMatchObject({ command: 'sleep 100', exitCode: 130 });
    expect(t.screen()).toContain('# sleep 100\n^C\nroot@docker-host:~# ');
  });

  it('runs background jobs, lists them and reports them done', async () => {
    const t = new TestTerminal();
    const started = await t.run('sleep 5 &');
    expect(started.output).toMatch(/^\[1\] \d+\n$/);
    expect((await t.run('jobs')).output).toBe('[1]+  Running                 sleep 5 &\n');
    await t.clock.advance(6000);
    await t.run('true');
    expect(t.screen()).toContain('[1]+  Done                    sleep 5\n');
  });

  it('edits the line: history, Ctrl-A, Ctrl-K, Ctrl-W, Ctrl-U, arrows', async () => {
    const t = new TestTerminal();
    await t.run('echo first');
    t.session.write('\x1b[A\r');
    await t.settle();
    expect(t.finished.at(-1)!.command).toBe('echo first');
    t.session.write('echo abc def\x17xyz\r');
    await t.settle();
    expect(t.finished.at(-1)!.output).toBe('abc xyz\n');
    t.session.write('cho hi\x01e\r');
    await t.settle();
    expect(t.finished.at(-1)!.output).toBe('hi\n');
    t.session.write('echo keep drop\x1b[D\x1b[D\x1b[D\x1b[D\x0b\r');
    await t.settle();
    expect(t.finished.at(-1)!.output).toBe('keep\n');
    t.session.write('garbage\x15echo clean\r');
    await t.settle();
    expect(t.finished.at(-1)!.output).toBe('clean\n');
  });

  it('searches history with Ctrl-R', async () => {
    const t = new TestTerminal();
    await t.run('echo alpha');
    await t.run('echo beta');
    t.session.write('\x12alp');
    expect(t.raw).toContain("(reverse-i-search)`alp': echo alpha");
    t.session.write('\r');
    await t.settle();
    expect(t.finished.at(-1)).toMatchObject({ command: 'echo alpha', output: 'alpha\n' });
  });

  it('completes command names and offered words with Tab', async () => {
    const t = new TestTerminal();
    t.session.write('hostn\t');
    t.session.write('\r');
    await t.settle();
    expect(t.finished.at(-1)).toMatchObject({ command: 'hostname ', output: 'docker-host\n' });
    t.session.write('echo dock\t\r');
    await t.settle();
    expect(t.finished.at(-1)!.output).toBe('docker0\n');
  });

  it('exit and Ctrl-D end the shell with a status', async () => {
    const t = new TestTerminal();
    t.session.write('exit 3\r');
    await t.settle();
    expect(t.exitCode).toBe(3);
    const u = new TestTerminal();
    u.session.write('\x04');
    expect(u.exitCode).toBe(0);
  });

  it('reports syntax errors with status 2', async () => {
    const t = new TestTerminal();
    const r = await t.run('echo a | | b');
    expect(r).toMatchObject({ output: "bash: syntax error near unexpected token `|'\n", exitCode: 2 });
  });
});

describe('tab completion', () => {
  it('completes file operands, sysctl keys and man pages', async () => {
    const t = new TestTerminal();
    t.session.write('cat /etc/hostn\t\r');
    await t.settle();
    expect(t.finished.at(-1)).toMatchObject({ command: 'cat /etc/hostname ', output: 'docker-host\n' });
    t.session.write('cd /et\t\r');
    await t.settle();
    expect(t.finished.at(-1)!.command).toBe('cd /etc/');
    t.session.write('cat hostn\t\r');
    await t.settle();
    expect(t.finished.at(-1)!.command).toBe('cat hostname ');
    t.session.write('man whoa\t\r');
    await t.waitForOutput('\x1b[?1049h');
    t.session.write('q');
    await t.settle();
    expect(t.finished.at(-1)!.command).toBe('man whoami ');
  });

  it('lists candidates on a second Tab', () => {
    const t = new TestTerminal();
    t.session.write('h\t');
    expect(t.raw.endsWith('\x07')).toBe(true); // ambiguous: the bell, as readline rings it
    t.session.write('\t');
    expect(t.screen()).toMatch(/head {2}help {2}history {2}hostname/);
  });
});

describe('kill', () => {
  it('terminates a background job silently and reports it', async () => {
    const t = new TestTerminal();
    await t.run('sleep 100 > /tmp/out &');
    expect((await t.run('jobs')).output).toBe('[1]+  Running                 sleep 100 > /tmp/out &\n');
    await t.run('kill %1');
    expect(t.screen()).toContain('[1]+  Terminated              sleep 100 > /tmp/out\n');
    expect((await t.run('kill %1')).output).toBe('bash: kill: %1: no such job\n');
    expect((await t.run('kill 99999')).output).toBe('bash: kill: (99999) - No such process\n');
  });
});

describe('word splitting', () => {
  it('splits unquoted expansions and keeps quoted ones whole', async () => {
    const t = new TestTerminal();
    await t.run('echo -e "a\\nb" > /tmp/two');
    expect((await t.run('echo $(cat /tmp/two)')).output).toBe('a b\n');
    expect((await t.run('echo "$(cat /tmp/two)"')).output).toBe('a\nb\n');
    await t.run('X="1   2"');
    expect((await t.run('echo $X "$X" ${X}x')).output).toBe('1 2 1   2 1 2x\n');
    expect((await t.run('E=; cat $E /tmp/two')).output).toBe('a\nb\n');
    expect((await t.run("echo '$X' \\$X")).output).toBe('$X $X\n');
  });
});

// cspell:words hostn

describe('history expansion', () => {
  it('expands !!, !$, !N and !prefix, echoing the line; an unknown event runs nothing', async () => {
    const t = new TestTerminal();
    await t.run('echo one two');
    expect(await t.run('!!')).toMatchObject({ command: 'echo one two', output: 'one two\n' });
    expect(t.screen()).toContain('# !!\necho one two\none two\n');
    expect((await t.run('echo !$')).output).toBe('two\n');
    expect((await t.run('!1')).output).toBe('one two\n');
    expect((await t.run('!ec')).command).toBe('echo one two');
    expect((await t.run("echo '!!' \\!")).output).toBe('!! !\n');
    expect((await t.run('echo hi != there')).output).toBe('hi != there\n');
    const before = t.finished.length;
    t.session.write('!nope\r');
    await t.settle();
    expect(t.finished.length).toBe(before);
    expect(t.screen()).toContain('bash: !nope: event not found\n');
  });
});

describe('continuation lines', () => {
  it('asks for more after an open quote, a trailing pipe or a backslash', async () => {
    const t = new TestTerminal();
    t.session.write('echo "one\r');
    expect(t.raw.endsWith('> ')).toBe(true);
    t.session.write('two"\r');
    await t.settle();
    expect(t.finished.at(-1)).toMatchObject({ command: 'echo "one\ntwo"', output: 'one\ntwo\n' });
    t.session.write('echo abc |\rcat -n\r');
    await t.settle();
    expect(t.finished.at(-1)!.output).toBe('     1\tabc\n');
    t.session.write('echo a \\\r b\r');
    await t.settle();
    expect(t.finished.at(-1)).toMatchObject({ command: 'echo a  b', output: 'a b\n' });
    const before = t.finished.length;
    t.session.write("echo 'never\r\x03");
    await t.settle();
    expect(t.finished.length).toBe(before);
    expect((await t.run('echo fine')).output).toBe('fine\n');
  });
});
