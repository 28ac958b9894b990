// Progress leaves and comes back through the settings: export to a file that
// records the finished step, reset everything only after asking, import the file.
import { readFileSync } from 'node:fs';
import { assert, test } from './harness.mjs';
import { openChapter, runCommand, shownStep, waitForStep } from './screen-helpers.mjs';

test('export records a finished step; reset all asks first; the file imports back', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    const step = await shownStep(page);
    for (const { terminal, command } of step.commands) await runCommand(page, terminal, command);
    await waitForStep(page, step.id, 'done');
    await page.evaluate(() => {
      const region = document.querySelector('[data-live-region]');
      window.__announced = [];
      new MutationObserver(() => window.__announced.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
    });

    await page.keyboard.press('Control+,');
    await page.waitForSelector('dialog[data-dialog="settings"][open]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export…' }).click()]);
    const file = await download.path();
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    assert(JSON.stringify(saved).includes(step.id), `the exported progress does not mention ${step.id}`);

    await page.getByRole('button', { name: 'Reset all…' }).click();
    await page.waitForSelector('dialog[data-dialog="confirm"][open]');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    assert(!(await page.evaluate(() => window.__announced.some((t) => /All progress reset/.test(t)))), 'cancelled reset went ahead');
    await page.getByRole('button', { name: 'Reset all…' }).click();
    await page.locator('dialog[data-dialog="confirm"] [data-confirm]').click();
    await page.waitForFunction(() => window.__announced.some((t) => /All progress reset/.test(t)), null, { timeout: 30_000 });

    await page.locator('dialog[data-dialog="settings"] input[type="file"]').setInputFiles(file);
    await page.waitForFunction(() => window.__announced.some((t) => /Progress imported/.test(t)), null, { timeout: 15_000 });
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
