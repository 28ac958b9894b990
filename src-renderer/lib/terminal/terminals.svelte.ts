// Which lab terminals are open and where they show: tabs, and an optional
// side-by-side split. Other views (the lesson pane's "Run in c1") type into a
// terminal through `typeInto`.
import type { TerminalName } from '../../../src-main/core/api/contract.js';
import { app } from '../app-state.svelte.js';

export type PaneIndex = 0 | 1;

class TerminalLayout {
  /** Tab order. */
  names = $state<TerminalName[]>(['host', 'c1', 'host01']);
  /** What each pane shows; the second pane exists only while split. */
  panes = $state<[TerminalName | undefined, TerminalName | undefined]>(['host', undefined]);
  focusedPane = $state<PaneIndex>(0);
  /** Session id per terminal name, set once the terminal is open. */
  sessions = $state<Record<string, string>>({});

  get split(): boolean {
    return this.panes[1] !== undefined;
  }

  paneOf(name: TerminalName): PaneIndex | undefined {
    if (this.panes[0] === name) return 0;
    if (this.panes[1] === name) return 1;
    return undefined;
  }

  /** Replaces the tab set (a chapter opens its own terminals), keeping what still exists. */
  setTerminals(names: TerminalName[]): void {
    if (names.length === 0) return;
    this.names = [...names];
    const keep = (n: TerminalName | undefined) => (n !== undefined && names.includes(n) ? n : undefined);
    const left = keep(this.panes[0]) ?? names[0];
    const right = keep(this.panes[1]);
    this.panes = [left, right === left ? undefined : right];
    if (this.focusedPane === 1 && !this.panes[1]) this.focusedPane = 0;
  }

  show(name: TerminalName, pane: PaneIndex = this.focusedPane): void {
    if (!this.names.includes(name)) this.names = [...this.names, name];
    const other: PaneIndex = pane === 0 ? 1 : 0;
    const next: [TerminalName | undefined, TerminalName | undefined] = [...this.panes];
    if (next[other] === name) next[other] = next[pane];
    next[pane] = name;
    if (next[0] === undefined) [next[0], next[1]] = [next[1], undefined];
    this.panes = next;
    this.focusedPane = next[pane] === name ? pane : 0;
  }

  /** Splits side by side, showing `name` (or the next tab not already shown) on the right. */
  splitWith(name?: TerminalName): void {
    const candidate = name ?? this.names.find((n) => n !== this.panes[0]);
    if (!candidate) return;
    this.show(candidate, 1);
  }

  unsplit(): void {
    this.panes = [this.panes[this.focusedPane] ?? this.panes[0], undefined];
    this.focusedPane = 0;
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
