// Which lab terminals are open and where they show: tabs, and an optional
// side-by-side split. Other views (the lesson pane's "Run in c1") type into a
// terminal through `typeInto`.
import type { TerminalName } from '../../../src-main/core/api/contract.js';
import { app } from '../app-state.svelte.js';
import { paneOf, showIn, splitWith, unsplit, withTerminals, type PaneIndex, type PaneLayout } from './panes.js';

export type { PaneIndex };

class TerminalLayout {
  /** Tab order. */
  names = $state<TerminalName[]>(['host', 'c1', 'host01']);
  /** What each pane shows; the second pane exists only while split. */
  panes = $state<PaneLayout['panes']>(['host', undefined]);
  focusedPane = $state<PaneIndex>(0);
  /** Session id per terminal name, set once the terminal is open. */
  sessions = $state<Record<string, string>>({});

  get split(): boolean {
    return this.panes[1] !== undefined;
  }

  paneOf(name: TerminalName): PaneIndex | undefined {
    return paneOf(this.layout(), name);
  }

  /** Replaces the tab set (a chapter opens its own terminals), keeping what still exists. */
  setTerminals(names: TerminalName[]): void {
    this.apply(withTerminals(this.layout(), names));
  }

  show(name: TerminalName, pane: PaneIndex = this.focusedPane): void {
    this.apply(showIn(this.layout(), name, pane));
  }

  /** Splits side by side, showing `name` (or the next tab not already shown) on the right. */
  splitWith(name?: TerminalName): void {
    this.apply(splitWith(this.layout(), name));
  }

  unsplit(): void {
    this.apply(unsplit(this.layout()));
  }

  private layout(): PaneLayout {
    return { names: this.names, panes: this.panes, focusedPane: this.focusedPane };
  }

  private apply(layout: PaneLayout): void {
    this.names = layout.names;
    this.panes = layout.panes;
    this.focusedPane = layout.focusedPane;
  }

  /** Types text into a terminal as if the learner had, showing it first. */
  async typeInto(name: TerminalName, text: string): Promise<void> {
    if (this.paneOf(name) === undefined) this.show(name);
    const id = await this.waitForSession(name);
    await app.api?.invoke('terminal.input', { id, data: text });
  }

  private waitForSession(name: TerminalName): Promise<string> {
    const existing = this.sessions[name];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => {
      const poll = () => {
        const id = this.sessions[name];
        if (id) resolve(id);
        else setTimeout(poll, 20);
      };
      poll();
    });
  }
}

export const terminals = new TerminalLayout();

declare global {
  interface Window {
    /** The xterm instance of each terminal, for end-to-end tests: `__terms.c1.buffer.active.getLine(i)`. */
    __terms?: Record<string, import('@xterm/xterm').Terminal>;
  }
}
