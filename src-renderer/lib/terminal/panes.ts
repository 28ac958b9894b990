// Where terminals show: the tab order and what each of the two panes holds
// (the second only while split). Pure functions so the rules can be tested
// without a browser; terminals.svelte.ts keeps the state.
import type { TerminalName } from '../../../src-main/core/api/contract.js';

export type PaneIndex = 0 | 1;

export interface PaneLayout {
  names: TerminalName[];
  panes: [TerminalName | undefined, TerminalName | undefined];
  focusedPane: PaneIndex;
}

export function paneOf(layout: PaneLayout, name: TerminalName): PaneIndex | undefined {
  if (layout.panes[0] === name) return 0;
  if (layout.panes[1] === name) return 1;
  return undefined;
}

/** A chapter opens its own terminals: keep what still exists, otherwise show the first. */
export function withTerminals(layout: PaneLayout, names: TerminalName[]): PaneLayout {
  if (names.length === 0) return layout;
  const keep = (n: TerminalName | undefined) => (n !== undefined && names.includes(n) ? n : undefined);
  const left = keep(layout.panes[0]) ?? names[0];
  const kept = keep(layout.panes[1]);
  const right = kept === left ? undefined : kept;
  return { names: [...names], panes: [left, right], focusedPane: layout.focusedPane === 1 && right ? 1 : 0 };
}

/** Shows `name` in `pane`; if the other pane held it, the two swap. */
export function showIn(layout: PaneLayout, name: TerminalName, pane: PaneIndex = layout.focusedPane): PaneLayout {
  const names = layout.names.includes(name) ? layout.names : [...layout.names, name];
  const other: PaneIndex = pane === 0 ? 1 : 0;
  const panes: PaneLayout['panes'] = [...layout.panes];
  if (panes[other] === name) panes[other] = panes[pane];
  panes[pane] = name;
  // The left pane is never empty while the right one shows something.
  if (panes[0] === undefined) [panes[0], panes[1]] = [panes[1], undefined];
  return { names, panes, focusedPane: panes[pane] === name ? pane : 0 };
}

/** Splits side by side, showing `name` (or the next tab not already shown) on the right. */
export function splitWith(layout: PaneLayout, name?: TerminalName): PaneLayout {
  const candidate = name ?? layout.names.find((n) => n !== layout.panes[0]);
  return candidate ? showIn(layout, candidate, 1) : layout;
}

/** Back to one pane, keeping the focused terminal. */
export function unsplit(layout: PaneLayout): PaneLayout {
  return { ...layout, panes: [layout.panes[layout.focusedPane] ?? layout.panes[0], undefined], focusedPane: 0 };
}
