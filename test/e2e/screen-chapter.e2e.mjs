// A learner completes the first chapter on the simulated lab by typing the
// lesson's commands into the terminals with the keyboard, and watches its
// steps turn done. Then the screen and the live topology are photographed for docs/.
import { assert, test } from './harness.mjs';
import { CHAPTER, openChapter, runCommand, screenshot, shownStep, waitForStep } from './screen-helpers.mjs';

test('completing "The map" with the keyboard turns every step done', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    const stepIds = await page.locator('[data-step-id]').evaluateAll((els) => els.map((e) => e.dataset.stepId));
    assert(stepIds.length >= 2, `too few steps: ${stepIds}`);
    for (const expected of stepIds) {
      const step = await shownStep(page);
      assert(step.id === expected, `the lesson shows step ${step.id}, expected the next unfinished one, ${expected}`);
      if (await page.locator('[data-step-view-state] [data-prediction] button[type="submit"]').count()) {
        await page.focus('[data-step-view-state] [data-prediction] input[type="radio"]');
        await page.keyboard.press('Space');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-step-view-state] [data-prediction] p:is(.ok, .bad)');
      }
      assert(step.commands.length > 0, `step ${step.id} offers no command to type`);
      for (const { terminal, command } of step.commands) await runCommand(page, terminal, command);
      await waitForStep(page, step.id, 'done');
    }
    const states = await page.locator('[data-step-state]').evaluateAll((els) => els.map((e) => e.dataset.stepState));
    assert(states.every((s) => s === 'done'), `steps: ${states.join(', ')}`);
    assert((await page.getAttribute(`[data-chapter-id="${CHAPTER}"]`, 'data-chapter-state')) === 'done', 'chapter not marked done');
    await page.waitForFunction(() => /done/.test(document.querySelector('[data-live-region]')?.textContent ?? ''));

    // The main screen: a finished step with its checklist, host and host01 side by side.
    await page.click(`[data-step-id="${stepIds[stepIds.length - 1]}"] button.step-title`);
    await page.getByRole('button', { name: /Split/ }).click();
    await screenshot(page, 'screenshot-learner-screen.png');
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});

test('the topology is drawn from the live lab and follows a change', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    await page.waitForSelector('[data-topology] svg [data-shape="if:c1/eth0"]', { timeout: 30_000 });
    const description = await page.locator('[data-topology] details li').allTextContents();
    assert(description.some((l) => /Container c1.*172\.17\.0\.2\/16/.test(l)), `no c1 in the text description: ${description.join(' | ')}`);
    assert(description.some((l) => /Published port: 172\.16\.211\.128:81\/tcp .* web port 80/.test(l)), 'published port not described');
    await page.getByRole('button', { name: 'Larger' }).click();
    await screenshot(page, 'screenshot-topology.png');

    await runCommand(page, 'host', 'docker stop c3');
    await page.waitForSelector('[data-topology] svg [data-shape="ns:c3"]', { state: 'detached', timeout: 20_000 });
    const after = await page.locator('[data-topology] details li').allTextContents();
    assert(!after.some((l) => l.startsWith('Container c3')), 'c3 still described after it stopped');
  } finally {
    await app.close();
  }
});
