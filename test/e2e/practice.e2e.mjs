// Practice mode in Chromium: the fresh Docker host (no containers), the
// article's lab, the learner's own lab file (a broken one refused with its
// message, a good one started, edited, started again), a snapshot saved and
// loaded back. Screenshots go to docs/screenshots/.
import { readFileSync } from 'node:fs';
import { assert, launchApp, terminalLines, test, waitForTerminalText } from './harness.mjs';
import { practiceReady, runCommand, screenshot } from './screen-helpers.mjs';

async function openPractice(scenario) {
  const app = await launchApp({ query: `&backend=sim&mode=practice&scenario=${scenario}` });
  await practiceReady(app.page, scenario);
  return app;
}

async function tabs(page) {
  return page.locator('[role="tablist"][aria-label="Lab terminals"] [role="tab"]').allTextContents();
}

test('fresh: the Docker host with no containers; a container started later is offered a terminal', async () => {
  const app = await openPractice('fresh');
  try {
    const { page } = app;
    assert((await tabs(page)).join(' ') === 'host host01 host02', `tabs: ${(await tabs(page)).join(' ')}`);
    const lines = await runCommand(page, 'host', 'docker ps -q | wc -l');
    assert(lines.includes('0'), `docker ps is not empty:\n${lines.join('\n')}`);
    await runCommand(page, 'host', 'docker run -dit --name newbie lab/debian:bookworm bash');
    await page.click('[data-offer="newbie"]', { timeout: 10_000 });
    await waitForTerminalText(page, 'newbie', /root@[0-9a-f]{12}:\/# $/);
    await screenshot(page, 'screenshots/practice-fresh.png');
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});

test('article: the course lab with every container and outside machine; reset returns to its start', async () => {
  const app = await openPractice('article');
  try {
    const { page } = app;
    const names = (await tabs(page)).join(' ');
    assert(names === 'host c1 c2 c3 web host01 host02', `tabs: ${names}`);
    await runCommand(page, 'host01', 'curl -s http://172.16.211.128:81/ | head -1');
    await runCommand(page, 'host', 'docker rm -f c3');
    const restarts = async () => (await terminalLines(page, 'host')).filter((l) => l.includes('[the lab restarted: reconnecting…]')).length;
    const before = await restarts();
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.waitForFunction(() => !document.querySelector('fieldset.picker[disabled]'));
    await practiceReady(page, 'article');
    assert((await restarts()) > before, 'Reset did not restart the host shell');
    const lines = await runCommand(page, 'host', "docker ps --format '{{.Names}}' | sort");
    assert(lines.slice(-5, -1).join(' ') === 'c1 c2 c3 web', `after reset:\n${lines.slice(-6).join('\n')}`);
    // Beside the course: back to it and into practice again by the mode switch.
    await page.getByRole('button', { name: '← Course' }).click();
    await page.waitForSelector('[data-area="course-nav"] [data-step-state]', { timeout: 60_000 });
    assert(!page.url().includes('mode=practice'), `the address still says practice: ${page.url()}`);
    await page.getByRole('button', { name: 'Practice lab →' }).click();
    await page.waitForSelector('[data-mode="practice"]');
    assert(page.url().includes('mode=practice'), `the address does not say practice: ${page.url()}`);
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});

test('my lab: a broken file is refused with file:line:col, the saved one kept; a good one starts, is edited and restarts', async () => {
  const app = await openPractice('fresh');
  try {
    const { page } = app;
    await page.getByRole('radio', { name: 'my lab' }).check();
    const editor = page.locator('[data-labfile-editor]');
    await editor.fill('containers:\n  - name: web1\n    networks: [blue]\n    ports: ["8080:80"]\n');
    await page.getByRole('button', { name: 'Save and start' }).click();
    const problem = await page.locator('[data-practice-problem]').textContent({ timeout: 10_000 });
    assert(/not saved/.test(problem), `no refusal shown: ${problem}`);
    const errors = await page.locator('[data-labfile-errors] li').allTextContents();
    assert(errors.includes('my-lab.yaml:3:16: containers[0].networks[0]: no network "blue": declare it under "networks:" or use "bridge"'), `errors: ${errors.join(' | ')}`);
    assert((await page.getAttribute('[data-labfile-state]', 'data-labfile-state')) === 'unsaved', 'a refused file counts as saved');
    await page.waitForSelector('[data-practice-running="fresh"]');
    await screenshot(page, 'screenshots/practice-lab-file-refused.png');

    await editor.fill(
      'title: A web server on my network\nnetworks:\n  - name: blue\n    subnet: 10.10.0.0/24\ncontainers:\n  - name: web1\n    networks: [blue]\n    ports: ["8080:80"]\n    command: python3 -m http.server 80\n',
    );
    await page.waitForFunction(() => !document.querySelector('[data-labfile-errors]'));
    await page.getByRole('button', { name: 'Save and start' }).click();
    await page.waitForSelector('[data-practice-running="my-lab"]', { timeout: 60_000 });
    await page.waitForSelector('#terminal-tab-web1');
    const curl = await runCommand(page, 'host01', 'curl -s -o /dev/null -w "%{http_code}\\n" http://172.16.211.128:8080/');
    assert(curl.includes('200'), `web1 is not published:\n${curl.slice(-3).join('\n')}`);

    // Edited: a second container on the same network; started again, both run.
    await editor.fill(`${await editor.inputValue()}  - name: client\n    networks: [blue]\n`);
    await page.getByRole('button', { name: 'Save and start' }).click();
    await page.waitForSelector('#terminal-tab-client', { timeout: 60_000 });
    const ping = await runCommand(page, 'client', 'ping -c 1 web1');
    assert(ping.some((l) => /1 received/.test(l)), `client cannot reach web1 by name:\n${ping.slice(-4).join('\n')}`);
    await screenshot(page, 'screenshots/practice-my-lab.png');
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});

test('a snapshot saved and loaded brings back the lab and its terminals; a damaged one is refused', async () => {
  const app = await openPractice('article');
  try {
    const { page } = app;
    await runCommand(page, 'host', 'iptables -t nat -I POSTROUTING -s 10.99.0.0/24 -j MASQUERADE');
    await runCommand(page, 'c1', 'ping -c 2 172.17.0.3');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save snapshot' }).click();
    const file = await (await download).path();
    const snapshot = readFileSync(file, 'utf8');
    assert(JSON.parse(snapshot).scenario.name === 'article', 'the snapshot does not name its scenario');

    await page.getByRole('radio', { name: 'fresh' }).check();
    await page.waitForSelector('[data-practice-running="fresh"]', { timeout: 60_000 });
    await page.setInputFiles('[data-snapshot-file]', { name: 'broken.snapshot.json', mimeType: 'application/json', buffer: Buffer.from(snapshot.replace('"version":1', '"version":9')) });
    const refused = await page.locator('[data-practice-problem]').textContent({ timeout: 10_000 });
    assert(/newer version of the app/.test(refused), `no refusal: ${refused}`);
    await page.waitForSelector('[data-practice-running="fresh"]');

    await page.setInputFiles('[data-snapshot-file]', { name: 'lab-article.snapshot.json', mimeType: 'application/json', buffer: Buffer.from(snapshot) });
    await page.waitForSelector('[data-practice-running="article"]', { timeout: 60_000 });
    await page.waitForSelector('#terminal-tab-c1');
    const nat = await runCommand(page, 'host', 'iptables -t nat -S POSTROUTING | head -2');
    assert(nat.some((l) => l === '-A POSTROUTING -s 10.99.0.0/24 -j MASQUERADE'), `the rule did not come back:\n${nat.slice(-3).join('\n')}`);
    await page.click('#terminal-tab-c1');
    await waitForTerminalText(page, 'c1', /2 packets transmitted, 2 received/);
    await screenshot(page, 'screenshots/practice-snapshot-loaded.png');
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
