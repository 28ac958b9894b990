// The GitHub Actions workflows (.github/workflows) against GitHub's workflow
// schema, the release workflow against electron-builder.yml, and the CI entry
// point against the README's test command.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../../..');
const workflowDir = resolve(root, '.github/workflows');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
const workflows = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f));

interface Step {
  run?: string;
  uses?: string;
  if?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: { include?: Array<Record<string, string>> } } }>;
}
const workflow = (file: string) => parse(read(`.github/workflows/${file}`)) as Workflow;

describe('GitHub Actions workflows', () => {
  it('ci, release and the long runs are there', () => {
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'release.yml', 'long-runs.yml']));
  });

  it.each(workflows)('%s passes the GitHub Actions workflow schema', (file) => {
    expect(validateWorkflow(read(`.github/workflows/${file}`)).errors).toEqual([]);
  });

  it('the schema check does catch a broken workflow', () => {
    const broken = read('.github/workflows/ci.yml').replace('runs-on: ubuntu-24.04', 'runs_on: ubuntu-24.04');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it('ci runs npm test on Linux with a display, and the Electron suite on macOS and Windows, never passing a skipped step', () => {
    const runs = (job: string) => workflow('ci.yml').jobs[job].steps.map((s) => s.run ?? '').join('\n');
    expect(runs('linux')).toMatch(/^xvfb-run -a npm test -- --strict$/m);
    for (const step of ['typecheck', 'unit', 'e2e', 'electron']) expect(runs('desktop')).toContain(`npm test -- --strict --only ${step}`);
  });
});

describe('release.yml', () => {
  const release = workflow('release.yml');
  const builder = parse(read('electron-builder.yml')) as Record<string, { target?: string[] }>;
  const matrix = release.jobs.build.strategy!.matrix.include!;

  it('runs on version tags', () => {
    expect(release.on.push).toEqual({ tags: ['v*.*.*'] });
  });

  it.each(['linux', 'mac', 'win'])('builds every %s target electron-builder.yml names, and only those', (platform) => {
    const configured = builder[platform]?.target ?? [];
    expect(configured.length).toBeGreaterThan(0);
    const entry = matrix.find((m) => m.platform === platform);
    expect(entry?.targets.split(' ').sort()).toEqual([...configured].sort());
  });

  it('rebuilds node-pty for Electron, smoke-tests on every system and attaches the installers to a release', () => {
    const steps = release.jobs.build.steps;
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('electron-builder install-app-deps');
    for (const platform of ['linux', 'mac', 'win']) {
      const smoke = steps.find((s) => s.if === `matrix.platform == '${platform}'`);
      expect(smoke?.run).toContain('test/electron/smoke.mjs');
    }
    expect(release.jobs.release.steps.map((s) => s.uses)).toContain('softprops/action-gh-release@v2');
  });
});

describe('.ci/run', () => {
  it("ends with exactly the README's test command", () => {
    const readmeTest = /## Test\n\n```sh\n(.+)\n```/.exec(read('README.md'))?.[1];
    expect(readmeTest).toBe('npm test');
    const lines = read('.ci/run').trim().split('\n');
    expect(lines.at(-1)).toBe(readmeTest);
  });
});
