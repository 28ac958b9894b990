// A prediction asks before the experiment: until it is answered the step shows
// its goal, its narrative and the question, and nothing that gives the answer
// away (no command, no checklist, no hint or solution, no afterPrediction).
// The keyboard answer is judged and announced; then everything shows, and
// stays shown, with the explanation, after a reload.
import { assert, launchApp, test } from './harness.mjs';
import { recordAnnouncements, screenshot, waitForAnnouncement } from './screen-helpers.mjs';

const CHAPTER = '02-a-ping-in-the-dark';
const STEP = 'routing-tables';

test('a step with a prediction shows no command and no outcome until it is answered, and all of them after', async () => {
  const app = await launchApp({ query: `&backend=sim&chapter=${CHAPTER}` });
  try {
    const { page } = app;
    const step = page.locator(`[data-step="${STEP}"]`);
    // The first step asks nothing; the next one asks where c1's ping goes.
    await page.locator('[data-step-view-state]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Next step →' }).click();
    const form = step.locator('[data-prediction]');
    await form.waitFor({ timeout: 30_000 });

    const before = (await step.textContent()) ?? '';
    assert(await step.locator('[data-prediction-hidden]').isVisible(), 'the step does not say what waits for the answer');
    assert((await step.locator('ul.commands, ul.checks, [data-after-prediction], [data-action="hint"], [data-action="solution"]').count()) === 0, 'a command, the checklist, a hint, the solution or the text after the prediction shows before the answer');
    assert(!/ip route|c1 has only two routes|Checklist|Hint/.test(before), `the step gives the answer away before it is asked: ${before}`);
    assert(/routing table/.test(before), `the goal or narrative is missing: ${before}`);
    await screenshot(page, 'screenshots/prediction-asked.png');

    await recordAnnouncements(page);
    // Second choice: arrow keys move within the radio group, Tab reaches Answer.
    await form.locator('input[type="radio"]').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const verdict = form.locator('[data-prediction-result]');
    await verdict.waitFor();
    assert(/^(Right\.|Not quite: .+?\.)\s[\s\S]*not in c1's subnet/.test(((await verdict.textContent()) ?? '').trim()), `no verdict with its explanation: ${await verdict.textContent()}`);
    await waitForAnnouncement(page, /prediction was right|Not quite/);

    await step.locator('[data-after-prediction]').waitFor();
    assert(/c1 has only two routes/.test((await step.locator('[data-after-prediction]').textContent()) ?? ''), 'the text after the prediction is not shown');
    const run = step.locator('ul.commands button.run');
    assert((await run.count()) === 2 && (await run.first().isEnabled()), 'the commands are not offered after the answer');
    assert(/ip route/.test((await step.locator('ul.commands').textContent()) ?? ''), 'the commands are not shown after the answer');
    assert((await step.locator('ul.checks li').count()) > 0, 'the checklist is not shown after the answer');
    assert(await step.locator('[data-action="hint"]').isVisible(), 'no hint is offered after the answer');
    await step.locator('[data-after-prediction]').scrollIntoViewIfNeeded();
    await screenshot(page, 'screenshots/prediction-answered.png');

    await page.reload();
    await page.locator('[data-step-view-state]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Next step →' }).click();
    await step.locator('[data-prediction] fieldset:disabled').waitFor({ timeout: 30_000 });
    assert(/not in c1's subnet/.test((await step.locator('[data-prediction-result]').textContent()) ?? ''), 'the answer and its explanation were not remembered');
    assert((await step.locator('ul.commands button.run').count()) === 2, 'the commands are hidden again after a reload');
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
