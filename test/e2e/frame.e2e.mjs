// The frame in Chromium (browser mode): a terminal takes keyboard input and
// its output can be read back; the split shows two terminals; screenshots work.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assert, launchApp, repoRoot, terminalLines, test, typeInTerminal, waitForTerminalText } from './harness.mjs';

test('typing into a terminal echoes back through the lab and the buffer reads back', async () => {
  const app = await launchApp({ query: '&backend=sim' });
  try {
    const { page } = app;
    await page.waitForSelector('[data-terminal="host"] .xterm-screen');
    await waitForTerminalText(page, 'host', /[$#] $/m);
    await typeInTerminal(page, 'host', 'echo frame-e2e-$((6*7))\n');
    const text = await waitForTerminalText(page, 'host', /frame-e2e-(42|\$\(\(6\*7\)\))\s*$/m);
    assert(text.includes('echo frame-e2e-'), `typed line missing from the buffer:\n${text}`);
    const status = await page.textContent('[data-area="status"]');
    assert(/Simulated lab|Real Docker/.test(status ?? ''), `status bar does not name the backend: ${status}`);
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});

test('split shows two terminals side by side and the screenshot is written', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    await page.waitForSelector('[data-terminal="host"] .xterm-screen');
    await page.getByRole('button', { name: /Split/ }).click();
    // The split's right pane has focus: choosing a tab shows it there.
    await page.click('#terminal-tab-host01');
    await page.waitForSelector('[data-terminal="host01"] .xterm-screen', { state: 'visible' });
    const left = await page.locator('[data-terminal="host"]').boundingBox();
    const right = await page.locator('[data-terminal="host01"]').boundingBox();
    assert(left && right && right.x >= left.x + left.width - 2, `panes are not side by side: ${JSON.stringify({ left, right })}`);
    await waitForTerminalText(page, 'host01', /[$#] $/m);
    await typeInTerminal(page, 'host01', 'hostname\n');
    await waitForTerminalText(page, 'host01', /hostname\n.*host01/i);
    const lines = await terminalLines(page, 'host');
    assert(lines.length > 0, 'host terminal lost its buffer after the split');
    mkdirSync(join(repoRoot, 'docs'), { recursive: true });
    const file = join(repoRoot, 'docs/screenshot-main.png');
    await page.waitForTimeout(300);
    await page.screenshot({ path: file });
    assert(statSync(file).size > 10_000, 'screenshot is suspiciously small');
  } finally {
    await app.close();
  }
});

test('a flood of output arrives in full while another terminal stays responsive (flow control acks)', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    await waitForTerminalText(page, 'host', /[$#] $/m);
    await page.getByRole('button', { name: /Split/ }).click();
    await page.click('#terminal-tab-host01');
    await waitForTerminalText(page, 'host01', /[$#] $/m);
    // 24 container records, about 175,000 characters: past the 100,000-character
    // pause mark, so it only completes if the renderer's acknowledgements reach the host.
    const names = Array.from({ length: 6 }, () => 'c1 c2 c3 web').join(' ');
    await typeInTerminal(page, 'host', `docker inspect ${names}; echo flood-done\n`);
    await typeInTerminal(page, 'host01', 'echo still-responsive\n');
    await waitForTerminalText(page, 'host01', /^still-responsive$/m, 30_000);
    const text = await waitForTerminalText(page, 'host', /^flood-done\n.*[$#] $/m, 90_000);
    const records = text.split('\n').filter((line) => /^ {8}"Id": "[0-9a-f]{64}",$/.test(line)).length;
    assert(records === 24, `expected 24 container records in the terminal, found ${records}`);
  } finally {
    await app.close();
  }
});
