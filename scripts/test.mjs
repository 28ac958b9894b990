#!/usr/bin/env node
// `npm test`: everything CI runs, in order, on a fresh clone too. Installs npm
// packages if they are missing (Electron's binary is never downloaded), and
// Debian's Chromium for the browser tests when running as root.
//
// A step passes, fails, or is skipped. A step is skipped when what it needs is
// missing here (no Chromium, no Docker engine, no Electron binary): either this
// script knows it beforehand, or the step's command exits with SKIP_STATUS after
// printing a line `SKIPPED: <reason>`. A skipped step is never counted as passed.
//
// `npm test -- --only <step>` runs the one step whose id is given (see STEPS) and
// prints the same summary line. `--strict` (CI) fails the run when a step was skipped.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SKIP_STATUS, skippedReason } from './skip.mjs';

const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', FORCE_COLOR: '0' };

const quiet = (command) => spawnSync(command, { shell: true, stdio: 'ignore', env }).status === 0;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = () => existsSync(chromiumPath);
const hasDocker = () => quiet('docker info');
const NO_CHROMIUM = `no Chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH`;
const NO_DOCKER = 'no Docker engine answers `docker info`; .ci/run installs and starts one';

/** Every step, in order: id (for --only), name, command, and why it cannot run here (if it cannot). */
const STEPS = [
  { id: 'typecheck', name: 'typecheck', command: 'npx tsc -p tsconfig.json --noEmit && npx tsc -p tsconfig.core.json --noEmit && npx svelte-check --tsconfig ./tsconfig.renderer.json --threshold error --output human' },
  { id: 'lint', name: 'lint', command: 'npx eslint .' },
  { id: 'unit', name: 'unit and golden tests', command: 'npx vitest run' },
  { id: 'spelling', name: 'spelling of the course', command: 'npx cspell --no-progress --config cspell.json "lessons/**/*.md" "lessons/**/*.yaml" README.md' },
  { id: 'lessons', name: 'lessons:check (simulator)', command: 'npx tsx src-main/node/cli/lessons-check.ts --backend sim' },
  { id: 'build', name: 'build (electron-vite: main, preload, renderer)', command: 'npx electron-vite build' },
  { id: 'audit', name: 'electron security audit', command: 'node scripts/electronegativity.mjs' },
  { id: 'e2e', name: 'end-to-end (Chromium, browser mode)', command: 'node test/e2e/run.mjs', missing: () => (hasChromium() ? undefined : NO_CHROMIUM) },
  { id: 'electron', name: 'end-to-end (Electron)', command: 'node test/electron/run.mjs' },
  { id: 'docker', name: 'real Docker backend tests', command: 'node test/docker/run.mjs', missing: () => (hasDocker() ? undefined : NO_DOCKER) },
  // Solutions only: every alternative and mutant on Docker takes about an hour, so that proof runs on a schedule (long-runs.yml).
  { id: 'lessons-docker', name: 'lessons:check (real Docker, solutions)', command: 'npx tsx src-main/node/cli/lessons-check.ts --backend docker --solutions-only', missing: () => (hasDocker() ? undefined : NO_DOCKER) },
  { id: 'parity', name: 'parity gate (simulator vs real Docker)', command: 'npx tsx src-main/node/cli/parity.ts', missing: () => (hasDocker() ? undefined : NO_DOCKER) },
  // About 150 commands of the differential corpus (a prefix of every group); the whole corpus runs on a schedule (long-runs.yml).
  {
    id: 'corpus',
    name: 'corpus sample gate (simulator vs real Docker)',
    command: 'mkdir -p .tmp && npx tsx src-main/node/cli/parity.ts --corpus --sample 150 --threshold 97 --out .tmp/parity-corpus-sample.diff',
    missing: () => (hasDocker() ? undefined : NO_DOCKER),
  },
];

let only;
let strict;
try {
  ({ only, strict } = parseArgs({ options: { only: { type: 'string' }, strict: { type: 'boolean', default: false } } }).values);
} catch (error) {
  console.error(`${error.message}\nusage: npm test [-- [--only <step>] [--strict]]`);
  process.exit(2);
}
const selected = only === undefined ? STEPS : STEPS.filter((s) => s.id === only);
if (selected.length === 0) {
  console.error(`--only ${only}: no such step; the steps are: ${STEPS.map((s) => s.id).join(', ')}`);
  process.exit(2);
}

/** Runs a command, echoing its output, and resolves with its exit status and a skip reason if it printed one. */
function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['inherit', 'pipe', 'inherit'], env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output = (output + chunk.toString('utf8')).slice(-4096);
    });
    child.on('close', (status) => {
      // Our own line starts on a line of its own, whatever the step printed last.
      if (output && !output.endsWith('\n')) process.stdout.write('\n');
      resolve({ status: status ?? 1, output });
    });
  });
}

const results = [];

async function step({ name, command }) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${command}`);
  const { status, output } = await run(command);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status === SKIP_STATUS) {
    const reason = skippedReason(output) ?? 'the step reported that it did not run';
    results.push({ name, outcome: 'skipped', note: reason });
    console.log(`=== ${name}: SKIPPED (${reason})`);
    return;
  }
  results.push({ name, outcome: status === 0 ? 'passed' : 'failed', note: `${seconds}s` });
  console.log(`=== ${name}: ${status === 0 ? 'passed' : `FAILED (exit ${status})`} in ${seconds}s`);
}

function skip(name, reason) {
  results.push({ name, outcome: 'skipped', note: reason });
  console.log(`\n=== ${name}: SKIPPED (${reason})`);
}

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('Installing npm packages (Electron binary download skipped)...');
  if (spawnSync('npm ci --no-audit --no-fund', { shell: true, stdio: 'inherit', env }).status !== 0) process.exit(1);
}
if (!hasChromium() && process.getuid?.() === 0 && selected.some((s) => s.id === 'e2e')) {
  console.log("Installing Debian's Chromium for the browser tests...");
  spawnSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null', { shell: true, stdio: 'inherit', env });
}

for (const s of selected) {
  const reason = s.missing?.();
  if (reason) skip(s.name, reason);
  else await step(s);
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.outcome.padEnd(8)} ${r.name} (${r.note})`);
const count = (o) => results.filter((r) => r.outcome === o).length;
console.log(`steps: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
if (strict && count('skipped')) console.log('--strict: a skipped step fails the run');
process.exit(count('failed') || (strict && count('skipped')) ? 1 : 0);
