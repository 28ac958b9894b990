import { describe, expect, it } from 'vitest';
import { boundsOf, fitView, focusView, LEGIBLE_SCALE, pan, viewBox, zoomAt } from '../../../src-renderer/lib/topology/view.js';

const drawing = { width: 1600, height: 900 };
const pane = { width: 800, height: 300 };

describe('topology view', () => {
  it('fit shows the whole drawing however small', () => {
    const view = fitView(drawing, pane);
    expect(view.scale).toBeCloseTo((300 - 16) / 900, 5);
    // Centred across: equal space left and right.
    const shown = 800 / view.scale;
    expect(view.x).toBeCloseTo(-(shown - 1600) / 2, 5);
  });

  it('the default view keeps labels at drawn size and centres the focused area', () => {
    const area = { x: 500, y: 400, width: 200, height: 100 };
    const view = focusView(area, drawing, pane);
    expect(view.scale).toBe(LEGIBLE_SCALE);
    expect(view.x + 400).toBeCloseTo(600, 5);
    expect(view.y + 150).toBeCloseTo(450, 5);
  });

  it('a drawing that fits at legible size is shown whole', () => {
    expect(focusView({ x: 0, y: 0, width: 10, height: 10 }, { width: 300, height: 100 }, pane)).toEqual(fitView({ width: 300, height: 100 }, pane));
  });

  it('zoom keeps the point under the pointer in place; pan follows the drag', () => {
    const view = { x: 100, y: 50, scale: 1 };
    const zoomed = zoomAt(view, 2, { x: 200, y: 100 });
    expect(zoomed.scale).toBe(2);
    expect(zoomed.x + 200 / 2).toBeCloseTo(100 + 200, 5);
    expect(zoomed.y + 100 / 2).toBeCloseTo(50 + 100, 5);
    expect(pan(zoomed, 20, -10)).toEqual({ x: zoomed.x - 10, y: zoomed.y + 5, scale: 2 });
    expect(zoomAt(view, 1000, { x: 0, y: 0 }).scale).toBe(4);
  });

  it('viewBox and bounds', () => {
    expect(viewBox({ x: 10, y: 20, scale: 2 }, pane)).toBe('10.00 20.00 400.00 150.00');
    expect(boundsOf([])).toBeUndefined();
    expect(boundsOf([{ x: 10, y: 10, width: 5, height: 5 }, { x: 0, y: 30, width: 50, height: 2 }])).toEqual({ x: 0, y: 10, width: 50, height: 22 });
  });
});
