// The main screen photographed at 1280x800 and 1920x1080 in both themes for
// docs/screenshots/: a chapter open, a command's output in the terminal
// (two terminals side by side at 1920) and the topology at its default view.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assert, launchApp, repoRoot, test } from './harness.mjs';
import { CHAPTER, runCommand } from './screen-helpers.mjs';

const folder = join(repoRoot, 'docs/screenshots');

for (const [width, height] of [
  [1280, 800],
  [1920, 1080],
]) {
  test(`screenshots at ${width}x${height}, light and dark`, async () => {
    mkdirSync(folder, { recursive: true });
    const app = await launchApp({ query: `&backend=sim&chapter=${CHAPTER}`, viewport: { width, height } });
    try {
      const { page } = app;
      await page.waitForSelector('[data-step-state]');
      await runCommand(page, 'host', 'docker ps');
      if (width >= 1920) {
        await page.click('button.split');
        await runCommand(page, 'c1', 'ip -br addr');
      }
      await page.waitForSelector('[data-region="topology"] svg g.namespace');
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
        await page.waitForTimeout(400);
        const file = join(folder, `main-${width}x${height}-${scheme}.png`);
        await page.screenshot({ path: file });
        assert(statSync(file).size > 20_000, `${file} is suspiciously small`);
      }
      assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
    } finally {
      await app.close();
    }
  });
}
