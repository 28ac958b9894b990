// The learner's screen, second pass: a frame that never scrolls and leaves
// the terminals room, splitters that remember, shells that come back after
// `exit` or a chapter reset, a paste that inserts once, and the way on from
// a finished chapter.
import { assert, launchApp, terminalLines, test, typeInTerminal, waitForTerminalText } from './harness.mjs';
import { CHAPTER, completeShownStep, openChapter, runCommand, unfoldCourse } from './screen-helpers.mjs';

const documentScroll = (page) =>
  page.evaluate(() => ({ scrollable: document.documentElement.scrollHeight - window.innerHeight, scrolled: window.scrollY }));

const columns = (page, name) => page.evaluate((n) => window.__terms[n].cols, name);

test('1280x800: the document never scrolls, the active terminal offers 100+ columns, the lesson splitter is remembered', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    await page.waitForSelector('[data-terminal="host"] .xterm-screen');
    const cols = await columns(page, 'host');
    assert(cols >= 100, `host terminal has ${cols} columns at 1280x800`);
    // Walk every step of the chapter: nothing may push the page itself.
    for (const step of await page.locator('[data-step-id]').evaluateAll((els) => els.map((e) => e.dataset.stepId))) {
      await page.evaluate((id) => document.querySelector(`[data-step-id="${id}"] button`).click(), step);
      const scroll = await documentScroll(page);
      assert(scroll.scrollable <= 0 && scroll.scrolled === 0, `step ${step}: the document scrolls ${JSON.stringify(scroll)}`);
    }
    // Keyboard on the lesson splitter: wider lesson, fewer columns; the width survives a reload.
    const splitter = page.locator('[role="separator"][aria-label="Lesson width"]');
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const after = Number(await splitter.getAttribute('aria-valuenow'));
    assert(after === before + 48, `arrow keys moved the lesson splitter from ${before} to ${after}`);
    await page.waitForFunction((c) => window.__terms.host.cols < c, cols);
    await page.reload();
    await page.waitForSelector('[data-terminal="host"] .xterm-screen');
    const reloaded = Number(await page.locator('[role="separator"][aria-label="Lesson width"]').getAttribute('aria-valuenow'));
    assert(reloaded === after, `after a reload the lesson is ${reloaded} px wide, not ${after}`);
    // The folded navigation opens and folds back.
    await page.click('[data-action="toggle-course-nav"]');
    await page.waitForSelector(`[data-chapter-id="${CHAPTER}"] .chapter-title`, { state: 'visible' });
    await page.click('[data-action="toggle-course-nav"]');
    await page.waitForSelector(`[data-chapter-id="${CHAPTER}"] .chapter-title`, { state: 'hidden' });
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});

test('1920x1080 split: each pane offers 80+ columns and the tabs stand in pane order', async () => {
  const app = await launchApp({ query: `&backend=sim&chapter=${CHAPTER}`, viewport: { width: 1920, height: 1080 } });
  try {
    const { page } = app;
    await page.waitForSelector('[data-terminal="host"] .xterm-screen');
    await page.click('#terminal-tab-host01');
    await page.click('button.split');
    // Split with the first tab on the right: the panes follow the tab bar all the same.
    await page.click('#terminal-tab-host');
    await page.waitForSelector('[data-terminal="host01"] .xterm-screen', { state: 'visible' });
    await page.waitForTimeout(300);
    const shown = await page.evaluate(() =>
      ['host', 'c1', 'host01']
        .filter((n) => document.querySelector(`[data-terminal="${n}"]`).offsetParent !== null)
        .map((n) => ({
          name: n,
          cols: window.__terms[n].cols,
          pane: document.querySelector(`[data-terminal="${n}"]`).getBoundingClientRect().left,
          tab: document.getElementById(`terminal-tab-${n}`).getBoundingClientRect().left,
        })),
    );
    assert(shown.length === 2, `split shows ${JSON.stringify(shown)}`);
    for (const pane of shown) assert(pane.cols >= 80, `${pane.name} has ${pane.cols} columns in a 1920 px split`);
    const byPane = [...shown].sort((a, b) => a.pane - b.pane).map((p) => p.name);
    const byTab = [...shown].sort((a, b) => a.tab - b.tab).map((p) => p.name);
    assert(byPane.join() === byTab.join(), `panes ${byPane} but tabs ${byTab}`);
    const scroll = await documentScroll(page);
    assert(scroll.scrollable <= 0, `the document scrolls ${JSON.stringify(scroll)}`);
  } finally {
    await app.close();
  }
});

