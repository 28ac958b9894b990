#!/usr/bin/env node
// `npm test`: everything CI runs, in order, on a fresh clone too. Installs npm
// packages if they are missing (Electron's binary is never downloaded), and
// Debian's Chromium for the browser tests when running as root. Docker-backed
// tests run where a Docker engine answers and are reported as skipped where not.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', FORCE_COLOR: '0' };
const results = [];

function sh(command, options = {}) {
  return spawnSync(command, { shell: true, stdio: 'inherit', env, ...options }).status ?? 1;
}

function quiet(command) {
  return spawnSync(command, { shell: true, stdio: 'ignore', env }).status === 0;
}

function step(name, command) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${command}`);
  const status = sh(command);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, outcome: status === 0 ? 'passed' : 'failed', note: `${seconds}s` });
  console.log(`=== ${name}: ${status === 0 ? 'passed' : `FAILED (exit ${status})`} in ${seconds}s`);
}

function skip(name, reason) {
  results.push({ name, outcome: 'skipped', note: reason });
  console.log(`\n=== ${name}: SKIPPED (${reason})`);
}

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('Installing npm packages (Electron binary download skipped)...');
  if (sh('npm ci --no-audit --no-fund') !== 0) process.exit(1);
}

const isRoot = process.getuid?.() === 0;
if (!existsSync('/usr/bin/chromium') && isRoot) {
  console.log("Installing Debian's Chromium for the browser tests...");
  sh('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null');
}

step('typecheck', 'npx tsc -p tsconfig.json --noEmit && npx tsc -p tsconfig.core.json --noEmit && npx svelte-check --tsconfig ./tsconfig.renderer.json --threshold error --output human');
step('lint', 'npx eslint .');
step('unit and golden tests', 'npx vitest run');
step('spelling of the course', 'npx cspell --no-progress --config cspell.json "lessons/**/*.md" "lessons/**/*.yaml" README.md');
step('lessons:check (simulator)', 'npx tsx src-main/node/cli/lessons-check.ts --backend sim');
step('build (electron-vite: main, preload, renderer)', 'npx electron-vite build');
step('electron security audit', 'node scripts/electronegativity.mjs');
if (existsSync('/usr/bin/chromium')) step('end-to-end (Chromium, browser mode)', 'node test/e2e/run.mjs');
else skip('end-to-end (Chromium, browser mode)', 'no /usr/bin/chromium: apt-get install -y chromium');
step('end-to-end (Electron)', 'node test/electron/run.mjs');

if (quiet('docker info')) {
  step('real Docker backend tests', 'node test/docker/run.mjs');
  step('lessons:check (real Docker)', 'npx tsx src-main/node/cli/lessons-check.ts --backend docker');
  step('parity report (simulator vs real Docker)', 'npx tsx src-main/node/cli/parity.ts');
} else {
  const reason = 'no Docker engine answers `docker info`; .ci/run installs and starts one';
  for (const name of ['real Docker backend tests', 'lessons:check (real Docker)', 'parity report (simulator vs real Docker)']) skip(name, reason);
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.outcome.padEnd(8)} ${r.name} (${r.note})`);
const count = (o) => results.filter((r) => r.outcome === o).length;
console.log(`steps: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
process.exit(count('failed') ? 1 : 0);
