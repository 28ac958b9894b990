// A prediction is asked before the experiment: the step's commands wait for
// an answer given with the keyboard, which is then judged and remembered.
import { assert, launchApp, test } from './harness.mjs';
import { recordAnnouncements, waitForAnnouncement } from './screen-helpers.mjs';

const CHAPTER = '08-break-it-and-fix-it';

test('the commands wait for the prediction; the keyboard answer is judged, announced and remembered', async () => {
  const app = await launchApp({ query: `&backend=sim&chapter=${CHAPTER}` });
  try {
    const { page } = app;
    const form = page.locator('[data-step-view-state] [data-prediction]');
    await form.waitFor({ timeout: 30_000 });
    const runButtons = page.locator('[data-step-view-state] ul.commands button.run');
    const total = await runButtons.count();
    assert(total > 0, 'the step offers no commands');
    assert((await page.locator('[data-step-view-state] ul.commands button.run:disabled').count()) === total, 'commands can run before the prediction is answered');

    await recordAnnouncements(page);
    // Second choice: arrow keys move within the radio group, Tab reaches Answer.
    await form.locator('input[type="radio"]').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const verdict = form.locator('p.ok, p.bad');
    await verdict.waitFor();
    const text = (await verdict.textContent()) ?? '';
    assert(/Right\.|Not quite/.test(text), `no verdict: ${text}`);
    await waitForAnnouncement(page, /prediction was right|Not quite/);
    assert((await page.locator('[data-step-view-state] ul.commands button.run:disabled').count()) === 0, 'commands still disabled after answering');

    await page.reload();
    await page.locator('[data-step-view-state] [data-prediction]').waitFor({ timeout: 30_000 });
    await page.waitForSelector('[data-step-view-state] [data-prediction] fieldset:disabled');
    const remembered = (await page.locator('[data-step-view-state] [data-prediction]').textContent()) ?? '';
    assert(/You answered:/.test(remembered), `the answer was not remembered: ${remembered}`);
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
