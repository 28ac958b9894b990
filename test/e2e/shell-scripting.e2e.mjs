// The engineer's shell in Chromium on the simulated article lab: a `for` loop
// that pings c1, c2 and c3 from the Docker host, then `watch` on the FORWARD
// chain while c1 pings an outside machine, and Ctrl-C back to the prompt.
// The watch screen goes to docs/screenshots/shell-watch-forward.png.
import { assert, launchApp, terminalLines, test, typeInTerminal, waitForTerminalText } from './harness.mjs';
import { practiceReady, runCommand, screenshot } from './screen-helpers.mjs';

/** The FORWARD chain's rule counters on the watch screen: `pkts bytes` of every rule row. */
function forwardCounters(lines) {
  return lines.filter((line) => /^\s*\d+[KMG]?\s+\d+[KMG]?\s+\S+\s+(all|icmp|tcp|udp|0)\s/.test(line)).map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '));
}

test('a for loop pings c1, c2 and c3; watch shows the FORWARD counters move; Ctrl-C brings the prompt back', async () => {
  const app = await launchApp({ query: '&backend=sim&mode=practice&scenario=article' });
  try {
    const { page } = app;
    await practiceReady(page, 'article');

    const loop = `for c in c1 c2 c3; do ping -c 1 $(docker inspect -f '{{.NetworkSettings.IPAddress}}' $c); done`;
    const lines = await runCommand(page, 'host', loop, 60_000);
    const replies = lines.filter((line) => /^64 bytes from 172\.17\.0\.\d+: icmp_seq=1 ttl=64 time=/.test(line));
    assert(replies.length === 3, `three replies expected:\n${lines.slice(-20).join('\n')}`);
    assert(new Set(replies.map((line) => line.split(' ')[3])).size === 3, `replies not from three containers:\n${replies.join('\n')}`);

    // Traffic through the FORWARD chain: c1 pings the outside machine host01 until Ctrl-C.
    await page.focus('#terminal-tab-c1');
    await page.keyboard.press('Enter');
    await waitForTerminalText(page, 'c1', /[#$] $/, 30_000);
    await typeInTerminal(page, 'c1', 'ping -i 0.2 172.16.211.1\n');
    await waitForTerminalText(page, 'c1', /icmp_seq=2 /, 30_000);

    await page.focus('#terminal-tab-host');
    await page.keyboard.press('Enter');
    await typeInTerminal(page, 'host', 'watch -n 1 iptables -L FORWARD -v -n\n');
    const first = await waitForTerminalText(page, 'host', /^Every 1\.0s: iptables -L FORWARD -v -n +\S+: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/m, 30_000);
    const before = forwardCounters(first.split('\n'));
    assert(before.length > 0, `no rule rows on the watch screen:\n${first}`);
    let after = before;
    const deadline = Date.now() + 20_000;
    while (after.join('|') === before.join('|') && Date.now() < deadline) {
      await page.waitForTimeout(500);
      after = forwardCounters(await terminalLines(page, 'host'));
    }
    assert(after.join('|') !== before.join('|'), `counters did not move:\n${before.join('\n')}`);
    await screenshot(page, 'screenshots/shell-watch-forward.png');

    await page.keyboard.press('Control+C');
    const restored = await waitForTerminalText(page, 'host', /[#$] $/, 15_000);
    assert(!/^Every 1\.0s:/m.test(restored), `the watch screen stayed after Ctrl-C:\n${restored}`);
    assert(restored.includes(loop), `the normal screen did not come back:\n${restored}`);
    await page.focus('#terminal-tab-c1');
    await page.keyboard.press('Enter');
    await page.click('[data-terminal="c1"] .xterm-screen');
    await page.keyboard.press('Control+C');
    await waitForTerminalText(page, 'c1', /packet loss/, 15_000);
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
