// The learner's screen in Chromium (browser mode, simulated backend):
//  ui.launch_to_interactive_ms  from starting the browser-mode host (Node, the
//                               simulator, the lab scenario) to a lesson step
//                               shown and the first terminal at its prompt;
//                               the browser is already running, as a learner's is
//  ui.page_to_interactive_ms    the renderer's part of it: page navigation to the same point
//  ui.keystroke_echo_ms         median time from a key press in the terminal to
//                               its echo parsed into xterm's buffer (p95 as well)
import { buildRenderer, rendererIsStale } from '../scripts/web.mjs';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, startWebHost, waitForTerminalText } from '../test/e2e/harness.mjs';

const KEYSTROKES = 60;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
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
    await page.goto(`${host.url}&backend=sim`);
    await page.waitForSelector('[data-step-state]', { timeout: 60_000 });
    await page.waitForSelector('[data-terminal="host"] .xterm-screen');
    await waitForTerminalText(page, 'host', /[$#] $/m, 60_000);
    const interactive = performance.now();
    report('ui.launch_to_interactive_ms', Math.round(interactive - started), 'ms');
    report('ui.page_to_interactive_ms', Math.round(interactive - navigated), 'ms');

    await page.click('[data-terminal="host"] .xterm-screen');
    // Timed inside the page: keydown on xterm's textarea to the write that puts the character in the buffer.
    await page.evaluate(() => {
      const term = window.__terms.host;
      const textarea = document.querySelector('[data-terminal="host"] textarea');
      window.__echo = { pressedAt: 0, expected: '', samples: [] };
      textarea.addEventListener('keydown', (e) => {
        window.__echo.pressedAt = performance.now();
        window.__echo.expected = e.key;
      }, true);
      term.onWriteParsed(() => {
        const echo = window.__echo;
        if (!echo.expected) return;
        const buffer = term.buffer.active;
        const line = buffer.getLine(buffer.baseY + buffer.cursorY)?.translateToString(true) ?? '';
        if (line.endsWith(echo.expected)) {
          echo.samples.push(performance.now() - echo.pressedAt);
          echo.expected = '';
        }
      });
    });
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let i = 0; i < KEYSTROKES; i++) {
      const before = await page.evaluate(() => window.__echo.samples.length);
      await page.keyboard.press(letters[i % letters.length]);
      await page.waitForFunction((n) => window.__echo.samples.length > n, before, { timeout: 5_000 });
    }
    const samples = (await page.evaluate(() => window.__echo.samples)).sort((a, b) => a - b);
    report('ui.keystroke_echo_ms', percentile(samples, 50), 'ms');
    report('ui.keystroke_echo_p95_ms', percentile(samples, 95), 'ms');
    const backend = await page.textContent('[data-area="status"] [data-backend]');
    console.error(`# measured on: ${backend?.trim()}`);
  } finally {
    await browser.close();
    await host.stop();
  }
}
