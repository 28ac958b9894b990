// However a process using the real backend ends, its lab hosts go with it:
// normal exit, an error, SIGINT, SIGTERM, SIGHUP, output piped to a program that
// exits, and kills at random moments (a spare lab host may be half prepared).
// What SIGKILL leaves is listed as a leftover (state, age, size) and removed by
// `npm run lab -- --cleanup`. Every process here carries a DNE_LAB_TAG of its
// own, and only lab hosts with that tag are looked at or removed.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DockerBackend } from '../../src-main/node/docker/backend.js';
import { findLabHosts, removeLabHosts } from '../../src-main/node/docker/lab-host.js';
import { docker } from './helpers.js';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dne-cleanup-'));
const script = join(dir, 'script.lab');
writeFileSync(script, '@host echo started\nwait 6\n@host ip route\n');
const badScript = join(dir, 'bad.lab');
writeFileSync(badScript, '@nosuchhost echo never\n');
const tags: string[] = [];

function newTag(): string {
  const tag = `cleanup-test-${randomUUID()}`;
  tags.push(tag);
  return tag;
}

const tagged = async (tag: string) => (await findLabHosts(docker, tag)).map((lab) => lab.id);

interface Ended {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `node --import tsx FILE ARGS` with a tag; `stop` may signal it; resolves once it has ended. */
function runTagged(tag: string, args: string[], stop?: (child: ReturnType<typeof spawn>) => void): Promise<Ended> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, DNE_LAB_TAG: tag } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
    stop?.(child);
  });
}

const labCli = ['src-main/node/cli/lab.ts', '--backend', 'docker', '--scenario', 'fresh'];

async function waitForLabHosts(tag: string, count: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await tagged(tag)).length < count) {
    if (Date.now() > deadline) throw new Error(`no ${count} lab hosts for ${tag} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(async () => {
  // Only what these tests made, should an assertion have failed midway.
  for (const tag of tags) await removeLabHosts(docker, await tagged(tag));
  rmSync(dir, { recursive: true, force: true });
});

describe('a process using the real backend removes its lab hosts when it ends', () => {
  it('after a normal exit', async () => {
    const tag = newTag();
    const ended = await runTagged(tag, [...labCli, '--script', script]);
    expect(ended.status).toBe(0);
    expect(await tagged(tag)).toEqual([]);
  });

  it('after an error in the script', async () => {
    const tag = newTag();
    const ended = await runTagged(tag, [...labCli, '--script', badScript]);
    expect(ended.status).toBe(1);
    expect(await tagged(tag)).toEqual([]);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('on %s while the spare lab host is being prepared', async (signal) => {
    const tag = newTag();
    const ended = await runTagged(tag, [...labCli, '--script', script], (child) => {
      // Two lab hosts: the lab is ready and its spare is being prepared.
      void waitForLabHosts(tag, 2).then(() => child.kill(signal));
    });
    expect(ended.signal).toBe(signal);
    expect(await tagged(tag)).toEqual([]);
  });

  it.each(['exit', 'throw', 'pipe'])('on process.exit without dispose, an uncaught error, a closed pipe (%s)', async (mode) => {
    const tag = newTag();
    const ended = await runTagged(tag, ['test/docker/reaper-child.ts', mode], (child) => {
      // The reader of the output goes away once the lab host exists.
      if (mode === 'pipe') child.stdout?.once('data', () => child.stdout?.destroy());
    });
    expect(ended.status).toBe(mode === 'exit' ? 3 : 1);
    expect(await tagged(tag)).toEqual([]);
  });

  it('killed at 20 random moments, leaves nothing each time (20 of 20)', async () => {
    const seed = Number(process.env.DNE_KILL_SEED ?? Date.now() % 100_000);
    let state = seed;
    const random = () => ((state = (state * 48_271) % 2_147_483_647) / 2_147_483_647);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const outcomes: string[] = [];
    for (let run = 0; run < 20; run++) {
      const tag = newTag();
      const delayMs = Math.round(random() * 12_000);
      const signal = signals[Math.floor(random() * signals.length)];
      const ended = await runTagged(tag, [...labCli, '--script', script], (child) => {
        setTimeout(() => child.kill(signal), delayMs);
      });
      const left = await tagged(tag);
      outcomes.push(`${signal} at ${delayMs} ms: ${ended.signal ?? `exit ${ended.status}`}, ${left.length} left`);
      if (left.length) await removeLabHosts(docker, left);
    }
    console.log(`seed ${seed} (DNE_KILL_SEED):\n${outcomes.join('\n')}`);
    expect(outcomes.filter((o) => !o.endsWith(', 0 left'))).toEqual([]);
  }, 600_000);
});

describe('leftover lab hosts', () => {
  it('what SIGKILL leaves is listed with state, age and size, and `npm run lab -- --cleanup` removes it', async () => {
    const tag = newTag();
    const killed = await runTagged(tag, ['test/docker/reaper-child.ts', 'stay'], (child) => {
      child.stdout?.once('data', () => child.kill('SIGKILL'));
    });
    expect(killed.signal).toBe('SIGKILL');
    const [id] = killed.stdout.match(/[0-9a-f]{64}/) ?? [];
    expect(await tagged(tag)).toEqual([id]);

    const backend = new DockerBackend();
    const leftovers = await backend.leftoverLabs(tag);
    expect(leftovers).toEqual([
      { id, name: expect.any(String), scenario: 'reaper-test', state: 'running', created: expect.any(String), sizeBytes: expect.any(Number) },
    ]);
    expect(Date.now() - Date.parse(leftovers[0].created)).toBeLessThan(120_000);

    const cleanup = await runTagged(tag, ['src-main/node/cli/lab.ts', '--cleanup', '--tag', tag]);
    expect(cleanup.stderr).toBe('');
    expect(cleanup.stdout).toMatch(new RegExp(`^removed ${id!.slice(0, 12)}  \\S+  reaper-test  running  \\d+ s old  \\d.*\\n1 leftover lab host removed\\n$`));
    expect(await tagged(tag)).toEqual([]);
  });

  it('a running lab host of another live process is not a leftover, and it goes when that process is stopped', async () => {
    const tag = newTag();
    let stopAlive: () => void = () => {};
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    const alive = runTagged(tag, ['test/docker/reaper-child.ts', 'stay'], (child) => {
      stopAlive = () => child.kill('SIGTERM');
      child.stdout?.once('data', () => started());
    });
    await running;
    expect(await new DockerBackend().leftoverLabs(tag)).toEqual([]);
    const cleanup = await runTagged(tag, ['src-main/node/cli/lab.ts', '--cleanup', '--tag', tag]);
    expect(cleanup.stdout).toBe('no leftover lab hosts\n');
    expect((await tagged(tag)).length).toBe(1);
    stopAlive();
    expect((await alive).signal).toBe('SIGTERM');
    expect(await tagged(tag)).toEqual([]);
  });
});
