// Readline-style editing of the line at the prompt: cursor keys, Home/End,
// Ctrl-A/E/U/K/W, history with arrows and Ctrl-R search, tab completion.
// It writes the terminal updates itself and reports what the shell must do.
import type { Key } from './keys.js';

export type EditorAction =
  | { kind: 'none' }
  | { kind: 'submit'; line: string }
  | { kind: 'interrupt' }
  | { kind: 'eof' }
  | { kind: 'clearScreen' }
  | { kind: 'complete'; before: string; second: boolean };

export interface EditorOutput {
  write(text: string): void;
  cols(): number;
}

/** Display width of a prompt: its text without escape sequences. */
function visibleLength(text: string): number {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g, '').length;
}

export class LineEditor {
  buffer = '';
  cursor = 0;
  private prompt = '';
  private historyIndex = -1;
  private draft = '';
  private search: { query: string; match: string; from: number } | undefined;
  private lastKeyWasTab = false;
  /** Where the terminal's cursor is, counted from the start of the prompt. */
  private shownCursor = 0;

  constructor(
    private readonly out: EditorOutput,
    private readonly history: () => readonly string[],
  ) {}

  /** Starts a new line after `prompt` has been written. */
  begin(prompt: string): void {
    this.prompt = prompt;
    this.buffer = '';
    this.cursor = 0;
    this.historyIndex = -1;
    this.search = undefined;
    this.lastKeyWasTab = false;
    this.shownCursor = visibleLength(prompt);
  }

  /** A printable key now would be echoed as itself: typing at the end of the line, no search under way. */
  get echoesTyping(): boolean {
    return !this.search && this.cursor === this.buffer.length;
  }

