import { describe, expect, it } from 'vitest';
import { shortcutFor, shortcuts } from '../../../src-renderer/lib/help/shortcuts.js';

const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; code: string }> = {}) => ({
  key: k, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods,
});

describe('shortcutFor', () => {
  it('opens help with F1 anywhere, and with ? only outside text fields and terminals', () => {
    expect(shortcutFor(key('F1'), true)).toBe('help');
    expect(shortcutFor(key('?', { shiftKey: true }), false)).toBe('help');
    expect(shortcutFor(key('?', { shiftKey: true }), true)).toBeUndefined();
  });

  it('moves between regions with Alt+digit, even from a terminal', () => {
    expect(shortcutFor(key('1', { altKey: true }), true)).toBe('focus-course');
    expect(shortcutFor(key('3', { altKey: true }), true)).toBe('focus-terminal');
    expect(shortcutFor(key('5', { altKey: true }), false)).toBe('show-trace');
    expect(shortcutFor(key('1'), false)).toBeUndefined();
    expect(shortcutFor(key('1', { altKey: true, ctrlKey: true }), false)).toBeUndefined();
    // macOS: Option+1 types "¡"; the physical key still says Digit1.
    expect(shortcutFor(key('¡', { altKey: true, code: 'Digit1' }), true)).toBe('focus-course');
  });

  it('leaves the shell its own Alt+letter and Ctrl+letter keys', () => {
    for (const k of ['b', 'f', 'd', '.', 'h']) expect(shortcutFor(key(k, { altKey: true }), true)).toBeUndefined();
    for (const k of ['c', 'd', 'r', 'l']) expect(shortcutFor(key(k, { ctrlKey: true }), true)).toBeUndefined();
  });

  it('lists every action once or more in the overlay with its keys', () => {
    for (const s of shortcuts) expect(s.keys.length).toBeGreaterThan(0);
    expect(new Set(shortcuts.map((s) => s.action)).size).toBe(9);
  });
});
