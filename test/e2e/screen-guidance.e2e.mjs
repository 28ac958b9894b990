// When the learner goes wrong: the failed check explains expected versus seen,
// hints come one at a time, and the solution is shown only after asking, which
// marks the step done with help.
import { assert, test } from './harness.mjs';
import { completeShownStep, openChapter, runCommand, shownStep, waitForStep, unfoldCourse } from './screen-helpers.mjs';

test('a wrong command explains the miss, hints come one by one, the solution asks first and marks the step assisted', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    const step = await shownStep(page);
    const offered = step.commands[0];
    assert(offered, `step ${step.id} offers no command`);
    // The right command in the wrong terminal: a common mistake the checks must catch.
    const wrongTerminal = ['c1', 'host01', 'host'].find((t) => t !== offered.terminal);
    await runCommand(page, wrongTerminal, offered.command);
    const failed = page.locator('[data-step-view-state] [data-check-status="fail"]').first();
    await failed.waitFor({ timeout: 15_000 });
    const explanation = (await failed.locator('.explanation').textContent()) ?? '';
    assert(explanation.trim().length > 10, `the failed check explains nothing: "${explanation}"`);
    await page.waitForFunction(() => /Not yet:/.test(document.querySelector('[data-live-region]')?.textContent ?? ''));
    assert((await page.getAttribute(`[data-step-id="${step.id}"]`, 'data-step-state')) !== 'done', 'the wrong command completed the step');

    const hintButton = page.locator('[data-step-view-state] button[data-action="hint"]');
    const before = await page.locator('[data-step-view-state] .hints li').count();
    await hintButton.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[data-step-view-state] .hints li').length === n + 1, before);

    // Cancelling the confirmation shows nothing and changes nothing.
    await page.locator('[data-step-view-state] button[data-action="solution"]').click();
    await page.waitForSelector('dialog[data-dialog="confirm"][open]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[data-dialog="confirm"]:not([open])', { state: 'attached' });
    assert((await page.locator('[data-step-view-state] h3', { hasText: 'Solution' }).count()) === 0, 'solution shown without confirming');

    await page.locator('[data-step-view-state] button[data-action="solution"]').click();
    await page.locator('dialog[data-dialog="confirm"] [data-confirm]').click();
    await page.waitForSelector('[data-step-view-state] h3:has-text("Solution")');
    const solution = await page.locator('[data-step-view-state] ul.commands').last().locator('li').evaluateAll((items) =>
      items.map((li) => ({ terminal: li.querySelector('[data-run-terminal]').dataset.runTerminal, command: li.querySelector('code').textContent.trim() })),
    );
    assert(solution.length > 0, 'the solution lists no commands');
    for (const { terminal, command } of solution) await runCommand(page, terminal, command);
    await waitForStep(page, step.id, 'assisted');
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});

test('resetting a step asks first, and the step goes back to not started', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    const step = await completeShownStep(page);
    await unfoldCourse(page);
    // Record every state the step shows from here on: the engine may re-check it at once.
    await page.evaluate((id) => {
      const el = document.querySelector(`[data-step-id="${id}"]`);
      window.__stepStates = [];
      new MutationObserver(() => window.__stepStates.push(el.dataset.stepState)).observe(el, { attributes: true, attributeFilter: ['data-step-state'] });
    }, step.id);
    await page.locator(`[data-step-id="${step.id}"] button.reset`).click();
    await page.waitForSelector('dialog[data-dialog="confirm"][open]');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    assert((await page.evaluate(() => window.__stepStates.length)) === 0, 'cancelling the reset changed the step');
    await page.locator(`[data-step-id="${step.id}"] button.reset`).click();
    await page.locator('dialog[data-dialog="confirm"] [data-confirm]').click();
    await page.waitForFunction(() => window.__stepStates.some((s) => s === 'pending' || s === 'active'), null, { timeout: 15_000 });
    await page.waitForFunction(() => /Step reset/.test(document.querySelector('[data-live-region]')?.textContent ?? ''));
  } finally {
    await app.close();
  }
});
