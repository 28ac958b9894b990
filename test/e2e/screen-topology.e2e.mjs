// The topology at its default view: legible labels, the current step's part
// of the lab in view and marked, pan and zoom, fit to the pane, and the text
// version beside it.
import { assert, test } from './harness.mjs';
import { openChapter, shownStep } from './screen-helpers.mjs';

const region = '[data-region="topology"]';

const measure = (page) =>
  page.evaluate((selector) => {
    const canvas = document.querySelector(selector);
    const svg = canvas.querySelector('svg');
    const scale = svg.getScreenCTM().a;
    const pane = canvas.getBoundingClientRect();
    const labels = [...svg.querySelectorAll('text')]
      .filter((t) => {
        const r = t.getBoundingClientRect();
        return r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
      })
      .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    const boxes = [...svg.querySelectorAll('g.namespace')].map((g) => g.getBoundingClientRect());
    const inside = boxes.every((r) => r.left >= pane.left - 1 && r.right <= pane.right + 1 && r.top >= pane.top - 1 && r.bottom <= pane.bottom + 1);
    return { scale, smallest: Math.min(...labels), visibleLabels: labels.length, allInside: inside, viewBox: svg.getAttribute('viewBox'), focused: [...svg.querySelectorAll('g.focused')].map((g) => g.dataset.shape) };
  }, region);

test('1280x800: topology labels are 11 px or taller, the step\'s host is in view and marked; pan, zoom and fit work', async () => {
  const app = await openChapter();
  try {
    const { page } = app;
    await page.waitForSelector(`${region} svg g.namespace`);
    await page.waitForTimeout(300);
    const step = await shownStep(page);
    const terminals = new Set(step.commands.map((c) => c.terminal));
    const first = await measure(page);
    assert(first.visibleLabels > 3, `only ${first.visibleLabels} labels in view`);
    assert(first.smallest >= 11, `the smallest label in view is ${first.smallest.toFixed(2)} px tall`);
    for (const terminal of terminals) assert(first.focused.includes(`ns:${terminal}`), `step runs on ${terminal} but the drawing marks ${first.focused}`);
    const focusedInView = await page.evaluate(({ selector, ids }) => {
      const pane = document.querySelector(selector).getBoundingClientRect();
      return ids.every((id) => {
        const r = document.querySelector(`${selector} [data-shape="${id}"]`).getBoundingClientRect();
        return r.left < pane.right && r.right > pane.left && r.top < pane.bottom && r.bottom > pane.top;
      });
    }, { selector: region, ids: first.focused });
    assert(focusedInView, 'the marked part of the lab is not in view');

    // Drag pans, the buttons zoom, Fit shows every machine.
    const box = await page.locator(region).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 40, { steps: 4 });
    await page.mouse.up();
    const panned = await measure(page);
    assert(panned.viewBox !== first.viewBox && Math.abs(panned.scale - first.scale) < 1e-6, `dragging did not pan: ${first.viewBox} → ${panned.viewBox}`);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const zoomed = await measure(page);
    assert(zoomed.scale > panned.scale * 1.2, `zoom in went from ${panned.scale} to ${zoomed.scale}`);
    await page.click('[data-action="topology-fit"]');
    const fitted = await measure(page);
    assert(fitted.allInside, 'after Fit some machine is outside the pane');
    await page.click('[data-action="topology-focus"]');
    const back = await measure(page);
    assert(back.viewBox === first.viewBox, `Step did not return to the step's view: ${back.viewBox} vs ${first.viewBox}`);
    // The text version stays.
    await page.locator('summary', { hasText: 'Topology as text' }).click();
    const lines = await page.locator('[id="topology-description"] li').count();
    assert(lines > 3, `the text version has ${lines} lines`);
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.close();
  }
});
