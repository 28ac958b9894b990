import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProgress, parseProgress, recordHint, recordStepDone, serializeProgress } from '../../../../src-main/core/lessons/progress.js';
import { ProgressFileStore } from '../../../../src-main/node/progress/store.js';

const CHILD = join(import.meta.dirname, 'writer-child.ts');

/** Starts the writer, waits until its first save landed, lets it write for `ms`, then kills it. */
function runAndKill(file: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited by itself: ${stderr}`))));
  });
}

// Seeded so a failure can be replayed.
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('progress file store', () => {
  it('leaves the previous or the new state when the writer is killed at random points', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dne-progress-'));
    const file = join(dir, 'progress.json');
    const next = random(5);
    let previous = 0;
    let interruptedWrites = 0;
    const runs = 30;
    for (let run = 0; run < runs; run++) {
      await runAndKill(file, Math.floor(next() * 30));
      const entries = await readdir(dir);
      if (entries.some((e) => /^progress\.json\.\d+$/.test(e))) interruptedWrites++;
      // Never corrupt: the file parses and validates, and its state never goes back.
      const state = Number(parseProgress(await readFile(file, 'utf8')).updatedAt);
      expect(state).toBeGreaterThanOrEqual(previous);
      previous = state;
    }
    // The kills did land inside writes (a temp file left behind), so the test exercised what it claims.
    expect(interruptedWrites).toBeGreaterThan(0);
    // Each run saved at least once before it was killed.
    expect(previous).toBeGreaterThanOrEqual(runs);
  });

  it('saves in order, loads what it saved and sets an unreadable file aside', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dne-progress-'));
    const store = new ProgressFileStore(join(dir, 'progress.json'));
    expect((await store.load()).progress).toEqual(emptyProgress());
    const first = recordStepDone(emptyProgress(), '00-the-map', 'ping', '2026-01-01T00:00:00Z');
    const second = recordHint(first, '00-the-map', 'route', '2026-01-01T00:01:00Z');
    await Promise.all([store.save(first), store.save(second)]);
    expect((await store.load()).progress).toEqual(second);

    await writeFile(store.file, '{"version": 1, "chapters": {');
    const loaded = await store.load();
    expect(loaded.progress).toEqual(emptyProgress());
    expect(loaded.problem).toMatch(/not valid JSON.*moved to .*progress\.json\.unreadable-\d+/);
    expect((await readdir(dir)).some((e) => e.startsWith('progress.json.unreadable-'))).toBe(true);
  });

  it('imports only a valid progress file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dne-progress-'));
    const store = new ProgressFileStore(join(dir, 'progress.json'));
    const progress = recordStepDone(emptyProgress(), '00-the-map', 'ping', 'then');
    await expect(store.importText('{"version": 7, "chapters": {}, "history": {}}')).rejects.toThrow(/version 7, written by a newer version/);
    await expect(store.importText('[1,2]')).rejects.toThrow(/expected a JSON object/);
    await expect(store.importText('{"version":1,"chapters":{"x":{"steps":{"s":{"hintsShown":-1,"solutionShown":false}}}},"history":{}}')).rejects.toThrow(
      /damaged: \/chapters\/x\/steps\/s\/hintsShown must be >= 0/,
    );
    expect(await store.importText(store.exportText(progress))).toEqual(progress);
    expect(await readFile(store.file, 'utf8')).toBe(serializeProgress(progress));
  });
});
