// The learner's screen in Chromium (browser mode, simulated backend), with
// xterm.js's DOM renderer on both sides of each comparison:
//  ui.launch_to_interactive_ms  from starting the browser-mode host (Node, the
//                               simulator, the lab scenario) to a lesson step
//                               shown and the first terminal at its prompt;
//                               the browser is already running, as a learner's is
//  ui.page_to_interactive_ms    the renderer's part of it: page navigation to the
//                               same point (the "launch to a prompt" in browser mode)
//  ui.page_main_thread_ms       the page's main-thread busy time over that span, in CPU time
//                               (Chromium's TaskDuration in thread ticks, less the bench's own
//                               DevTools calls): the launch's own work, which a loaded machine's
//                               waits for a core do not inflate as they do the wall-clock time
//  ui.keystroke_echo_ms         median time from a key press in the app's terminal to
//                               the frame that paints its echo (p95 as well)
//  ui.raw_xterm_echo_ms         the same for a bare xterm.js with the app terminal's
//                               options that echoes locally, in the same browser and run
//  ui.keystroke_echo_ratio      the two medians' ratio: the app's cost over raw xterm.js
//  ui.socket_xterm_echo_ms      the same bare xterm.js with its echo sent through a WebSocket
//                               to another Node process that sends each key straight back:
//                               the process hop alone, without the app's work
//  ui.keystroke_echo_socket_ratio  the app's median over that one: what the app adds to the hop
//  ui.keystroke_main_thread_ms  the page's main-thread busy time per keystroke while typing,
//                               measured the same way;
//  ui.socket_xterm_main_thread_ms  the same for the bare xterm.js over a WebSocket: the
//                               difference is the app's own work per key (its keydown, message,
//                               render and state updates beside xterm.js's)
//  ui.keystroke_echo_undeferred_*  the same in a Chromium without its deferral of
//                               tasks after input, as the desktop window runs: with it,
//                               an echo from the host cannot make the frame after the key
// The two are typed in alternating rounds, so a change in the machine's load
// during the run weighs on both alike.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildRenderer, rendererIsStale } from '../scripts/web.mjs';
import { chromiumArgs, chromiumPath, repoRoot, startWebHost, waitForTerminalText } from '../test/e2e/harness.mjs';

const ROUNDS = 6;
const KEYSTROKES_PER_ROUND = 10;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

/** Watches `selector`'s xterm textarea: each key press is timed until the key shows at the cursor line of `window.__benchTerm`. */
async function watchEcho(page, selector) {
  await page.evaluate((sel) => {
    const term = window.__benchTerm;
    const textarea = document.querySelector(`${sel} textarea`);
    // `painted(n)` resolves once there are more than n samples: awaited from
    // here rather than polled on every frame, which would keep both pages busy.
    let notify = () => {};
    window.__echo = {
      pressedAt: 0,
      expected: '',
      samples: [],
      painted: (n) =>
        new Promise((resolve) => {
          notify = () => window.__echo.samples.length > n && resolve();
          notify();
        }),
    };
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
      notify();
    });
  }, selector);
}

// Chromium counts a page's task time only while a session keeps Performance enabled.
const performanceSessions = new WeakMap();

/** Starts counting `page`'s main-thread busy time, in the thread's CPU time. */
async function watchMainThread(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  performanceSessions.set(page, cdp);
}

/** `page`'s main-thread busy time since watchMainThread, in ms, without the bench's own DevTools calls into it. */
async function mainThreadMs(page) {
  const { metrics } = await performanceSessions.get(page).send('Performance.getMetrics');
  const seconds = (name) => metrics.find((m) => m.name === name).value;
  return (seconds('TaskDuration') - seconds('DevToolsCommandDuration')) * 1000;
}

