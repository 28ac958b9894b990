import { describe, expect, it } from 'vitest';
import { Pager } from '../../../src-main/core/shell/pager.js';
import { plainText } from '../../../src-main/core/lab/shell-integration.js';
import { TestTerminal } from './harness.js';

const NUMBERED = Array.from({ length: 100 }, (_, i) => `line ${i + 1}${i + 1 === 57 ? ' has the route' : ''}`).join('\n') + '\n';

/** The screen the pager draws, as text rows (escape sequences dropped). */
function rowsOf(pager: Pager): string[] {
  return plainText(pager.render().replace(/\x1b\[(?:H|K|7m|27m)/g, '')).split(/\r?\n/);
}

describe('the pager, key by key', () => {
  it('shows a screenful with the prompt on the last row, and pages as less does', () => {
    const pager = new Pager(NUMBERED, 80, 10);
    let rows = rowsOf(pager);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toBe('line 1');
    expect(rows[8]).toBe('line 9');
    expect(rows[9]).toBe(':');
    pager.press(' ');
    expect(rowsOf(pager)[0]).toBe('line 10');
    pager.press('b');
    expect(rowsOf(pager)[0]).toBe('line 1');
    pager.press('\r');
    pager.press('j');
    expect(rowsOf(pager)[0]).toBe('line 3');
    pager.press('k');
    expect(rowsOf(pager)[0]).toBe('line 2');
    pager.press('G');
    rows = rowsOf(pager);
    expect(rows[8]).toBe('line 100');
    expect(rows[9]).toBe('(END)');
    pager.press(' ');
    expect(rowsOf(pager)[8]).toBe('line 100');
    pager.press('g');
    expect(rowsOf(pager)[0]).toBe('line 1');
    pager.press('5\x1b[B');
    expect(rowsOf(pager)[0]).toBe('line 6');
    pager.press('30g');
    expect(rowsOf(pager)[0]).toBe('line 30');
    expect(pager.quit).toBe(false);
    pager.press('q');
    expect(pager.quit).toBe(true);
  });

  it('searches forward and back, repeats with n and N, and says when nothing matches', () => {
    const pager = new Pager(NUMBERED, 80, 10);
    pager.press('/rou');
    expect(rowsOf(pager)[9]).toBe('/rou');
    pager.press('\x7fute\r');
    expect(rowsOf(pager)[0]).toBe('line 57 has the route');
    expect(pager.render()).toContain('the \x1b[7mroute\x1b[27m');
    pager.press('/line 9\r');
    expect(rowsOf(pager)[0]).toBe('line 90');
    pager.press('n');
    expect(rowsOf(pager)[0]).toBe('line 91');
    pager.press('N');
    expect(rowsOf(pager)[0]).toBe('line 90');
    pager.press('?line 5\r');
    expect(rowsOf(pager)[0]).toBe('line 59');
    pager.press('/nowhere\r');
    expect(rowsOf(pager)[9]).toBe('Pattern not found  (press RETURN)');
    expect(rowsOf(pager)[0]).toBe('line 59');
    pager.press('\r');
    expect(rowsOf(pager)[9]).toBe(':');
    pager.press('/[\r');
    expect(rowsOf(pager)[9]).toMatch(/\(press RETURN\)$/);
  });

  it('ignores case unless the pattern has a capital, as man runs less with -i', () => {
    const pager = new Pager('alpha\nbeta\nROUTE\nroute\n', 80, 3);
    pager.press('/route\r');
    expect(rowsOf(pager)[0]).toBe('ROUTE');
    pager.press('g/Route\r');
    expect(rowsOf(pager)[2]).toBe('Pattern not found  (press RETURN)');
  });

  it('fills past the end with ~, wraps long lines and follows a resize', () => {
    const pager = new Pager('a\n' + 'x'.repeat(25) + '\n', 10, 6, { name: 'notes.txt' });
    expect(rowsOf(pager)).toEqual(['a', 'xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx', '~', 'notes.txt (END)']);
    pager.resize(30, 4);
    expect(rowsOf(pager)).toEqual(['a', 'x'.repeat(25), '~', 'notes.txt (END)']);
    pager.press('g');
    expect(rowsOf(pager)[3]).toBe('(END)');
  });

  it('rings the bell at a key it does not know, and quits with :q and ZZ too', () => {
    const pager = new Pager(NUMBERED, 80, 10);
    pager.press('!');
    expect(pager.render().startsWith('\x07')).toBe(true);
    expect(pager.render().startsWith('\x07')).toBe(false);
    pager.press(':q');
    expect(pager.quit).toBe(true);
    const other = new Pager(NUMBERED, 80, 10);
    other.press('ZZ');
    expect(other.quit).toBe(true);
  });
});

describe('man and less through the pager on a terminal', () => {
  it('man pages on the alternate screen with its prompt; q is back at the prompt', async () => {
    const t = new TestTerminal();
    t.session.resize(80, 12);
    t.session.write('man ip\r');
    await t.waitForOutput('Manual page ip(8) line 1 (press h for help or q to quit)');
    expect(t.raw).toContain('\x1b[?1049h');
    expect(t.session.busy).toBe(true);
    const before = t.raw.length;
    t.session.write(' ');
    await t.waitForOutput('Manual page ip(8) line 12 ');
    expect(plainText(t.raw.slice(before))).not.toContain('root@docker-host');
    t.session.write('/route\r');
    await t.waitForOutput('\x1b[7mroute\x1b[27m');
    t.session.write('q');
    await t.settle();
    expect(t.session.busy).toBe(false);
    expect(t.raw).toContain('\x1b[?1049l');
    expect(t.screen()).toMatch(/root@docker-host:~# $/);
    expect(t.finished.at(-1)).toMatchObject({ command: 'man ip', exitCode: 0 });
  });

  it('keys typed in the pager never reach the shell, not even Ctrl-C', async () => {
    const t = new TestTerminal();
    t.session.write('man ip\r');
    await t.waitForOutput('Manual page ip(8)');
    t.session.write('leaked\r\x03');
    await t.clock.advance(0);
    expect(t.session.busy).toBe(true);
    t.session.write('q');
    await t.settle();
    t.session.write('echo $?\r');
    await t.settle();
    expect(t.finished.map((f) => f.command)).toEqual(['man ip', 'echo $?']);
    expect(t.finished.at(-1)!.output).toBe('0\n');
  });

  it('prints the page whole to a pipe, and less copies a file or a pipe that way too', async () => {
    const t = new TestTerminal();
    expect((await t.run('man ip | head -1')).output).toBe('IP(8)\n');
    expect((await t.run('echo hello | less | cat')).output).toBe('hello\n');
    expect((await t.run('less /etc/hostname | cat')).output).toBe('docker-host\n');
    expect(await t.run('less /nosuch /etc; echo $?')).toMatchObject({ output: '/nosuch: No such file or directory\n/etc is a directory\n0\n' });
  });

  it('less pages a pipe on the terminal, named files with their name in the first prompt', async () => {
    const t = new TestTerminal();
    t.session.write('less /etc/hostname\r');
    await t.waitForOutput('/etc/hostname (END)');
    t.session.write('q');
    await t.settle();
    t.session.write('seq 100 | less\r');
    await t.waitForOutput('\x1b[?1049h');
    await t.waitForOutput('\r\n:\x1b[K');
    t.session.write('G');
    await t.waitForOutput('100\x1b[K\r\n\x1b[7m(END)');
    t.session.write('q');
    await t.settle();
    expect(t.session.busy).toBe(false);
  });

  it('a resize redraws the page at the new size', async () => {
    const t = new TestTerminal();
    t.session.resize(80, 10);
    t.session.write('seq 100 | less\r');
    await t.waitForOutput('9\x1b[K\r\n:');
    t.session.resize(80, 20);
    await t.waitForOutput('19\x1b[K\r\n:');
    t.session.write('q');
    await t.settle();
    expect(t.session.busy).toBe(false);
  });
});
