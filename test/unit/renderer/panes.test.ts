import { describe, expect, it } from 'vitest';
import { paneOf, showIn, splitWith, unsplit, withTerminals, type PaneLayout } from '../../../src-renderer/lib/terminal/panes.js';

const start: PaneLayout = { names: ['host', 'c1', 'host01'], panes: ['host', undefined], focusedPane: 0 };

describe('terminal panes', () => {
  it('splits with the next tab on the right and focuses it', () => {
    const split = splitWith(start);
    expect(split.panes).toEqual(['host', 'c1']);
    expect(split.focusedPane).toBe(1);
    expect(paneOf(split, 'c1')).toBe(1);
    expect(paneOf(split, 'host01')).toBeUndefined();
  });

  it('choosing a tab shows it in the focused pane, swapping when the other pane had it', () => {
    const split = splitWith(start);
    expect(showIn(split, 'host01').panes).toEqual(['host', 'host01']);
    const swapped = showIn(split, 'host', 1);
    expect(swapped.panes).toEqual(['c1', 'host']);
    expect(swapped.focusedPane).toBe(1);
  });

  it('a terminal not in the tabs is added when shown (a lesson types into it)', () => {
    const shown = showIn(start, 'web');
    expect(shown.names).toEqual(['host', 'c1', 'host01', 'web']);
    expect(shown.panes).toEqual(['web', undefined]);
  });

  it('unsplit keeps the focused terminal', () => {
    expect(unsplit(showIn(splitWith(start), 'host01')).panes).toEqual(['host01', undefined]);
  });

  it('a chapter with other terminals keeps what still exists and never leaves the left pane empty', () => {
    const split = splitWith(start); // host | c1
    const next = withTerminals(split, ['c1', 'c2']);
    expect(next.names).toEqual(['c1', 'c2']);
    expect(next.panes).toEqual(['c1', undefined]);
    expect(next.focusedPane).toBe(0);
    expect(withTerminals(split, [])).toBe(split);
  });
});
