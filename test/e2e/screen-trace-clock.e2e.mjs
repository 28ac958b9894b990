// The packet trace follows the lab the learner is in: its picker lists
// connections in the order they began with times on tcpdump's clock, and
// another chapter starts with an empty list.
import { assert, test, typeInTerminal, waitForTerminalText } from './harness.mjs';
import { openChapter, runCommand, unfoldCourse } from './screen-helpers.mjs';

test('trace times match what tcpdump printed, in time order; another chapter clears the list', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    await runCommand(page, 'host', 'true');
    await typeInTerminal(page, 'host', 'tcpdump -n -i docker0 -c 2 icmp\n');
    await waitForTerminalText(page, 'host', /listening on docker0/);
    await runCommand(page, 'c1', 'ping -c 1 172.17.0.1');
    const captured = await waitForTerminalText(page, 'host', /2 packets captured/);
    const tcpdumpTimes = [...captured.matchAll(/^(\d\d:\d\d:\d\d\.\d{6}) IP /gm)].map((m) => m[1]);
    assert(tcpdumpTimes.length === 2, `tcpdump printed:\n${captured}`);

    await page.keyboard.press('Alt+5');
    await page.waitForSelector('[data-trace-picker]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-trace-picker] option[value]:not([value=""])').length >= n, 2);
    const groups = await page.locator('[data-trace-picker] optgroup').evaluateAll((els) =>
      els.map((g) => [...g.querySelectorAll('option')].map((o) => o.textContent.trim())),
    );
    const times = groups.map((options) => options.map((o) => o.slice(0, 15)));
    for (const options of times) assert(options.every((t, i) => i === 0 || options[i - 1] <= t), `a group is out of time order: ${options}`);
    const firsts = times.map((options) => options[0]);
    assert(firsts.every((t, i) => i === 0 || firsts[i - 1] <= t), `connections are not in the order they began: ${firsts}`);
    // The trace stamps a packet where it entered the lab, tcpdump where it crossed docker0: microseconds apart on one clock.
    const seconds = (t) => t.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
    const shown = times.flat();
    for (const time of tcpdumpTimes) {
      assert(shown.some((t) => Math.abs(seconds(t) - seconds(time)) < 0.001), `tcpdump printed ${time}; the picker shows ${shown.join(', ')}`);
    }
    const echo = groups.find((options) => options.some((o) => o.includes('ICMP echo request')));
    assert(echo && echo.some((o) => o.includes('ICMP echo reply')), `request and reply are not one group: ${JSON.stringify(groups)}`);

    // Another chapter: the list starts empty.
    await unfoldCourse(page);
    const other = await page.locator('[data-chapter-id]:not(.open) .chapter-title:not([disabled])').first();
    await other.click();
    await page.waitForSelector('[data-trace-picker]', { state: 'detached' });
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