  handle(key: Key): EditorAction {
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = key.kind === 'tab';
    if (this.search) return this.handleSearch(key);
    switch (key.kind) {
      case 'text':
        this.insert(key.text);
        return { kind: 'none' };
      case 'enter':
        this.moveTo(this.buffer.length);
        return { kind: 'submit', line: this.buffer };
      case 'backspace':
        if (this.cursor > 0) this.edit(this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor), this.cursor - 1);
        return { kind: 'none' };
      case 'delete':
        if (this.cursor < this.buffer.length) this.edit(this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1), this.cursor);
        return { kind: 'none' };
      case 'left':
        this.moveTo(Math.max(0, this.cursor - 1));
        return { kind: 'none' };
      case 'right':
        this.moveTo(Math.min(this.buffer.length, this.cursor + 1));
        return { kind: 'none' };
      case 'home':
        this.moveTo(0);
        return { kind: 'none' };
      case 'end':
        this.moveTo(this.buffer.length);
        return { kind: 'none' };
      case 'wordLeft':
        this.moveTo(this.wordStart());
        return { kind: 'none' };
      case 'wordRight':
        this.moveTo(this.wordEnd());
        return { kind: 'none' };
      case 'up':
        this.recall(+1);
        return { kind: 'none' };
      case 'down':
        this.recall(-1);
        return { kind: 'none' };
      case 'tab':
        return { kind: 'complete', before: this.buffer.slice(0, this.cursor), second: wasTab };
      case 'ctrl':
        return this.control(key.letter);
      default:
        return { kind: 'none' };
    }
  }

  private control(letter: string): EditorAction {
    switch (letter) {
      case 'a':
        this.moveTo(0);
        break;
      case 'e':
        this.moveTo(this.buffer.length);
        break;
      case 'b':
        this.moveTo(Math.max(0, this.cursor - 1));
        break;
      case 'f':
        this.moveTo(Math.min(this.buffer.length, this.cursor + 1));
        break;
      case 'u':
        this.edit(this.buffer.slice(this.cursor), 0);
        break;
      case 'k':
        this.edit(this.buffer.slice(0, this.cursor), this.cursor);
        break;
      case 'w': {
        const start = this.wordStart();
        this.edit(this.buffer.slice(0, start) + this.buffer.slice(this.cursor), start);
        break;
      }
      case 'p':
        this.recall(+1);
        break;
      case 'n':
        this.recall(-1);
        break;
      case 'r':
        this.search = { query: '', match: '', from: this.history().length };
        this.renderSearch();
        break;
      case 'c':
        return { kind: 'interrupt' };
      case 'd':
        if (this.buffer === '') return { kind: 'eof' };
        if (this.cursor < this.buffer.length) this.edit(this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1), this.cursor);
        break;
      case 'l':
        return { kind: 'clearScreen' };
      case 'h':
        return this.handle({ kind: 'backspace' });
    }
    return { kind: 'none' };
  }

  private handleSearch(key: Key): EditorAction {
    const search = this.search!;
    const history = this.history();
    if (key.kind === 'text') {
      search.query += key.text;
      this.findMatch(history, search, search.from);
    } else if (key.kind === 'backspace') {
      search.query = search.query.slice(0, -1);
      this.findMatch(history, search, history.length);
    } else if (key.kind === 'ctrl' && key.letter === 'r') {
      this.findMatch(history, search, search.from);
    } else if (key.kind === 'ctrl' && (key.letter === 'g' || key.letter === 'c')) {
      this.search = undefined;
      this.redraw(this.buffer, this.cursor, this.prompt);
      return key.letter === 'c' ? { kind: 'interrupt' } : { kind: 'none' };
    } else {
      // Any other key accepts the match into the line, then acts as usual.
      this.search = undefined;
      this.redraw(search.match, search.match.length, this.prompt);
      if (key.kind === 'enter') return { kind: 'submit', line: this.buffer };
      if (key.kind === 'escape' || key.kind === 'unknown') return { kind: 'none' };
      return this.handle(key);
    }
    this.renderSearch();
    return { kind: 'none' };
  }

  /** Looks backwards from `before` (exclusive) for a history line containing the query. */
  private findMatch(history: readonly string[], search: { query: string; match: string; from: number }, before: number): void {
    for (let i = Math.min(before, history.length) - 1; i >= 0; i--) {
      if (history[i].includes(search.query)) {
        search.match = history[i];
        search.from = i;
        return;
      }
    }
    if (search.query === '') search.match = '';
  }

  private renderSearch(): void {
    const search = this.search!;
    const label = `(reverse-i-search)\`${search.query}': `;
    const at = Math.max(0, search.match.indexOf(search.query));
    this.redraw(search.match, at, label);
  }

  private recall(direction: 1 | -1): void {
    const history = this.history();
    const next = this.historyIndex + direction;
    if (next < -1 || next >= history.length) return;
    if (this.historyIndex === -1) this.draft = this.buffer;
    this.historyIndex = next;
    const line = next === -1 ? this.draft : history[history.length - 1 - next];
    this.edit(line, line.length);
  }

  private wordStart(): number {
    let i = this.cursor;
    while (i > 0 && this.buffer[i - 1] === ' ') i--;
    while (i > 0 && this.buffer[i - 1] !== ' ') i--;
    return i;
  }

  private wordEnd(): number {
    let i = this.cursor;
    while (i < this.buffer.length && this.buffer[i] === ' ') i++;
    while (i < this.buffer.length && this.buffer[i] !== ' ') i++;
    return i;
  }

  insert(text: string): void {
    if (this.cursor === this.buffer.length) {
      // The common case, typing at the end: echo only the new characters.
      this.buffer += text;
      this.cursor = this.buffer.length;
      this.out.write(text);
      this.shownCursor += text.length;
      return;
    }
    this.edit(this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor), this.cursor + text.length);
  }

  private edit(buffer: string, cursor: number): void {
    this.redraw(buffer, cursor, this.prompt);
  }

  private moveTo(cursor: number): void {
    if (cursor === this.cursor) return;
    this.redraw(this.buffer, cursor, this.prompt);
  }

  /** Rewrites prompt and line from the prompt's first row and puts the cursor in place. */
  private redraw(buffer: string, cursor: number, prompt: string): void {
    const cols = Math.max(1, this.out.cols());
    let text = '';
    const rowsUp = Math.floor(this.shownCursor / cols);
    if (rowsUp > 0) text += `\x1b[${rowsUp}A`;
    text += '\r\x1b[J' + prompt + buffer;
    const promptLength = visibleLength(prompt);
    const end = promptLength + buffer.length;
    const target = promptLength + cursor;
    const endRow = Math.floor(end / cols);
    const targetRow = Math.floor(target / cols);
    if (endRow > targetRow) text += `\x1b[${endRow - targetRow}A`;
    text += '\r';
    if (target % cols > 0) text += `\x1b[${target % cols}C`;
    this.out.write(text);
    this.buffer = buffer;
    this.cursor = cursor;
    this.shownCursor = target;
  }

  /** Redraws the prompt and line after something else was printed (completion list, Ctrl-L). */
  reprint(): void {
    this.shownCursor = 0;
    this.redraw(this.buffer, this.cursor, this.prompt);
  }
}
