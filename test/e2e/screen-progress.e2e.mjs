// Progress leaves and comes back through the settings: export to a file that
// records the finished step, reset everything only after asking, import the file.
import { readFileSync } from 'node:fs';
import { assert, test } from './harness.mjs';
import { completeShownStep, openChapter, recordAnnouncements, waitForAnnouncement } from './screen-helpers.mjs';

test('export records a finished step; reset all asks first; the file imports back', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    const step = await completeShownStep(page);
    await recordAnnouncements(page);

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
    await waitForAnnouncement(page, /All progress reset/);

    await page.locator('dialog[data-dialog="settings"] input[type="file"]').setInputFiles(file);
    await waitForAnnouncement(page, /Progress imported/, 15_000);
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
