// The learner's screen in Chromium (browser mode, simulated backend), with
// xterm.js's DOM renderer on both sides of each comparison:
//  ui.launch_to_interactive_ms  from starting the browser-mode host (Node, the
//                               simulator, the lab scenario) to a lesson step
//                               shown and the first terminal at its prompt;
//                               the browser is already running, as a learner's is
//  ui.page_to_interactive_ms    the renderer's part of it: page navigation to the
//                               same point (the "launch to a prompt" in browser mode)
//  ui.keystroke_echo_ms         median time from a key press in the app's terminal to
//                               the frame that paints its echo (p95 as well)
//  ui.raw_xterm_echo_ms         the same for a bare xterm.js that echoes locally,
//                               in the same browser and run
//  ui.keystroke_echo_ratio      the two medians' ratio: the app's cost over raw xterm.js
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildRenderer, rendererIsStale } from '../scripts/web.mjs';
import { chromiumArgs, chromiumPath, repoRoot, startWebHost, waitForTerminalText } from '../test/e2e/harness.mjs';

const KEYSTROKES = 60;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

/** Times each key press on `selector`'s xterm textarea until the key shows at the cursor line of `window.__benchTerm`. */
async function echoTimes(page, selector) {
  await page.click(`${selector} .xterm-screen`);
  await page.evaluate((sel) => {
    const term = window.__benchTerm;
    const textarea = document.querySelector(`${sel} textarea`);
    window.__echo = { pressedAt: 0, expected: '', samples: [] };
    // Capturing on the window runs before xterm's own keydown handler, which
    // may write a local echo synchronously.
    window.addEventListener(
      'keydown',
      (e) => {
        if (e.target !== textarea) return;
        window.__echo.pressedAt = performance.now();
        window.__echo.expected = e.key;
      },
      true,
    );
    // Parsed into the buffer, then painted: the time ends at the frame that shows the key.
    let parsed = false;
    term.onWriteParsed(() => {
      const echo = window.__echo;
      if (!echo.expected) return;
      const buffer = term.buffer.active;
      const line = buffer.getLine(buffer.baseY + buffer.cursorY)?.translateToString(true) ?? '';
      if (line.endsWith(echo.expected)) parsed = true;
    });
    term.onRender(() => {
      const echo = window.__echo;
      if (!parsed || !echo.expected) return;
      parsed = false;
      echo.samples.push(performance.now() - echo.pressedAt);
      echo.expected = '';
    });
  }, selector);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < KEYSTROKES; i++) {
    const before = await page.evaluate(() => window.__echo.samples.length);
    await page.keyboard.press(letters[i % letters.length]);
    await page.waitForFunction((n) => window.__echo.samples.length > n, before, { timeout: 5_000 }).catch((error) => {
      throw new Error(`${selector}: key ${i + 1} never echoed (${error.message.split('\n')[0]})`);
    });
  }
  return (await page.evaluate(() => window.__echo.samples)).sort((a, b) => a - b);
}

/** A bare xterm.js (DOM renderer) that writes what is typed back into itself. */
async function rawXtermPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent('<!doctype html><div id="raw" style="width:900px;height:500px"></div>');
  await page.addStyleTag({ path: join(repoRoot, 'node_modules/@xterm/xterm/css/xterm.css') });
  await page.addScriptTag({ path: join(repoRoot, 'node_modules/@xterm/xterm/lib/xterm.js') });
  await page.evaluate(() => {
    const term = new window.Terminal({ fontSize: 14 });
    term.open(document.getElementById('raw'));
    term.onData((data) => term.write(data));
    term.write('$ ');
    window.__benchTerm = term;
  });
  return page;
}

export async function run(report) {
  // Building the renderer is not launching it.
  if (rendererIsStale()) buildRenderer();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const started = performance.now();
  const host = await startWebHost();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const navigated = performance.now();
    await page.goto(`${host.url}&backend=sim&renderer=dom`);
    await page.waitForSelector('[data-step-state]', { timeout: 60_000 });
    await page.waitForSelector('[data-terminal="host"] .xterm-screen');
    await waitForTerminalText(page, 'host', /[$#] $/m, 60_000);
    const interactive = performance.now();
    report('ui.launch_to_interactive_ms', Math.round(interactive - started), 'ms');
    report('ui.page_to_interactive_ms', Math.round(interactive - navigated), 'ms');

    await page.evaluate(() => (window.__benchTerm = window.__terms.host));
    const app = await echoTimes(page, '[data-terminal="host"]');
    const raw = await echoTimes(await rawXtermPage(browser), '#raw');
    const appMedian = percentile(app, 50);
    const rawMedian = percentile(raw, 50);
    report('ui.keystroke_echo_ms', appMedian, 'ms');
    report('ui.keystroke_echo_p95_ms', percentile(app, 95), 'ms');
    report('ui.raw_xterm_echo_ms', rawMedian, 'ms');
    report('ui.keystroke_echo_ratio', appMedian / rawMedian, 'x');
    const backend = await page.textContent('[data-area="status"] [data-backend]');
    console.error(`# measured on: ${backend?.trim()}, DOM renderer`);
  } finally {
    await browser.close();
    await host.stop();
  }
}
