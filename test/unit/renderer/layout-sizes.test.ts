import { describe, expect, it } from 'vitest';
import { clampLessonWidth, clampTerminalShare, defaultSizes, LESSON_MIN, parseSizes } from '../../../src-renderer/lib/layout/sizes.js';

describe('layout sizes', () => {
  it('folds the navigation below 1700 px and keeps the lesson pane between its bounds', () => {
    expect(defaultSizes(1280)).toMatchObject({ navCollapsed: true, lessonWidth: 358 });
    expect(defaultSizes(1920)).toMatchObject({ navCollapsed: false, lessonWidth: 360 });
    expect(defaultSizes(900).lessonWidth).toBe(LESSON_MIN);
  });

  it('never lets the lesson squeeze the terminals below their minimum', () => {
    expect(clampLessonWidth(2000, 1280, true)).toBe(1280 - 48 - 360);
    expect(clampLessonWidth(10, 1280, true)).toBe(LESSON_MIN);
    expect(clampTerminalShare(0.99)).toBe(0.9);
    expect(clampTerminalShare(0)).toBe(0.25);
  });

  it('reads stored sizes back, falling back to defaults for anything malformed', () => {
    expect(parseSizes('{"navCollapsed":false,"lessonWidth":400,"terminalShare":0.5}', 1280)).toEqual({ navCollapsed: false, lessonWidth: 400, terminalShare: 0.5 });
    expect(parseSizes('not json', 1280)).toEqual(defaultSizes(1280));
    expect(parseSizes('{"lessonWidth":"wide","terminalShare":7}', 1280)).toEqual({ ...defaultSizes(1280), terminalShare: 0.9 });
    expect(parseSizes(null, 1920)).toEqual(defaultSizes(1920));
  });
});
