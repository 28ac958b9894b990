// `npm run lessons:try -- --challenge ID`: a learner's script judged on the
// state it leaves, whatever commands it used; exit 0 whatever the learner did.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLessonsTry } from '../../../src-main/node/cli/lessons-try.js';

const dir = mkdtempSync(join(tmpdir(), 'challenge-try-'));
function script(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function tryJson(challenge: string, text: string) {
  const result = await runLessonsTry(['--challenge', challenge, '--script', script(`${challenge}.lab`, text), '--json']);
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as { challenge: string; solved: boolean; checks: Array<{ id: string; passed: boolean; explanation: string }> };
}

describe('lessons:try --challenge', () => {
  it('solves publish-for-host02 by a route no hint gives (iptables-restore style rule in PREROUTING)', { timeout: 60_000 }, async () => {
    const report = await tryJson(
      'publish-for-host02',
      '@host iptables -t nat -A PREROUTING -p tcp -m tcp -d {{host.ip}} --dport 8080 -j DNAT --to-destination {{web.ip}}:80\n',
    );
    expect(report).toEqual({
      challenge: 'publish-for-host02',
      solved: true,
      checks: [
        { id: 'page-on-8080', passed: true, explanation: expect.stringContaining('was:\n200') },
        { id: 'page-on-81', passed: true, explanation: expect.stringContaining('was:\n200') },
      ],
    });
  });

  it('leaves it unsolved when the answer is only typed, and says which part is still wrong', { timeout: 60_000 }, async () => {
    const report = await tryJson('isolate-c3', "@c3 echo '1 packets transmitted, 0 received, 100% packet loss'\n");
    expect(report.solved).toBe(false);
    expect(report.checks.map((c) => [c.id, c.passed])).toEqual([
      ['c3-not-host01', false],
      ['c3-not-host02', false],
      ['c1-reaches-host01', true],
    ]);
    expect(report.checks[0].explanation).toMatch(/^Wanted: c3's pings to Host01 get no answer\.\nIt is still there in the lab: 1 packets transmitted, 1 received/);
  });

  it('prints a short verdict without --json', { timeout: 60_000 }, async () => {
    const result = await runLessonsTry(['--challenge', 'fix-masquerade', '--script', script('look.lab', '@host iptables -t nat -S\n')]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual(['challenge fix-masquerade: not solved', '  FAIL c1-reaches-host01']);
  });

  it('exits 2 for an unknown challenge, or a chapter and a challenge named together', async () => {
    const file = script('any.lab', '@host true\n');
    const unknown = await runLessonsTry(['--challenge', 'no-such', '--script', file]);
    expect(unknown).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('--challenge no-such: no such challenge') });
    const both = await runLessonsTry(['--challenge', 'isolate-c3', '--chapter', '00-the-map', '--script', file]);
    expect(both).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('usage:') });
  });
});