/** Types `count` letters into the watched terminal, each after the last one's echo; resolves with the page's main-thread time meanwhile. */
async function typeRound(page, selector, count) {
  await page.bringToFront();
  const busyBefore = await mainThreadMs(page);
  await page.click(`${selector} .xterm-screen`);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < count; i++) {
    const before = await page.evaluate(() => window.__echo.samples.length);
    await page.keyboard.press(letters[i % letters.length]);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${selector}: key ${i + 1} never echoed in 5 s`)), 5_000);
    });
    await Promise.race([page.evaluate((n) => window.__echo.painted(n), before), timeout]).finally(() => clearTimeout(timer));
  }
  return (await mainThreadMs(page)) - busyBefore;
}

async function echoSamples(page) {
  return (await page.evaluate(() => window.__echo.samples)).sort((a, b) => a - b);
}

/** A Node process that sends every WebSocket message straight back; resolves with its ws:// address. */
async function startEchoServer() {
  const source = `
    const { WebSocketServer } = require('ws');
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('listening', () => console.log('ws://127.0.0.1:' + server.address().port));
    server.on('connection', (socket) => socket.on('message', (data, binary) => socket.send(data, { binary })));
  `;
  const child = spawn(process.execPath, ['-e', source], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
    child.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
  });
  return { url, stop: () => child.kill() };
}

/**
 * A bare xterm.js (DOM renderer) with `options` and Unicode 11 widths, as the app's terminal has,
 * that writes what is typed back into itself: at once, or as it comes back from `echoUrl`.
 */
async function rawXtermPage(browser, options, echoUrl) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent('<!doctype html><div id="raw" style="width:900px;height:500px"></div>');
  await page.addStyleTag({ path: join(repoRoot, 'node_modules/@xterm/xterm/css/xterm.css') });
  await page.addScriptTag({ path: join(repoRoot, 'node_modules/@xterm/xterm/lib/xterm.js') });
  await page.addScriptTag({ path: join(repoRoot, 'node_modules/@xterm/addon-unicode11/lib/addon-unicode11.js') });
  await watchMainThread(page);
  await page.evaluate(
    async ({ options, echoUrl }) => {
      const term = new window.Terminal(options);
      term.loadAddon(new window.Unicode11Addon.Unicode11Addon());
      term.unicode.activeVersion = '11';
      term.open(document.getElementById('raw'));
      if (echoUrl) {
        const socket = new WebSocket(echoUrl);
        await new Promise((resolve) => (socket.onopen = resolve));
        socket.onmessage = (message) => term.write(message.data);
        term.onData((data) => socket.send(data));
      } else term.onData((data) => term.write(data));
      term.write('$ ');
      window.__benchTerm = term;
    },
    { options, echoUrl },
  );
  return page;
}

/** Opens the app in `browser` and waits for a lesson step and the host terminal's prompt; with the page's main-thread time until then. */
async function openApp(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await watchMainThread(page);
  await page.goto(`${url}&backend=sim&renderer=dom`);
  await page.waitForSelector('[data-step-state]', { timeout: 60_000 });
  await page.waitForSelector('[data-terminal="host"] .xterm-screen');
  await waitForTerminalText(page, 'host', /[$#] $/m, 60_000);
  return { page, mainThreadMs: Math.round(await mainThreadMs(page)) };
}

/** Median echo times of the app's host terminal and of a bare xterm.js with its options (local echo, and echo over a WebSocket), typed in alternating rounds. */
async function echoMedians(browser, page, echoUrl) {
  const options = await page.evaluate(() => {
    const term = (window.__benchTerm = window.__terms.host);
    const { fontSize, fontFamily, theme, cursorBlink, scrollback, allowProposedApi, screenReaderMode } = term.options;
    return { fontSize, fontFamily, theme, cursorBlink, scrollback, allowProposedApi, screenReaderMode };
  });
  const appTerminal = '[data-terminal="host"]';
  await watchEcho(page, appTerminal);
  const rawPage = await rawXtermPage(browser, options);
  await watchEcho(rawPage, '#raw');
  const socketPage = await rawXtermPage(browser, options, echoUrl);
  await watchEcho(socketPage, '#raw');
  let appBusy = 0;
  let socketBusy = 0;
  for (let round = 0; round < ROUNDS; round++) {
    appBusy += await typeRound(page, appTerminal, KEYSTROKES_PER_ROUND);
    await typeRound(rawPage, '#raw', KEYSTROKES_PER_ROUND);
    socketBusy += await typeRound(socketPage, '#raw', KEYSTROKES_PER_ROUND);
  }
  const app = await echoSamples(page);
  const raw = await echoSamples(rawPage);
  const socket = await echoSamples(socketPage);
  const keys = ROUNDS * KEYSTROKES_PER_ROUND;
  return {
    app: percentile(app, 50),
    appP95: percentile(app, 95),
    raw: percentile(raw, 50),
    socket: percentile(socket, 50),
    appBusyPerKey: appBusy / keys,
    socketBusyPerKey: socketBusy / keys,
  };
}

export async function run(report) {
  // Building the renderer is not launching it.
  if (rendererIsStale()) buildRenderer();
  const browsers = [];
  const launch = async (args) => {
    const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...args] });
    browsers.push(browser);
    return browser;
  };
  const browser = await launch([]);
  const started = performance.now();
  const host = await startWebHost();
  const echoServer = await startEchoServer();
  try {
    const navigated = performance.now();
    const { page, mainThreadMs } = await openApp(browser, host.url);
    const interactive = performance.now();
    report('ui.launch_to_interactive_ms', Math.round(interactive - started), 'ms');
    report('ui.page_to_interactive_ms', Math.round(interactive - navigated), 'ms');
    report('ui.page_main_thread_ms', mainThreadMs, 'ms');

    const echo = await echoMedians(browser, page, echoServer.url);
    report('ui.keystroke_echo_ms', echo.app, 'ms');
    report('ui.keystroke_echo_p95_ms', echo.appP95, 'ms');
    report('ui.raw_xterm_echo_ms', echo.raw, 'ms');
    report('ui.keystroke_echo_ratio', echo.app / echo.raw, 'x');
    report('ui.socket_xterm_echo_ms', echo.socket, 'ms');
    report('ui.keystroke_echo_socket_ratio', echo.app / echo.socket, 'x');
    report('ui.keystroke_main_thread_ms', echo.appBusyPerKey, 'ms');
    report('ui.socket_xterm_main_thread_ms', echo.socketBusyPerKey, 'ms');
    const backend = await page.textContent('[data-area="status"] [data-backend]');
    console.error(`# measured on: ${backend?.trim()}, DOM renderer`);

    // The desktop window turns off Chromium's deferral of tasks after input
    // (see src-main/electron/main.ts); the same comparison with it off.
    const undeferred = await launch(['--disable-features=DeferRendererTasksAfterInput']);
    const echoUndeferred = await echoMedians(undeferred, (await openApp(undeferred, host.url)).page, echoServer.url);
    report('ui.keystroke_echo_undeferred_ms', echoUndeferred.app, 'ms');
    report('ui.raw_xterm_echo_undeferred_ms', echoUndeferred.raw, 'ms');
    report('ui.keystroke_echo_undeferred_ratio', echoUndeferred.app / echoUndeferred.raw, 'x');
    report('ui.socket_xterm_echo_undeferred_ms', echoUndeferred.socket, 'ms');
    report('ui.keystroke_echo_undeferred_socket_ratio', echoUndeferred.app / echoUndeferred.socket, 'x');
  } finally {
    echoServer.stop();
    for (const b of browsers) await b.close();
    await host.stop();
  }
}
