// A packet's path through the lab, picked from the packet trace view: hop by
// hop with the rule that matched and what NAT rewrote, lit on the topology.
import { assert, test } from './harness.mjs';
import { openChapter, runCommand, screenshot } from './screen-helpers.mjs';

test('a packet from Host01 to the published port is traced through the DNAT rule and lit on the topology', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    await runCommand(page, 'host01', 'curl -s http://172.16.211.128:81/ | head -3');
    await page.keyboard.press('Alt+5');
    const picker = page.locator('[data-trace-picker]');
    await picker.waitFor({ timeout: 10_000 });
    const options = await picker.locator('option').evaluateAll((els) => els.map((o) => ({ value: o.value, text: o.textContent })));
    const syn = options.find((o) => /172\.16\.211\.1\.\d+ > 172\.16\.211\.128\.81: Flags \[S\]/.test(o.text));
    assert(syn, `no SYN to the published port among: ${options.map((o) => o.text).join(' | ')}`);
    await picker.selectOption(syn.value);
    await page.waitForSelector('ol.hops li[data-hop]');
    const hops = await page.locator('ol.hops li').allTextContents();
    assert(hops.some((h) => /PREROUTING › nat DNAT/.test(h) && /172\.17\.0\.5:80/.test(h)), `no DNAT hop named by the packet-path model: ${hops.join(' | ')}`);
    // The hook strip draws the chapter's model for this packet: the host's hooks in order, each with its stages.
    const strip = page.locator('[data-hook-strip]');
    const hooks = await strip.locator('[data-hook]').evaluateAll((els) => els.map((e) => e.dataset.hook));
    assert(hooks.join(' ') === 'PREROUTING FORWARD POSTROUTING', `hooks passed on the host: ${hooks.join(' ')}`);
    const prerouting = await strip.locator('[data-hook="PREROUTING"] .stage').allTextContents();
    assert(prerouting.join(' ') === 'raw conntrack mangle nat', `PREROUTING's stages: ${prerouting.join(' ')}`);
    const decided = await strip.locator('[data-hook="PREROUTING"] .stage.decided').allTextContents();
    assert(decided.join(' ') === 'nat', `stages that decided at PREROUTING: ${decided.join(' ')}`);
    const told = (await strip.locator('.visually-hidden').textContent()).trim();
    const expected = 'Hooks passed: host: PREROUTING (nat decided), FORWARD (filter decided), POSTROUTING (nat decided)';
    assert(told === expected, `the strip in words: ${told}`);
    const lit = await page.locator('.map [data-shape].lit').evaluateAll((els) => els.map((e) => e.dataset.shape));
    assert(lit.includes('if:host/ens160') && lit.includes('if:web/eth0'), `path not lit on the topology: ${lit.join(', ')}`);
    await page.getByRole('button', { name: 'Larger' }).click();
    await page.locator('ol.hops li', { hasText: 'DNAT' }).first().scrollIntoViewIfNeeded();
    await screenshot(page, 'screenshots/packet-trace.png');
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
