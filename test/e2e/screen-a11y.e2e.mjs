// Accessibility of the main screen: axe-core finds nothing in either theme,
// screen reader support puts the terminal in the accessibility tree and reads
// a finished command's output politely, and focus follows a completed step.
import AxeBuilder from '@axe-core/playwright';
import { assert, test } from './harness.mjs';
import { completeShownStep, openChapter, recordAnnouncements, runCommand, waitForAnnouncement } from './screen-helpers.mjs';

test('axe-core finds no violations on the main screen, light and dark', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    await page.waitForSelector('[data-region="topology"] svg g.namespace');
    await runCommand(page, 'host', 'ip -br link');
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
      await page.waitForTimeout(300);
      const result = await new AxeBuilder({ page }).analyze();
      const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
      assert(found.length === 0, `${scheme}: ${found.length} violations:\n  ${found.join('\n  ')}`);
    }
  } finally {
    await app.close();
  }
});

test('screen reader support: terminal rows in the accessibility tree, output read politely; focus moves to the next step', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    await page.keyboard.press('Control+,');
    await page.locator('#setting-screen-reader').check();
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-terminal="host"] .xterm-accessibility-tree', { state: 'attached' });
    await recordAnnouncements(page);
    await runCommand(page, 'host', 'echo read-me-aloud');
    await waitForAnnouncement(page, /host: read-me-aloud\./);
    const live = await page.getAttribute('[data-live-region]', 'aria-live');
    assert(live === 'polite', `the live region is ${live}`);

    const step = await completeShownStep(page);
    await page.waitForFunction((done) => document.activeElement?.id === 'step-heading' && document.querySelector('[data-step]')?.dataset.step !== done, step.id, { timeout: 5000 });
  } finally {
    await app.close();
  }
});
