// The window onto the topology drawing: where it starts and how many screen
// pixels one drawing unit takes. The default view keeps labels at their
// drawn size (legible) and centres the part of the lab the current step is
// about; fit shows the whole lab however small; pan and zoom move freely.

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  x: number;
  y: number;
}

export interface View {
  /** Drawing coordinates at the pane's top-left corner. */
  x: number;
  y: number;
  /** Screen pixels per drawing unit. */
  scale: number;
}

export const MIN_SCALE = 0.15;
export const MAX_SCALE = 4;
/** Drawn labels are 11.5 px or more, so at this scale they stay legible (11 px or more on screen). */
export const LEGIBLE_SCALE = 1;

const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/** The whole drawing, centred in the pane. */
export function fitView(drawing: Size, pane: Size, margin = 8): View {
  const scale = clampScale(Math.min((pane.width - 2 * margin) / drawing.width, (pane.height - 2 * margin) / drawing.height));
  return centreOn({ x: 0, y: 0, width: drawing.width, height: drawing.height }, pane, scale);
}

/** `area` centred at legible size (or the whole drawing when that is larger still); the top-left of a large area stays in view. */
export function focusView(area: Rect, drawing: Size, pane: Size): View {
  const fit = fitView(drawing, pane);
  if (fit.scale >= LEGIBLE_SCALE) return fit;
  return centreOn(area, pane, LEGIBLE_SCALE);
}

function centreOn(area: Rect, pane: Size, scale: number): View {
  const visible = { width: pane.width / scale, height: pane.height / scale };
  const x = visible.width >= area.width ? area.x - (visible.width - area.width) / 2 : area.x - 8 / scale;
  const y = visible.height >= area.height ? area.y - (visible.height - area.height) / 2 : area.y - 8 / scale;
  return { x, y, scale };
}

/** Zooms by `factor` keeping the drawing point under the pane point (`at`) where it is. */
export function zoomAt(view: View, factor: number, at: { x: number; y: number }): View {
  const scale = clampScale(view.scale * factor);
  const under = { x: view.x + at.x / view.scale, y: view.y + at.y / view.scale };
  return { x: under.x - at.x / scale, y: under.y - at.y / scale, scale };
}

/** Moves the view by a drag of `dx`, `dy` screen pixels. */
export function pan(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x - dx / view.scale, y: view.y - dy / view.scale };
}

/** The SVG viewBox for a view of a pane. */
export function viewBox(view: View, pane: Size): string {
  return [view.x, view.y, pane.width / view.scale, pane.height / view.scale].map((n) => n.toFixed(2)).join(' ');
}

/** The smallest rectangle around `shapes`, or undefined when there are none. */
export function boundsOf(shapes: Rect[]): Rect | undefined {
  if (shapes.length === 0) return undefined;
  const left = Math.min(...shapes.map((s) => s.x));
  const top = Math.min(...shapes.map((s) => s.y));
  const right = Math.max(...shapes.map((s) => s.x + s.width));
  const bottom = Math.max(...shapes.map((s) => s.y + s.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}
