import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function lessonsCheck(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/node/cli/lessons-check.ts', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A lessons folder with the real schemas and the fixture chapter. */
function lessonsFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dne-lessons-'));
  cpSync('lessons/schema', join(dir, 'schema'), { recursive: true });
  cpSync(join(import.meta.dirname, '../../lessons/fixtures/chapters'), join(dir, 'chapters'), { recursive: true });
  writeFileSync(join(dir, 'course.yaml'), 'id: t\ntitle: T\nchapters: [00-the-map, missing]\n');
  return dir;
}

describe('npm run lessons:check', () => {
  it('fails with file:line:col for a broken chapter and lists it in the table', { timeout: 30_000 }, () => {
    const dir = lessonsFolder();
    const steps = join(dir, 'chapters/00-the-map/steps.yaml');
    cpSync(steps, `${steps}.orig`);
    writeFileSync(steps, 'steps:\n  - id: x\n    goal: g\n    hints: [h]\n    solution: "@c1 true"\n    checks: []\n    extra: 1\n');
    const { code, stdout, stderr } = lessonsCheck('--lessons', dir, '--chapter', '00-the-map');
    expect(code).toBe(1);
    expect(stderr).toContain(`lessons/chapters/00-the-map/steps.yaml:7:5: steps[0]: unknown field "extra"`);
    expect(stderr).toContain('lessons/chapters/00-the-map/steps.yaml:6:13: steps[0].checks: must NOT have fewer than 1 items');
    expect(stderr).toContain('lessons/chapters/missing/chapter.md:1:1: file not found (listed in course.yaml)');
    expect(stdout).toMatch(/^chapter\s+steps\s+checks\s+mutants\s+alternatives\s+result\n00-the-map\s+-\s+-\s+-\s+-\s+FAIL \(does not load\)\n/);
    expect(stdout).toContain('lessons:check FAILED');
  });

  it('rejects an unknown backend and an unknown chapter', { timeout: 30_000 }, () => {
    expect(lessonsCheck('--backend', 'vbox').stderr).toContain('--backend must be sim or docker, not "vbox"');
    const dir = lessonsFolder();
    const { code, stderr } = lessonsCheck('--lessons', dir, '--chapter', 'nope');
    expect(code).toBe(1);
    expect(stderr).toContain('--chapter nope: no such chapter in lessons/course.yaml');
  });
});
