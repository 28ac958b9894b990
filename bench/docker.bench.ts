// Real-Docker lab timings: the first start in a process, a warm start (the
// image archive already cached), and a reset once the next lab host has been
// prepared in the background. Skipped where no engine answers.
import type { Report } from './index.js';
import { DockerBackend } from '../src-main/node/docker/backend.js';

const WARM_RUNS = 2;
const RESET_RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

async function timed(action: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await action();
  return Math.round(performance.now() - started);
}

export async function run(report: Report): Promise<void> {
  const probe = new DockerBackend();
  try {
    await probe.connect();
  } catch (err) {
    console.error(`# docker.bench skipped: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const first = new DockerBackend();
  try {
    report('docker.lab_ready_first_ms', await timed(() => first.start('article')), 'ms');
  } finally {
    await first.dispose();
  }
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const backend = new DockerBackend();
    try {
      warm.push(await timed(() => backend.start('article')));
    } finally {
      await backend.dispose();
    }
  }
  report('docker.lab_ready_warm_ms', median(warm), 'ms');
  const backend = new DockerBackend();
  try {
    await backend.start('article');
    const resets: number[] = [];
    for (let i = 0; i < RESET_RUNS; i++) {
      // As between a learner's resets: the next lab host has been prepared in the background.
      await backend.whenPrepared();
      resets.push(await timed(() => backend.reset()));
    }
    report('docker.reset_ms', median(resets), 'ms');
  } finally {
    await backend.dispose();
  }
}
