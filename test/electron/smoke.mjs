// Smoke test of a packaged app (release.yml): `node test/electron/smoke.mjs <executable>`.
// Starts the installed executable as a learner would, with Chromium's remote
// debugging on a free loopback port (the fuses close Node's inspector, so
// Playwright's _electron cannot attach), then proves the window shows the
// course and a lab prompt answers typing. Exit 0 when it does.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { typeInTerminal, waitForTerminalText } from '../e2e/harness.mjs';

const executable = process.argv[2];
if (!executable || !existsSync(executable)) {
  console.error(`usage: node test/electron/smoke.mjs <packaged executable> (${executable ?? 'none given'} does not exist)`);
  process.exit(2);
}

const userData = mkdtempSync(join(tmpdir(), 'dne-smoke-'));
const app = spawn(executable, ['--remote-debugging-port=0', `--user-data-dir=${userData}`, '--backend=sim'], {
  stdio: ['ignore', 'inherit', 'pipe'],
  env: { ...process.env, APPIMAGE_EXTRACT_AND_RUN: '1' },
});

/** The DevTools address Chromium prints on stderr once it listens. */
const endpoint = await new Promise((resolve, reject) => {
  let seen = '';
  const timer = setTimeout(() => reject(new Error(`the app printed no DevTools address in 60 s; it printed:\n${seen}`)), 60_000);
  app.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    seen += chunk;
    const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
    if (match) {
      clearTimeout(timer);
      resolve(match[1]);
    }
  });
  app.on('exit', (code) => reject(new Error(`the app exited (${code}) before it opened a window:\n${seen}`)));
});

let failure;
try {
  const browser = await chromium.connectOverCDP(endpoint);
  const deadline = Date.now() + 60_000;
  let page;
  while (!page && Date.now() < deadline) {
    page = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith('app://'));
    if (!page) await new Promise((r) => setTimeout(r, 200));
  }
  if (!page) throw new Error('no window shows app://');
  await page.waitForSelector('[data-terminal="host"] .xterm-screen', { timeout: 60_000 });
  await typeInTerminal(page, 'host', 'echo packaged-$((6*7))\n');
  await waitForTerminalText(page, 'host', /packaged-42/, 60_000);
  console.log(`smoke test passed: ${executable} shows the course and its lab prompt answers`);
  await browser.close().catch(() => {});
} catch (error) {
  failure = error;
} finally {
  app.kill();
  rmSync(userData, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
}
if (failure) {
  console.error(`smoke test FAILED: ${failure.stack ?? failure}`);
  process.exit(1);
}
process.exit(0);
