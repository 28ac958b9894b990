import { describe, expect, it } from 'vitest';
import { TestTerminal } from './harness.js';

describe('help for keywords and builtins', () => {
  it('prints the usage line then the indented description, as bash lays it out', async () => {
    const t = new TestTerminal();
    const text = (await t.run('help for')).output;
    expect(text.split('\n')[0]).toBe('for: for NAME [in WORDS ... ] ; do COMMANDS; done');
    expect(text.split('\n').slice(1, -1).every((line) => line.startsWith('    '))).toBe(true);
    expect(text).toContain('    Exit Status:\n');
    // `help -s read` as bash 5.1 prints it in the labhost image.
    expect((await t.run('help -s read')).output).toBe('read: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n');
    for (const name of ['while', 'if', 'case', 'test', '[', '[[', 'local', 'set', 'break', 'source']) {
      expect((await t.run(`help ${name}; echo $?`)).output).toMatch(new RegExp(`^${name.replace(/\[/g, '\\[')}: .*\n    \\S[\\s\\S]*\n0\n$`));
    }
  });

  it("says bash's words for an unknown topic", async () => {
    const t = new TestTerminal();
    expect((await t.run('help nosuch; echo $?')).output).toBe("bash: help: no help topics match `nosuch'.  Try `help help' or `man -k nosuch' or `info nosuch'.\n1\n");
  });

  it('has a manual page for bash', async () => {
    const t = new TestTerminal();
    expect((await t.run('man bash | cat')).output).toContain('for ((i=0; i<3; i++)); do ...; done');
  });
});

describe('completion of keywords and builtins', () => {
  it('offers reserved words and builtins in command position', async () => {
    const t = new TestTerminal();
    t.session.write('whil\t');
    t.session.write('false; do echo no; done\r');
    await t.settle();
    expect(t.finished.at(-1)!.command).toBe('while false; do echo no; done');
    t.session.write('loc\t');
    expect(t.screen()).toMatch(/# local $/m);
    t.session.write('\x03');
    await t.settle();
    t.session.write('un\t');
    t.session.write('\t');
    expect(t.screen()).toMatch(/uname {2}uniq {2}unset {2}until/);
  });
});
