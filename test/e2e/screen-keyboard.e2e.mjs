// The learner's screen without a mouse: help overlay, focus moves, command
// buttons that type into the right terminal, settings that persist, and the
// navigation's step-state hooks.
import { assert, launchApp, test, waitForTerminalText } from './harness.mjs';
import { recordAnnouncements, waitForAnnouncement } from './screen-helpers.mjs';

const activeInfo = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName, id: el?.id, dialog: el?.closest('dialog')?.dataset.dialog, terminal: el?.closest('[data-terminal]')?.dataset.terminal };
  });

test('F1 opens the shortcut list, Escape closes it and focus returns; Alt+digits move between regions', async () => {
  const app = await launchApp({ query: '&backend=sim' });
  try {
    const { page } = app;
    await page.waitForSelector('[data-step-state]');
    await page.waitForSelector('[data-terminal="host"] .xterm-screen');
    await page.keyboard.press('Alt+2');
    assert((await activeInfo(page)).id === 'lesson-body', `Alt+2 did not focus the lesson: ${JSON.stringify(await activeInfo(page))}`);
    await page.keyboard.press('F1');
    await page.waitForSelector('dialog[data-dialog="help"][open]');
    const rows = await page.locator('dialog[data-dialog="help"] tr').allTextContents();
    assert(rows.some((r) => /Alt\+3.*terminal/i.test(r)), `help lists no terminal shortcut: ${rows.join(' | ')}`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[data-dialog="help"]:not([open])', { state: 'attached' });
    assert((await activeInfo(page)).id === 'lesson-body', 'focus did not return to the lesson after closing help');
    // From inside a terminal the app's keys still work, so focus is never stuck there.
    await page.keyboard.press('Alt+3');
    assert((await activeInfo(page)).terminal === 'host', `Alt+3 did not reach the host terminal: ${JSON.stringify(await activeInfo(page))}`);
    await page.keyboard.press('Alt+1');
    assert((await activeInfo(page)).id === 'course-nav', 'Alt+1 did not leave the terminal for the course navigation');
    // Tab walks forward from the navigation into the lesson's controls.
    const seen = new Set();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const info = await activeInfo(page);
      seen.add(info.tag);
    }
    assert(seen.has('BUTTON'), 'Tab reached no button');
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});

test('every navigation step carries data-step-state and ?chapter= opens that chapter', async () => {
  const app = await launchApp({ query: '&backend=sim&chapter=00-the-map' });
  try {
    const { page } = app;
    await page.waitForSelector('[data-step-state]');
    const states = await page.locator('[data-step-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step-state')));
    assert(states.length >= 1 && states.every((s) => /^(pending|active|done|assisted)$/.test(s)), `bad step states: ${states}`);
    const open = await page.locator('[data-chapter-id][class*="open"]').getAttribute('data-chapter-id');
    assert(open === '00-the-map', `opened chapter ${open}`);
  } finally {
    await app.close();
  }
});

test('"Run in" types the command into the named terminal and the live region says so', async () => {
  const app = await launchApp({ query: '&backend=sim' });
  try {
    const { page } = app;
    const run = page.locator('[data-step-view-state] button[data-command-action="run"]:not([disabled])').first();
    await run.waitFor();
    const terminal = await run.getAttribute('data-run-terminal');
    const command = (await run.locator('xpath=ancestor::li[1]//code').textContent()).trim();
    // Everything the live region says from here on (the check results may follow at once).
    await recordAnnouncements(page);
    await run.focus();
    await page.keyboard.press('Enter');
    const escaped = command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await waitForTerminalText(page, terminal, new RegExp(escaped));
    await waitForAnnouncement(page, new RegExp(`Typed into ${terminal}:`));
  } finally {
    await app.close();
  }
});

test('settings persist across a reload', async () => {
  const app = await launchApp({ query: '&backend=sim' });
  try {
    const { page } = app;
    await page.waitForSelector('[data-step-state]');
    await page.keyboard.press('Control+,');
    await page.waitForSelector('dialog[data-dialog="settings"][open]');
    const size = page.locator('#setting-font-size');
    const before = Number(await size.inputValue());
    const wanted = before === 17 ? 16 : 17;
    await size.fill(String(wanted));
    await size.press('Enter');
    await page.locator('#setting-motion').check();
    await page.locator('#setting-theme').selectOption('dark');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.reload();
    await page.waitForSelector('[data-step-state]');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark' && document.documentElement.dataset.reducedMotion === 'true');
    await page.keyboard.press('Control+,');
    await page.waitForSelector('dialog[data-dialog="settings"][open]');
    const after = Number(await page.locator('#setting-font-size').inputValue());
    assert(after === wanted, `font size ${after}, expected ${wanted}`);
    const status = await page.textContent('[data-backend-status]');
    assert(/Simulated lab|Real Docker|not connected/.test(status ?? ''), `backend status unclear: ${status}`);
  } finally {
    await app.close();
  }
});
