// Helpers for the learner-screen end-to-end tests: open a chapter on the
// simulated lab, type a lesson's commands with the keyboard, photograph.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { assert, launchApp, repoRoot, terminalLines, typeInTerminal, waitForTerminalText } from './harness.mjs';

export const CHAPTER = '00-the-map';

export async function waitForStep(page, id, state, timeout = 20_000) {
  try {
    await page.waitForSelector(`[data-step-id="${id}"][data-step-state="${state}"]`, { timeout });
  } catch {
    const now = await page.getAttribute(`[data-step-id="${id}"]`, 'data-step-state');
    const checks = await page.locator('[data-check-id]').evaluateAll((els) => els.map((e) => `${e.dataset.checkId}=${e.dataset.checkStatus}: ${e.textContent.trim()}`));
    throw new Error(`step ${id} is ${now}, not ${state}; checks:\n  ${checks.join('\n  ')}`);
  }
}

const countOf = (lines, command) => lines.filter((line) => line.endsWith(`# ${command}`) || line.endsWith(`$ ${command}`)).length;

/**
 * Waits until practice has (re)started `scenario` and the host's shell is back at its prompt.
 * The browser-mode host starts with the course's lab, and practice starts the one asked for
 * on top of it: until then the old lab may show the same scenario name, and keys typed
 * while the lab restarts go to a shell that is closing.
 */
export async function practiceReady(page, scenario) {
  await page.waitForSelector(`fieldset.picker:not([disabled]) input[value="${scenario}"]:checked`, { timeout: 60_000 });
  await page.waitForSelector(`[data-practice-running="${scenario}"]`, { timeout: 60_000 });
  await page.waitForSelector('[data-terminal="host"] .xterm-screen');
  await waitForTerminalText(page, 'host', /[$#] $/, 30_000);
}

/** Types a command with the keyboard and waits until it ended and the prompt is back. */
export async function runCommand(page, terminal, command, timeout = 30_000) {
  const before = countOf(await terminalLines(page, terminal), command);
  if (!(await page.isVisible(`[data-terminal="${terminal}"] .xterm-screen`))) {
    await page.focus(`#terminal-tab-${terminal}`);
    await page.keyboard.press('Enter');
  }
  await typeInTerminal(page, terminal, `${command}\n`);
  const deadline = Date.now() + timeout;
  for (;;) {
    const lines = await terminalLines(page, terminal);
    if (countOf(lines, command) > before && /[$#] $/.test(lines[lines.length - 1] ?? '')) return lines;
    if (Date.now() > deadline) throw new Error(`${terminal}: "${command}" did not finish; it shows:\n${lines.slice(-15).join('\n')}`);
    await page.waitForTimeout(50);
  }
}

/** The step shown in the lesson pane: its id and the commands it offers (bindings filled in by the engine). */
export async function shownStep(page) {
  const section = page.locator('[data-step-view-state]');
  await section.waitFor();
  const id = await section.getAttribute('data-step');
  const commands = await section.locator('ul.commands > li').evaluateAll((items) =>
    items.map((li) => ({ terminal: li.querySelector('[data-run-terminal]').dataset.runTerminal, command: li.querySelector('code').textContent.trim() })),
  );
  return { id, commands };
}

export async function screenshot(page, name) {
  const file = join(repoRoot, 'docs', name);
  await page.waitForTimeout(400);
  await page.screenshot({ path: file });
  assert(statSync(file).size > 20_000, `${name} is suspiciously small`);
}

export async function openChapter(query = '') {
  const app = await launchApp({ query: `&backend=sim&chapter=${CHAPTER}${query}` });
  try {
    await app.page.waitForSelector('[data-backend="sim"]');
    await app.page.waitForSelector('[data-step-state]');
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

/** Starts recording everything the live region says (a later message may replace an earlier one). */
export async function recordAnnouncements(page) {
  await page.evaluate(() => {
    const region = document.querySelector('[data-live-region]');
    window.__announced = [];
    new MutationObserver(() => window.__announced.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

/** Waits until the live region has said something matching `pattern` since recording began. */
export async function waitForAnnouncement(page, pattern, timeout = 30_000) {
  await page.waitForFunction(({ source, flags }) => window.__announced.some((t) => new RegExp(source, flags).test(t)), { source: pattern.source, flags: pattern.flags }, { timeout });
}

/** Types the shown step's offered commands with the keyboard and waits for the step to be done; returns the step. */
export async function completeShownStep(page) {
  const step = await shownStep(page);
  for (const { terminal, command } of step.commands) await runCommand(page, terminal, command);
  await waitForStep(page, step.id, 'done');
  return step;
}

/** Unfolds the course navigation (folded to a rail by default below 1700 px) so every chapter and reset shows. */
export async function unfoldCourse(page) {
  const toggle = page.locator('[data-action="toggle-course-nav"]');
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}
