// lessons:check on the real backend, three times in a row on one short chapter:
// each run must pass, so a check that reads a step before its commands ended
// (a fixed settle time racing the engine) shows up as a flake here.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { findLabHosts, removeLabHosts } from '../../src-main/node/docker/lab-host.js';
import { docker } from './helpers.js';

const CHAPTER = '00-the-map';
const tag = `lessons-check-test-${randomUUID()}`;

afterAll(async () => {
  await removeLabHosts(docker, (await findLabHosts(docker, tag)).map((lab) => lab.id));
});

describe(`lessons:check --backend docker --chapter ${CHAPTER}`, () => {
  it('passes three times in a row and leaves no lab host behind', () => {
    const runs = [1, 2, 3].map(() =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src-main/node/cli/lessons-check.ts', '--backend', 'docker', '--chapter', CHAPTER], {
        cwd: new URL('../..', import.meta.url).pathname,
        encoding: 'utf8',
        env: { ...process.env, DNE_LAB_TAG: tag },
      }),
    );
    for (const run of runs) {
      expect(run.stdout, run.stderr).toContain('lessons:check passed on docker');
      expect(run.status).toBe(0);
    }
  }, 600_000);

  it('removed its lab hosts', async () => {
    expect(await findLabHosts(docker, tag)).toEqual([]);
  });
});
