#!/usr/bin/env node
// Entry point for the real-Docker tests: checks the engine and the lab images
// (scripts/docker/ci-setup.sh prepares both), runs the vitest suite in
// test/docker, and ends with one summary line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipStep } from '../../scripts/skip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const images = ['docker-networking-explorer/labhost:bullseye.2', 'docker-networking-explorer/node:bookworm'];

const quiet = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
if (!quiet('docker', ['info'])) skipStep('no Docker engine answers `docker info` (run scripts/docker/ci-setup.sh as root)');
const missing = images.filter((image) => !quiet('docker', ['image', 'inspect', image]));
if (missing.length > 0) {
  console.log(`docker tests: FAILED: missing lab images ${missing.join(', ')} (run scripts/docker/build-images.sh as root)`);
  process.exit(1);
}

const started = Date.now();
const reportDir = mkdtempSync(join(tmpdir(), 'dne-docker-tests-'));
const reportFile = join(reportDir, 'report.json');
const extra = process.argv.slice(2);
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'test/docker/vitest.config.ts', '--reporter=verbose', '--reporter=json', `--outputFile.json=${reportFile}`, ...extra],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } },
);
let summary;
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  summary = `${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped of ${report.numTotalTests}`;
} catch {
  summary = 'no test report';
} finally {
  rmSync(reportDir, { recursive: true, force: true });
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`docker tests: ${run.status === 0 ? 'PASSED' : 'FAILED'}: ${summary} in ${seconds}s`);
process.exit(run.status ?? 1);
