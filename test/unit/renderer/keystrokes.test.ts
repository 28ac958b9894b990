import { describe, expect, it } from 'vitest';
import { keystrokesFor } from '../../../src-renderer/lib/lesson/keystrokes.js';

describe('keystrokesFor', () => {
  it('presses Enter after each line and turns ^C into an interrupt', () => {
    expect(keystrokesFor('ping -c 2 172.17.0.1')).toBe('ping -c 2 172.17.0.1\r');
    expect(keystrokesFor('ip link\nip route')).toBe('ip link\rip route\r');
    expect(keystrokesFor('^C')).toBe('\x03');
  });
});