test('after exit, Enter starts a new shell within a second; a chapter reset brings an ended shell back', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    await runCommand(page, 'host', 'echo before');
    await typeInTerminal(page, 'host', 'exit\n');
    await waitForTerminalText(page, 'host', /shell ended with status 0: press Enter/);
    await page.waitForSelector('[data-action="restart-shell"]');
    const started = Date.now();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const buffer = window.__terms.host.buffer.active;
      return buffer.getLine(buffer.baseY + buffer.cursorY)?.translateToString(true).endsWith('# ');
    });
    const elapsed = Date.now() - started;
    assert(elapsed < 1000, `the new shell took ${elapsed} ms`);
    await runCommand(page, 'host', 'echo after');

    // Ctrl-D ends it again; resetting the chapter brings it back without a key.
    await page.keyboard.press('Control+d');
    await waitForTerminalText(page, 'host', /shell ended[^\n]*\n(.|\n)*shell ended/);
    await unfoldCourse(page);
    await page.click('.reset-chapter');
    await page.locator('dialog[data-dialog="confirm"] [data-confirm]').click();
    await page.waitForSelector('[data-action="restart-shell"]', { state: 'detached', timeout: 15_000 });
    await runCommand(page, 'host', 'echo back');
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});

test('Ctrl+Shift+V and a paste event each insert the clipboard once', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await runCommand(page, 'host', 'true');
    await page.evaluate(() => navigator.clipboard.writeText('echo pasted-once'));
    await page.click('[data-terminal="host"] .xterm-screen');
    await page.keyboard.press('Control+Shift+V');
    await page.waitForTimeout(300);
    const line = (await terminalLines(page, 'host')).at(-1);
    assert(/# echo pasted-once$/.test(line), `after Ctrl+Shift+V the prompt shows: ${line}`);
    await page.keyboard.press('Enter');
    await waitForTerminalText(page, 'host', /^pasted-once$/m);
    // The context menu's Paste (and a middle click on Linux) reach xterm as a paste event.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'echo menu-paste');
      document.querySelector('[data-terminal="host"] textarea').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForTimeout(200);
    const menuLine = (await terminalLines(page, 'host')).at(-1);
    assert(/# echo menu-paste$/.test(menuLine), `after a paste event the prompt shows: ${menuLine}`);
  } finally {
    await app.close();
  }
});

test('a finished chapter offers the next one; the URL keeps chapter=; after a reload done steps show ticked checks', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    const steps = await page.locator('[data-step-id]').count();
    const ids = [];
    for (let i = 0; i < steps; i++) ids.push((await completeShownStep(page)).id);
    const [first, last] = [ids[0], ids.at(-1)];
    const next = page.locator('[data-action="next-chapter"]');
    await next.waitFor();
    const icons = await page.locator('[data-step-id] .step-title .icon').allTextContents();
    assert(new Set(icons).size === 1, `every done step should share one icon: ${icons}`);
    await page.reload();
    await page.waitForSelector('[data-step-state]');
    await page.evaluate((id) => document.querySelector(`[data-step-id="${id}"] button`).click(), first);
    await page.waitForSelector(`[data-step="${first}"]`);
    const statuses = await page.locator('[data-check-status]').evaluateAll((els) => els.map((e) => e.dataset.checkStatus));
    assert(statuses.length > 0 && statuses.every((s) => s === 'pass'), `after a reload the done step's checks are ${statuses}`);
    await page.evaluate((id) => document.querySelector(`[data-step-id="${id}"] button`).click(), last);
    await page.click('[data-action="next-chapter"]');
    await page.waitForFunction((chapter) => !location.search.includes(`chapter=${chapter}`) && /chapter=[\w.-]+/.test(location.search), CHAPTER);
    const opened = new URL(page.url()).searchParams.get('chapter');
    const title = await page.locator(`[data-chapter-id="${opened}"]`).getAttribute('class');
    assert(/open/.test(title), `the URL names ${opened} but the navigation opened another chapter`);
  } finally {
    await app.close();
  }
});

test('done, done with help and in progress have different icons', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    const icon = (state) =>
      page.evaluate((s) => {
        const probe = document.querySelector(`[data-step-state="${s}"] .icon`);
        return probe?.textContent;
      }, state);
    const active = await icon('active');
    await completeShownStep(page);
    const done = await icon('done');
    // Asking for the solution makes the next step "done with help".
    await page.click('[data-action="solution"]');
    await page.locator('dialog[data-dialog="confirm"] [data-confirm]').click();
    const { commands } = await page.evaluate(() => ({ commands: [...document.querySelectorAll('[data-step-view-state] ul.commands > li')].map((li) => ({ terminal: li.querySelector('[data-run-terminal]').dataset.runTerminal, command: li.querySelector('code').textContent.trim() })) }));
    for (const { terminal, command } of commands) await runCommand(page, terminal, command);
    await page.waitForSelector('[data-step-state="assisted"]');
    const assisted = await icon('assisted');
    assert(active && done && assisted && new Set([active, done, assisted]).size === 3, `icons: active ${active}, done ${done}, assisted ${assisted}`);
  } finally {
    await app.close();
  }
});
