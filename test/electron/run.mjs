// Electron end-to-end tests (Playwright's _electron) against the built app.
// They need Electron's binary; where it was not downloaded
// (ELECTRON_SKIP_BINARY_DOWNLOAD) they are reported as skipped.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron'); // throws when the binary was never downloaded
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (!binary) {
  console.log('Electron end-to-end tests: 0 passed, 0 failed, SKIPPED (no Electron binary here: it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD)');
  process.exit(0);
}
if (!existsSync(resolve(root, 'out/main/index.cjs'))) {
  console.log('Electron end-to-end tests need a build first: npx electron-vite build');
  process.exit(1);
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const assert = (condition, message) => {
  if (!condition) throw new Error(message);
};

test('the window is locked down: no Node, only the bridge', async (page) => {
  const globals = await page.evaluate(() => ({
    require: typeof window.require,
    process: typeof window.process,
    bridge: Object.keys(window.dne ?? {}).sort().join(','),
    origin: window.location.origin,
  }));
  assert(globals.require === 'undefined' && globals.process === 'undefined', `Node leaked into the renderer: ${JSON.stringify(globals)}`);
  assert(globals.bridge === 'invoke,on', `the bridge exposes ${globals.bridge}`);
  assert(globals.origin.startsWith('app://'), `served from ${globals.origin}, not app://`);
  const reply = await page.evaluate(() => window.dne.invoke('terminal.open', { name: '../x', cols: 1, rows: 1 }));
  assert(reply?.ok === false && reply.e.code === 'invalid-params', `invalid params were not rejected: ${JSON.stringify(reply)}`);
  await page.evaluate(() => (window.location.href = 'https://example.com/'));
  await page.waitForTimeout(500);
  assert(page.url().startsWith('app://'), `navigation was not denied: ${page.url()}`);
});

test('typing into a terminal reads back from the xterm buffer', async (page) => {
  await page.waitForSelector('[data-terminal="host"] .xterm-screen');
  await page.click('[data-terminal="host"] .xterm-screen');
  await page.keyboard.type('echo electron-e2e\n');
  await page.waitForFunction(() => {
    const buffer = window.__terms?.host?.buffer.active;
    if (!buffer) return false;
    for (let i = 0; i < buffer.length; i++) if (/electron-e2e\s*$/.test(buffer.getLine(i)?.translateToString(true) ?? '')) return true;
    return false;
  }, undefined, { timeout: 15_000 });
});

let passed = 0;
let failed = 0;
const app = await electron.launch({ executablePath: binary, args: [resolve(root, 'out/main/index.cjs')], cwd: root });
try {
  const page = await app.firstWindow();
  for (const { name, fn } of tests) {
    try {
      await fn(page);
      passed++;
      console.log(`✓ ${name}`);
    } catch (error) {
      failed++;
      console.log(`✗ ${name}\n  ${error.stack ?? error}`);
    }
  }
} finally {
  await app.close();
}
console.log(`Electron end-to-end tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
