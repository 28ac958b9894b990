// Challenges in Chromium: picked from the practice panel with the keyboard,
// checked before any fix (unsolved, with what is still wrong), solved by a
// command typed in the host's terminal, still solved after a reload; axe-core
// finds nothing in the panel in either theme. Screenshots go to docs/screenshots/.
import AxeBuilder from '@axe-core/playwright';
import { assert, launchApp, test } from './harness.mjs';
import { runCommand, screenshot } from './screen-helpers.mjs';

const CHALLENGE = 'fix-masquerade';

async function pressButton(page, selector) {
  await page.focus(selector);
  await page.keyboard.press('Enter');
}

async function checkChallenge(page, verdict) {
  await pressButton(page, '[data-action="check-challenge"]');
  await page.waitForSelector(`[data-challenge-verdict="${verdict}"]`, { timeout: 30_000 });
}

async function axeIn(page, scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
  await page.waitForTimeout(300);
  const result = await new AxeBuilder({ page }).include('[data-challenges]').analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  assert(found.length === 0, `${scheme}: ${found.length} violations in the challenges panel:\n  ${found.join('\n  ')}`);
}

test('fix-masquerade: unsolved with an explanation, solved by typing in the host terminal, still solved after a reload', async () => {
  const app = await launchApp({ query: '&backend=sim&mode=practice&scenario=fresh' });
  try {
    const { page } = app;
    await page.waitForSelector('[data-practice-running="fresh"]', { timeout: 60_000 });
    await page.waitForSelector(`[data-challenge="${CHALLENGE}"][data-challenge-state="unsolved"]`);
    const listed = await page.locator('[data-challenge]').count();
    assert(listed === 10, `${listed} challenges listed`);

    await pressButton(page, `[data-challenge="${CHALLENGE}"]`);
    await page.waitForSelector(`[data-challenge-open="${CHALLENGE}"]`, { timeout: 60_000 });
    await page.waitForSelector('[data-practice-running="article"]', { timeout: 60_000 });
    await page.waitForSelector('[data-terminal="host"] .xterm-screen');
    assert(page.url().includes(`challenge=${CHALLENGE}`), `the address does not name the challenge: ${page.url()}`);
    const goal = await page.locator('[data-challenge-open] .goal').textContent();
    assert(/c1 reaches Host01 again/.test(goal), `goal: ${goal}`);

    // Checked before anything is fixed: what is still wrong, in words.
    await checkChallenge(page, 'unsolved');
    const status = await page.getAttribute('[data-challenges] [data-check-id="c1-reaches-host01"]', 'data-check-status');
    assert(status === 'fail', `c1-reaches-host01 is ${status}`);
    const explanation = await page.locator('[data-challenges] [data-check-id="c1-reaches-host01"] [data-check-explanation]').textContent();
    assert(/0 received/.test(explanation) && /not at least 1/.test(explanation), `explanation: ${explanation}`);
    await axeIn(page, 'light');
    await page.locator('[data-challenge-open] .actions').scrollIntoViewIfNeeded();
    await screenshot(page, 'screenshots/challenges-panel-light.png');

    // Solved by a command typed in the terminal, not through the API.
    await runCommand(page, 'host', 'iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE');
    await checkChallenge(page, 'solved');
    const after = await page.locator('[data-challenges] [data-check-id]').evaluateAll((els) => els.map((e) => e.dataset.checkStatus));
    assert(after.join(' ') === 'pass pass', `checks after the fix: ${after.join(' ')}`);
    await page.waitForSelector(`[data-challenge="${CHALLENGE}"][data-challenge-state="solved"]`);
    await axeIn(page, 'dark');
    await page.locator('[data-challenge-open] .actions').scrollIntoViewIfNeeded();
    await screenshot(page, 'screenshots/challenges-panel-dark.png');

    // The solved state is the saved progress: a reload shows it, and reopens the challenge's lab.
    await page.reload();
    await page.waitForSelector(`[data-challenge="${CHALLENGE}"][data-challenge-state="solved"]`, { timeout: 60_000 });
    await page.waitForSelector(`[data-challenge-open="${CHALLENGE}"][data-challenge-open-state="solved"]`, { timeout: 60_000 });
    const unsolved = await page.locator('[data-challenge][data-challenge-state="unsolved"]').count();
    assert(unsolved === 9, `${unsolved} challenges unsolved after the reload`);
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
