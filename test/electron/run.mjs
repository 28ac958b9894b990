// Electron end-to-end tests (Playwright's _electron) against the built app:
// the window, its lock-down as the running renderer sees it, app://, refused
// navigation and windows, a lab prompt, and the lab utility process coming back
// after it is killed. Where Electron's binary was never downloaded, or Linux has
// no display, the step is reported as skipped with the reason (scripts/skip.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { skipStep } from '../../scripts/skip.mjs';
import { terminalLines, typeInTerminal, waitForTerminalText } from '../e2e/harness.mjs';

const root = resolve(import.meta.dirname, '../..');

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron'); // throws when the binary was never downloaded
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (!binary) skipStep('no Electron binary: it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD; `node node_modules/electron/install.js` fetches it');
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) skipStep('no display on Linux: run it under xvfb-run');
if (!existsSync(resolve(root, 'out/main/index.cjs'))) {
  console.log('Building the app first: npx electron-vite build');
  const build = spawnSync(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const assert = (condition, message) => {
  if (!condition) throw new Error(message);
};

/** The main process's view of the window, read in the main process itself. */
const mainWindowFacts = (app) =>
  app.evaluate(({ BrowserWindow }) => {
    const windows = BrowserWindow.getAllWindows();
    const prefs = windows[0]?.webContents.getLastWebPreferences() ?? {};
    return {
      windows: windows.length,
      contextIsolation: prefs.contextIsolation,
      sandbox: prefs.sandbox,
      nodeIntegration: prefs.nodeIntegration,
      url: windows[0]?.webContents.getURL(),
    };
  });

/** Process ids of the app's utility processes (the lab runs in one). */
const utilityPids = (app) => app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().filter((m) => m.type === 'Utility').map((m) => m.pid));

async function until(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the window opens on the course', async ({ app, page }) => {
  const facts = await mainWindowFacts(app);
  assert(facts.windows === 1, `${facts.windows} windows are open`);
  assert((await page.title()).includes('Docker Networking Explorer'), `the window's title is ${await page.title()}`);
  await page.waitForSelector('[data-terminal="host"] .xterm-screen', { timeout: 30_000 });
});

test('context isolation and the sandbox are in effect in the running renderer', async ({ app, page }) => {
  const facts = await mainWindowFacts(app);
  assert(facts.contextIsolation === true && facts.sandbox === true && facts.nodeIntegration === false, `web preferences in effect: ${JSON.stringify(facts)}`);
  const seen = await page.evaluate(() => ({
    require: typeof window.require,
    process: typeof window.process,
    module: typeof window.module,
    bridge: Object.keys(window.dne ?? {}).sort().join(','),
    // With context isolation, the preload's objects are frozen copies the page cannot change.
    bridgeWritable: (() => {
      try {
        window.dne.invoke = () => 'hijacked';
      } catch {
        return false;
      }
      return window.dne.invoke() === 'hijacked';
    })(),
  }));
  assert(seen.require === 'undefined' && seen.process === 'undefined' && seen.module === 'undefined', `Node reached the renderer: ${JSON.stringify(seen)}`);
  assert(seen.bridge === 'invoke,on', `the bridge exposes ${seen.bridge}`);
  assert(!seen.bridgeWritable, 'the page could replace the bridge: context isolation is not in effect');
  const reply = await page.evaluate(() => window.dne.invoke('terminal.open', { name: '../x', cols: 1, rows: 1 }));
  assert(reply?.ok === false && reply.e.code === 'invalid-params', `invalid params were not rejected: ${JSON.stringify(reply)}`);
});

test('app:// serves the app and nothing outside the bundle', async ({ page }) => {
  assert(page.url().startsWith('app://bundle/'), `served from ${page.url()}`);
  const statuses = await page.evaluate(async () => {
    const status = async (path) => (await fetch(path)).status;
    return { index: await status('/index.html'), outside: await status('/../../main/index.cjs') };
  });
  assert(statuses.index === 200, `app://bundle/index.html answered ${statuses.index}`);
  assert(statuses.outside === 404 || statuses.outside === 403, `a path outside the bundle answered ${statuses.outside}`);
});

test('navigation and new windows are refused', async ({ app, page }) => {
  const before = page.url();
  // Loopback only: the guard refuses before any request would leave.
  await page.evaluate(() => (window.location.href = 'http://127.0.0.1:9/elsewhere'));
  await page.waitForTimeout(500);
  assert(page.url() === before, `navigation was not refused: ${page.url()}`);
  const opened = await page.evaluate(() => window.open('app://bundle/index.html') === null);
  await page.waitForTimeout(500);
  const facts = await mainWindowFacts(app);
  assert(opened && facts.windows === 1, `a new window was allowed (window.open returned a window: ${!opened}, ${facts.windows} windows)`);
});

test('a lab prompt answers typing', async ({ page }) => {
  await typeInTerminal(page, 'host', 'echo electron-e2e-$((6*7))\n');
  await waitForTerminalText(page, 'host', /electron-e2e-42/, 30_000);
});

test('the lab utility process is started again after it is killed', async ({ app, page }) => {
  const [before] = await until(async () => {
    const pids = await utilityPids(app);
    return pids.length ? pids : undefined;
  }, 10_000, 'the lab utility process');
  process.kill(before, 'SIGKILL');
  await until(async () => {
    const pids = await utilityPids(app);
    return pids.length > 0 && !pids.includes(before);
  }, 30_000, 'a new lab utility process');
  // The screen reloads and reconnects to the new process: a prompt answers again.
  await page.waitForSelector('[data-terminal="host"] .xterm-screen', { timeout: 30_000 });
  await until(async () => (await terminalLines(page, 'host')).length > 0, 30_000, 'the host terminal after the restart');
  await typeInTerminal(page, 'host', 'echo after-restart-$((6*7))\n');
  await waitForTerminalText(page, 'host', /after-restart-42/, 30_000);
});

test('a screen reader the OS reports turns on the terminals\' screen reader mode', async ({ app, page }) => {
  const mode = () => page.evaluate(() => window.__terms?.host?.options.screenReaderMode);
  await until(async () => (await mode()) !== undefined, 30_000, 'the host terminal');
  assert((await mode()) === false, 'screen reader mode was on before any assistive technology was reported');
  // What Electron emits when the OS starts a screen reader (Orca, NVDA, VoiceOver).
  await app.evaluate(({ app: electronApp }) => electronApp.emit('accessibility-support-changed', {}, true));
  await until(mode, 10_000, 'screen reader mode in the host terminal');
  const reply = await page.evaluate(() => window.dne.invoke('settings.get', {}));
  assert(reply.ok && reply.r.screenReaderMode === true, `the setting was not saved: ${JSON.stringify(reply)}`);
});

let passed = 0;
let failed = 0;
const userData = mkdtempSync(join(tmpdir(), 'dne-electron-e2e-'));
const app = await electron.launch({
  executablePath: binary,
  args: [root, `--user-data-dir=${userData}`, '--backend=sim'],
  cwd: root,
  timeout: 60_000,
});
try {
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  for (const { name, fn } of tests) {
    const started = Date.now();
    try {
      await fn({ app, page });
      passed++;
      console.log(`✓ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`✗ ${name}\n  ${String(error.stack ?? error).replace(/\n/g, '\n  ')}`);
    }
  }
} finally {
  await app.close().catch(() => {});
  rmSync(userData, { recursive: true, force: true });
}
console.log(`Electron end-to-end tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
