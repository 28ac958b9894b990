// `npm run lessons:try`: a learner's script judged as the app would, on the
// simulator. Other correct routes complete the steps; faked output does not.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLessonsTry } from '../../../src-main/node/cli/lessons-try.js';

const dir = mkdtempSync(join(tmpdir(), 'lessons-try-'));
function script(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function tryJson(chapter: string, text: string) {
  const result = await runLessonsTry(['--chapter', chapter, '--script', script(`${chapter}.lab`, text), '--json']);
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as { chapter: string; steps: Array<{ id: string; state: string; checks: Array<{ id: string; passed: boolean; explanation: string }> }> };
}

describe('lessons:try', () => {
  it('accepts other routes through a whole chapter', { timeout: 60_000 }, async () => {
    const report = await tryJson(
      '00-the-map',
      ['@host ip addr', '@host docker container ls', '@host01 ip -4 -br a', '@host01 ping 172.16.211.128', 'wait 2', '@host01 ^C'].join('\n'),
    );
    expect(report.chapter).toBe('00-the-map');
    expect(report.steps.map((s) => s.state)).toEqual(['done', 'done', 'done']);
  });

  it('rejects faked output and explains why, in the step where it happened', { timeout: 60_000 }, async () => {
    const report = await tryJson('04-beyond-the-host', "@c1 printf '64 bytes from 172.16.211.1: icmp_seq=1 ttl=63 time=0.1 ms\\n'\n");
    expect(report.steps[0]).toMatchObject({ id: 'ping-host01', state: 'active' });
    const [check] = report.steps[0].checks;
    expect(check).toMatchObject({ id: 'ping-host01-ok', passed: false });
    expect(check.explanation).toContain('`printf` only repeats text that was typed');
    expect(check.explanation).toMatch(/\nHint: Ping 172\.16\.211\.1 from c1\.$/);
    expect(report.steps.slice(1).map((s) => s.state)).toEqual(['pending', 'pending', 'pending']);
  });

  it('exits 2 for a bad chapter id or a malformed script, and 0 whatever the learner did', async () => {
    expect((await runLessonsTry(['--chapter', 'nope', '--script', script('ok.lab', '@host ip a\n')])).exitCode).toBe(2);
    const bad = await runLessonsTry(['--chapter', '00-the-map', '--script', script('bad.lab', 'type ip a\n')]);
    expect(bad).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('line 1: expected') });
    expect((await runLessonsTry(['--chapter', '00-the-map'])).exitCode).toBe(2);
    expect((await runLessonsTry(['--chapter', '00-the-map', '--script', script('wrong.lab', '@host ls\n'), '--wrong-predictions'])).exitCode).toBe(0);
  });
});
