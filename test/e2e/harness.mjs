// Shared helpers for end-to-end tests in Debian's Chromium (playwright-core):
// start browser mode on a free loopback port, open the app, type, and read
// xterm buffers back. Test files register tests with `test(name, fn)`;
// test/e2e/run.mjs imports every *.e2e.mjs file and runs them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { buildRenderer, rendererIsStale } from '../../scripts/web.mjs';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const registered = [];

/** Registers a test; `fn` gets nothing and throws to fail. */
export function test(name, fn) {
  registered.push({ name, fn });
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

let rendererChecked = false;

// A signal ends the runner through process.exit, so 'exit' handlers stop the hosts.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

/** Starts the browser-mode host on a free port; resolves once it printed its URL. */
export async function startWebHost(args = []) {
  if (!rendererChecked) {
    if (rendererIsStale()) buildRenderer();
    rendererChecked = true;
  }
  // A fresh data folder per run: no progress or settings leak between tests.
  const dataDir = mkdtempSync(join(tmpdir(), 'dne-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src-main/node/web/main.ts'), '--port', '0', '--data-dir', dataDir, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never leave a host behind, even when the runner is killed midway.
  const killHost = () => child.kill('SIGTERM');
  process.once('exit', killHost);
  let output = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host printed no URL in 30 s:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        process.removeListener('exit', killHost);
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Browser mode in Chromium at 1280x800; `query` is appended to the URL (e.g. `&backend=sim`). */
export async function launchApp({ query = '', viewport = { width: 1280, height: 800 } } = {}) {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const host = await startWebHost();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  // A context of its own, as axe-core's Playwright runner needs.
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(host.url + query);
  return {
    page,
    url: host.url,
    errors,
    close: async () => {
      await browser.close();
      await host.stop();
    },
  };
}

/** A terminal's whole buffer (scrollback included) as logical lines: rows the terminal wrapped are joined. */
export async function terminalLines(page, name) {
  return page.evaluate((terminal) => {
    const term = window.__terms?.[terminal];
    if (!term) return [];
    const buffer = term.buffer.active;
    const lines = [];
    for (let i = 0; i < buffer.length; i++) {
      const row = buffer.getLine(i);
      // Keep trailing spaces of a row that continues on the next one.
      const text = row?.translateToString(!buffer.getLine(i + 1)?.isWrapped) ?? '';
      if (row?.isWrapped && lines.length) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }, name);
}

/** Waits until the terminal's buffer matches `pattern`; returns the text. */
export async function waitForTerminalText(page, name, pattern, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = (await terminalLines(page, name)).join('\n');
    if (pattern.test(text)) return text;
    await page.waitForTimeout(50);
  }
  throw new Error(`terminal ${name} never matched ${pattern}; it shows:\n${text}`);
}

/** Focuses a terminal by clicking its xterm, then types with the keyboard. */
export async function typeInTerminal(page, name, text) {
  await page.click(`[data-terminal="${name}"] .xterm-screen`);
  await page.keyboard.type(text, { delay: 5 });
}
