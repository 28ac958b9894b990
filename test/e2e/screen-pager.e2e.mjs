// `man` in the browser terminal: the page on the alternate screen, sized to the
// pane, space pages, `/` searches, `q` puts back the screen and the prompt.
import { assert, launchApp, terminalLines, test, typeInTerminal, waitForTerminalText } from './harness.mjs';

/** The rows and buffer the host terminal shows now. */
const screenOf = (page) =>
  page.evaluate(() => {
    const term = window.__terms.host;
    return { rows: term.rows, alternate: term.buffer.active.type === 'alternate' };
  });

test('man ip pages at the pane size: space, /route and q back at the prompt', async () => {
  const app = await launchApp({ query: '&backend=sim' });
  try {
    const { page } = app;
    await page.waitForSelector('[data-terminal="host"] .xterm-screen');
    await waitForTerminalText(page, 'host', /# $/m, 30_000);
    await typeInTerminal(page, 'host', 'man ip\n');
    await waitForTerminalText(page, 'host', /Manual page ip\(8\) line 1 \(press h for help or q to quit\)/);
    const opened = await screenOf(page);
    assert(opened.alternate, 'man did not switch to the alternate screen');
    const shown = await terminalLines(page, 'host');
    // A screenful of the page above the prompt row: as many rows as the pane has.
    assert(shown.length === opened.rows, `the pager filled ${shown.length} rows of ${opened.rows}`);
    assert(shown[0].startsWith('IP(8)'), `the page starts with ${JSON.stringify(shown[0])}`);

    await page.keyboard.press('Space');
    const paged = await waitForTerminalText(page, 'host', new RegExp(`Manual page ip\\(8\\) line ${opened.rows} `));
    assert(!paged.includes('IP(8)'), 'space did not move past the first screen');

    await page.keyboard.type('/route');
    await waitForTerminalText(page, 'host', /^\/route$/m);
    await page.keyboard.press('Enter');
    const found = await waitForTerminalText(page, 'host', /Manual page ip\(8\) line \d+ /);
    const top = found.split('\n')[0];
    assert(/route/i.test(top), `the search did not bring a line with "route" to the top: ${JSON.stringify(top)}`);

    await page.keyboard.press('q');
    await waitForTerminalText(page, 'host', /man ip\n(?:.*\n)*?root@[^\n]*# $/);
    const closed = await screenOf(page);
    assert(!closed.alternate, 'q left the terminal on the alternate screen');
    const after = (await terminalLines(page, 'host')).join('\n');
    assert(!after.includes('Manual page'), 'the pager prompt is left on the normal screen');
    // The shell takes commands again.
    await typeInTerminal(page, 'host', 'echo $?\n');
    await waitForTerminalText(page, 'host', /echo \$\?\n0\n/);
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
