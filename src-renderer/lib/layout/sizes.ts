// The screen's adjustable sizes: whether the course navigation is folded to
// a narrow rail, the lesson pane's width and the terminals' share of the
// height above the inspector. Pure rules here (defaults by window size,
// limits), kept in localStorage by layout.svelte.ts.

export interface LayoutSizes {
  navCollapsed: boolean;
  /** Lesson pane width in CSS pixels. */
  lessonWidth: number;
  /** The terminals' share of the work column's height, 0..1; the inspector has the rest. */
  terminalShare: number;
}

export const NAV_RAIL_WIDTH = 48;
export const NAV_WIDTH = 190;
export const LESSON_MIN = 260;
export const TERMINAL_SHARE_MIN = 0.25;
export const TERMINAL_SHARE_MAX = 0.9;
/** The work column (terminals) never gets narrower than this. */
const WORK_MIN = 360;

/**
 * Defaults that leave the active terminal about 100 columns at 1280 px and
 * two split panes of 80 or more at 1920 px: the navigation folds below
 * 1700 px and the lesson pane stays under 360 px.
 */
export function defaultSizes(windowWidth: number): LayoutSizes {
  return {
    navCollapsed: windowWidth < 1700,
    lessonWidth: Math.round(Math.min(360, Math.max(LESSON_MIN, windowWidth * 0.28))),
    terminalShare: 0.62,
  };
}

/** The widest the lesson may be: the terminals keep WORK_MIN. */
export function lessonMax(windowWidth: number, navCollapsed: boolean): number {
  const nav = navCollapsed ? NAV_RAIL_WIDTH : NAV_WIDTH;
  return Math.max(LESSON_MIN, windowWidth - nav - WORK_MIN);
}

/** The lesson width kept inside the window: at least LESSON_MIN, at most lessonMax. */
export function clampLessonWidth(width: number, windowWidth: number, navCollapsed: boolean): number {
  return Math.round(Math.min(lessonMax(windowWidth, navCollapsed), Math.max(LESSON_MIN, width)));
}

export function clampTerminalShare(share: number): number {
  return Math.min(TERMINAL_SHARE_MAX, Math.max(TERMINAL_SHARE_MIN, share));
}

/** Sizes read back from storage: anything missing or malformed falls back to the defaults. */
export function parseSizes(stored: string | null, windowWidth: number): LayoutSizes {
  const defaults = defaultSizes(windowWidth);
  if (!stored) return defaults;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return defaults;
  }
  if (typeof value !== 'object' || value === null) return defaults;
  const record = value as Record<string, unknown>;
  return {
    navCollapsed: typeof record.navCollapsed === 'boolean' ? record.navCollapsed : defaults.navCollapsed,
    lessonWidth: typeof record.lessonWidth === 'number' && Number.isFinite(record.lessonWidth) ? record.lessonWidth : defaults.lessonWidth,
    terminalShare:
      typeof record.terminalShare === 'number' && Number.isFinite(record.terminalShare) ? clampTerminalShare(record.terminalShare) : defaults.terminalShare,
  };
}
