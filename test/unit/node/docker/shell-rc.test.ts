// The real lab's bash rcfile, run in a real bash on a pseudo-terminal, read by
// the same shell-integration parser the lessons use.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from 'node-pty';
import { afterAll, describe, expect, it } from 'vitest';
import { ShellIntegrationParser, type FinishedCommand } from '../../../../src-main/core/lab/shell-integration.js';
import { SHELL_RC } from '../../../../src-main/node/docker/shell-rc.js';

const dir = mkdtempSync(join(tmpdir(), 'dne-shell-rc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runInBash(lines: string[]): Promise<FinishedCommand[]> {
  const rc = join(dir, 'rc.bash');
  writeFileSync(rc, SHELL_RC);
  const finished: FinishedCommand[] = [];
  const parser = new ShellIntegrationParser((c) => finished.push(c));
  const shell = pty.spawn('bash', ['--noprofile', '--rcfile', rc, '-i'], {
    cols: 100,
    rows: 30,
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color' },
  });
  shell.onData((d) => parser.feed(d));
  const waitFor = async (condition: () => boolean) => {
    for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(condition()).toBe(true);
  };
  let expected = 0;
  for (const line of lines) {
    await waitFor(() => parser.idle);
    shell.write(`${line}\r`);
    // An empty line runs nothing: give bash a moment to print its next prompt.
    if (line.trim() === '') await new Promise((r) => setTimeout(r, 100));
    else await waitFor(() => finished.length === expected + 1);
    if (line.trim() !== '') expected++;
  }
  await waitFor(() => parser.idle);
  shell.kill();
  return finished;
}

describe('shell-integration rcfile', () => {
  it('reports each command line once, with its output and exit status', async () => {
    const records = await runInBash(['echo one; echo two | cat', '', 'false', 'ls /no/such/dir', 'printf "a;b\\\\c\\n"']);
    expect(records.map((r) => r.command)).toEqual([
      'echo one; echo two | cat',
      'false',
      'ls /no/such/dir',
      'printf "a;b\\\\c\\n"',
    ]);
    expect(records[0]).toMatchObject({ output: 'one\ntwo\n', exitCode: 0 });
    expect(records[1]).toMatchObject({ output: '', exitCode: 1 });
    expect(records[2].exitCode).toBe(2);
    expect(records[2].output).toMatch(/No such file or directory/);
    expect(records[3]).toMatchObject({ output: 'a;b\\c\n', exitCode: 0 });
  });

  it('reports the same command run twice, and a multi-line command as bash history joins it', async () => {
    const records = await runInBash(['echo again', 'echo again', 'for i in 1 2; do\recho $i; done']);
    expect(records.map((r) => r.command)).toEqual(['echo again', 'echo again', 'for i in 1 2; do echo $i; done']);
    expect(records[2].output).toBe('1\n2\n');
  });
});
