// Issue 6's "done when": a learner who only clicks the lesson's "Run in ..."
// buttons (no typing into a terminal, no hint, no solution) finishes chapters
// 2 and 4 on the simulated lab, and every step turns done, not assisted.
import { assert, launchApp, terminalLines, test } from './harness.mjs';
import { waitForStep } from './screen-helpers.mjs';

const CHAPTERS = ['02-a-ping-in-the-dark', '04-beyond-the-host'];
const INTERRUPT = '^C';
const PROMPT_AT_END = /[$#] $/;

const stepSection = (id) => `section[data-step="${id}"][data-step-view-state]`;

/** Whether a terminal line shows `command` typed at a prompt. */
const typedAtPrompt = (line, command) => line.endsWith(`# ${command}`) || line.endsWith(`$ ${command}`);
const echoCount = (lines, command) => lines.filter((line) => typedAtPrompt(line, command)).length;

async function waitForTerminal(page, terminal, what, done, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = await terminalLines(page, terminal);
    if (done(lines)) return;
    if (Date.now() > deadline) throw new Error(`${terminal}: ${what}; it shows:\n${lines.slice(-15).join('\n')}`);
    await page.waitForTimeout(50);
  }
}

/**
 * A command a later `^C` of the same step stops (a capture) only has to be
 * running before the next click: for tcpdump, until it says it is listening.
 */
function readyWhileRunning(command) {
  const typedAt = (lines) => lines.findLastIndex((line) => typedAtPrompt(line, command));
  if (/^tcpdump\b/.test(command)) return (lines) => lines.slice(typedAt(lines) + 1).some((line) => line.startsWith('listening on '));
  return (lines) => lines.slice(typedAt(lines) + 1).some((line) => line.trim() !== '');
}

/** Whether a later command of the step interrupts the one at `index` in its terminal. */
function interruptedLater(commands, index) {
  const { terminal } = commands[index];
  const next = commands.slice(index + 1).find((c) => c.terminal === terminal);
  return next?.command === INTERRUPT;
}

/** Clicks the step's "Run in ..." button at `index` and waits until its terminal shows the effect. */
async function clickRun(page, stepId, commands, index) {
  const { terminal, command } = commands[index];
  const before = await terminalLines(page, terminal);
  await page.locator(`${stepSection(stepId)} > ul.commands > li`).nth(index).locator('button[data-command-action="run"]').click();
  if (command === INTERRUPT) {
    await waitForTerminal(page, terminal, 'Ctrl+C did not bring the prompt back', (lines) => PROMPT_AT_END.test(lines[lines.length - 1] ?? ''));
    return;
  }
  const typed = (lines) => echoCount(lines, command) > echoCount(before, command);
  if (interruptedLater(commands, index)) {
    const ready = readyWhileRunning(command);
    await waitForTerminal(page, terminal, `"${command}" did not start`, (lines) => typed(lines) && ready(lines));
  } else {
    await waitForTerminal(page, terminal, `"${command}" did not finish`, (lines) => typed(lines) && PROMPT_AT_END.test(lines[lines.length - 1] ?? ''));
  }
}

/** Answers the step's prediction with its first choice if one is asked; afterwards the Run buttons must work. */
async function answerPredictionIfAsked(page, stepId) {
  const form = page.locator(`${stepSection(stepId)} [data-prediction]`);
  if (await form.locator('button[type="submit"]').count()) {
    await form.locator('input[type="radio"]').first().check();
    await form.locator('button[type="submit"]').click();
    await form.locator('p:is(.ok, .bad)').waitFor();
  }
  const run = page.locator(`${stepSection(stepId)} > ul.commands button[data-command-action="run"]`).first();
  assert(await run.isEnabled(), `step ${stepId}: the Run buttons stay disabled and its prediction offers no way to answer`);
}

for (const chapter of CHAPTERS) {
  test(`"${chapter}" can be finished by clicking only the Run buttons`, async () => {
    const app = await launchApp({ query: `&backend=sim&chapter=${chapter}` });
    try {
      const { page } = app;
      await page.waitForSelector('[data-backend="sim"]');
      await page.waitForSelector('[data-step-state]');
      const stepIds = await page.locator('[data-step-id]').evaluateAll((els) => els.map((e) => e.dataset.stepId));
      assert(stepIds.length >= 2, `too few steps in ${chapter}: ${stepIds}`);
      for (const stepId of stepIds) {
        await page.waitForSelector(stepSection(stepId), { timeout: 20_000 });
        await answerPredictionIfAsked(page, stepId);
        const commands = await page.locator(`${stepSection(stepId)} > ul.commands > li`).evaluateAll((items) =>
          items.map((li) => ({ terminal: li.querySelector('[data-run-terminal]').dataset.runTerminal, command: li.querySelector('code').textContent.trim() })),
        );
        assert(commands.length > 0, `step ${stepId} offers no command to click`);
        for (let index = 0; index < commands.length; index++) await clickRun(page, stepId, commands, index);
        await waitForStep(page, stepId, 'done');
      }
      const states = await page.locator('[data-step-state]').evaluateAll((els) => els.map((e) => `${e.dataset.stepId}=${e.dataset.stepState}`));
      assert(states.every((s) => s.endsWith('=done')), `steps: ${states.join(', ')}`);
      assert((await page.getAttribute(`[data-chapter-id="${chapter}"]`, 'data-chapter-state')) === 'done', `${chapter} not marked done`);
      assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
    } finally {
      await app.close();
    }
  });
}
