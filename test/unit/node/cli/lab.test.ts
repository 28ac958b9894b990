import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLabCli } from '../../../../src-main/node/cli/lab.js';

function script(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lab-cli-')), 'script.lab');
  writeFileSync(file, text);
  return file;
}

describe('npm run lab', () => {
  it('prints commands as JSON in the order issued', async () => {
    const file = script('# hi\n@c1 hostname\n@host01 echo "from host01"\n');
    const result = await runLabCli(['--backend', 'sim', '--script', file, '--json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { terminal: 'c1', command: 'hostname', output: 'c1\n' },
      { terminal: 'host01', command: 'echo "from host01"', output: 'from host01\n' },
    ]);
  });

  it('prints each terminal screen rendered by a terminal emulator', async () => {
    const file = script('@host echo -e "one\\rtwo"\n');
    const result = await runLabCli(['--script', file, '--scenario', 'fresh']);
    expect(result.stdout).toBe('=== host ===\nroot@docker-host:~# echo -e "one\\rtwo"\ntwo\nroot@docker-host:~# \n');
  });

  it('exits 1 naming the line of a malformed script, and 2 on bad arguments', async () => {
    const file = script('@host ls\nsleep 3\n');
    const result = await runLabCli(['--script', file]);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr).toContain(`${file}: line 2: expected`);
    expect((await runLabCli(['--script', file, '--bogus'])).exitCode).toBe(2);
    const fine = script('@host true\n');
    expect(await runLabCli(['--script', fine, '--scenario', 'nope'])).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("unknown scenario 'nope'") });
  });
});
