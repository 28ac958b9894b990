// A deliberately wrong command: the failed check explains itself in plain
// sentences (what the step wanted, what the nearest attempt showed, the one
// difference, the check's own hint), never a regular expression.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, launchApp, repoRoot, test } from './harness.mjs';
import { runCommand, screenshot, shownStep } from './screen-helpers.mjs';

test('pinging Host01 from the host instead of c1 explains that the TTL shows no router hop', async () => {
  const app = await launchApp({ query: '&backend=sim&chapter=04-beyond-the-host' });
  try {
    const { page } = app;
    await page.waitForSelector('[data-backend="sim"]');
    const step = await shownStep(page);
    assert(step.id === 'ping-host01', `the chapter opened on ${step.id}`);
    const offered = step.commands.find((c) => c.terminal === 'c1');
    assert(offered, 'the step offers no command for c1');
    // The right ping from the wrong machine: the reply comes straight back, no router in between.
    await runCommand(page, 'host', offered.command);
    const failed = page.locator('[data-check-id="ping-host01-ok"][data-check-status="fail"]');
    await failed.waitFor({ timeout: 15_000 });
    const explanation = ((await failed.locator('.explanation').textContent()) ?? '').trim();
    const lines = explanation.split('\n');
    assert(lines[0].startsWith('Wanted: an echo reply from '), `no "Wanted" sentence first: ${explanation}`);
    assert(/^The nearest attempt, `ping -c 1 [\d.]+` in host, showed 64 bytes from .* ttl=64 .* — but its TTL is 64, not 63\. Besides, it ran in host, and this has to be seen in c1\.$/.test(lines[1]), `no difference named: ${explanation}`);
    assert(/^Hint: Ping [\d.]+ from c1\.$/.test(lines[2]), `the check's hint is missing: ${explanation}`);
    assert(!/\\[bsdw]|\/\^|\(\?/.test(explanation), `a regular expression is shown: ${explanation}`);
    mkdirSync(join(repoRoot, 'docs', 'screenshots'), { recursive: true });
    await failed.scrollIntoViewIfNeeded();
    await screenshot(page, 'screenshots/lesson-explanation.png');
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
