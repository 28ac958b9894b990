// A pager as less(1) behaves with its default keys: the text one screen at a
// time on the alternate screen, a prompt on the last row, paging, line
// moves, `/` and `?` searches with matches shown in reverse video, `n`/`N`,
// `g`/`G`, `h` for a summary of the keys, and `q` back to the shell with the
// screen as it was. `man` and `less` page through it.
import type { CommandContext, RawTerminal } from './command.js';

const ALTERNATE_SCREEN_ON = '\x1b[?1049h\x1b[22;0;0t\x1b[?1h\x1b=';
const ALTERNATE_SCREEN_OFF = '\x1b[?1l\x1b>\x1b[?1049l\x1b[23;0;0t';
const REVERSE = '\x1b[7m';
const REVERSE_OFF = '\x1b[27m';
const CLEAR_LINE = '\x1b[K';

const HELP = `
                   SUMMARY OF LESS COMMANDS

      Commands marked with * may be preceded by a number, N.
      Notes in parentheses indicate the behavior if N is given.
      A key preceded by a caret indicates the Ctrl key; thus ^K is ctrl-K.

  h  H                 Display this help.
  q  :q  Q  :Q  ZZ     Exit.
 ---------------------------------------------------------------------------

                           MOVING

  e  ^E  j  ^N  CR  *  Forward  one line   (or N lines).
  y  ^Y  k  ^K  ^P  *  Backward one line   (or N lines).
  f  ^F  ^V  SPACE  *  Forward  one window (or N lines).
  b  ^B  ESC-v      *  Backward one window (or N lines).
  d  ^D             *  Forward  one half-window (and set half-window to N).
  u  ^U             *  Backward one half-window (and set half-window to N).
 ---------------------------------------------------------------------------

                          SEARCHING

  /pattern          *  Search forward for (N-th) matching line.
  ?pattern          *  Search backward for (N-th) matching line.
  n                 *  Repeat previous search (for N-th occurrence).
  N                 *  Repeat previous search in reverse direction.
 ---------------------------------------------------------------------------

                           JUMPING

  g  <  ESC-<       *  Go to first line in file (or line N).
  G  >  ESC->       *  Go to last line in file (or line N).
`;

export interface PagerOptions {
  /** The prompt on the last row, given the 1-based top line and whether the end shows; less's `:` and `(END)` when absent. */
  prompt?: (line: number, atEnd: boolean) => string;
  /** Shown in the prompt of the first screen (`less FILE` shows the file's name). */
  name?: string;
}

type Mode = { kind: 'keys' } | { kind: 'search'; backward: boolean; typed: string } | { kind: 'message'; text: string };

/** The pager's state: what a key does and what the screen shows. Pure, so tests can drive it key by key. */
export class Pager {
  private rows: { text: string; line: number }[] = [];
  private top = 0;
  private mode: Mode = { kind: 'keys' };
  private pattern: { source: string; backward: boolean } | undefined;
  private firstScreen = true;
  /** Count typed before a command (`10j`). */
  private count = '';
  /** `:` or `Z` typed: the next key completes `:q` or `ZZ`. */
  private pending = '';
  private readonly lines: string[];
  /** A key nobody binds was typed: the next draw rings the terminal's bell. */
  private bell = false;
  quit = false;
  /** `h` was typed: the summary of keys is to be paged over this text until `q`. */
  helpWanted = false;

  constructor(
    text: string,
    private cols: number,
    private height: number,
    private readonly options: PagerOptions = {},
  ) {
    this.lines = text.replace(/\n$/, '').split('\n');
    this.layOut();
  }

  /** Rows of text above the prompt. */
  private get page(): number {
    return Math.max(1, this.height - 1);
  }

  private get lastTop(): number {
    return Math.max(0, this.rows.length - this.page);
  }

  /** Long lines wrap at the terminal's width, as less shows them. */
  private layOut(): void {
    const topLine = this.rows[this.top]?.line ?? 0;
    const width = Math.max(1, this.cols);
    this.rows = this.lines.flatMap((text, line) => {
      const pieces: { text: string; line: number }[] = [];
      for (let at = 0; at === 0 || at < text.length; at += width) pieces.push({ text: text.slice(at, at + width), line });
      return pieces;
    });
    this.top = Math.min(this.lastTop, Math.max(0, this.rows.findIndex((r) => r.line === topLine)));
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.height = rows;
    this.layOut();
  }

  /** Keys as the terminal sent them; several may come in one piece (a paste, an escape sequence). */
  press(data: string): void {
    for (let i = 0; i < data.length && !this.quit; ) {
      const sequence = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z]|[^[O])?/.exec(data.slice(i))?.[0];
      const key = sequence ?? data[i];
      i += key.length;
      this.key(key);
    }
  }

  private key(key: string): void {
    const mode = this.mode;
    if (mode.kind === 'message') {
      this.mode = { kind: 'keys' };
      if (key === '\r' || key === '\n' || key === 'q') return;
    } else if (mode.kind === 'search') {
      this.searchKey(mode, key);
      return;
    }
    if (/^[0-9]$/.test(key)) {
      this.count += key;
      return;
    }
    const count = this.count === '' ? undefined : Number(this.count);
    this.count = '';
    const pending = this.pending;
    this.pending = '';
    if (pending === ':' && (key === 'q' || key === 'Q')) return this.stop();
    if (pending === 'Z' && key === 'Z') return this.stop();
    this.firstScreen = false;
    switch (key) {
      case 'q':
      case 'Q':
        return this.stop();
      case ':':
      case 'Z':
        this.pending = key;
        return;
      case ' ':
      case 'f':
      case '\x06':
      case '\x16':
      case '\x1b[6~':
        return this.scroll(count ?? this.page);
      case 'b':
      case '\x02':
      case '\x1bv':
      case '\x1b[5~':
        return this.scroll(-(count ?? this.page));
      case '\r':
      case '\n':
      case 'j':
      case 'e':
      case '\x0e':
      case '\x05':
      case '\x1b[B':
      case '\x1bOB':
        return this.scroll(count ?? 1);
      case 'k':
      case 'y':
      case '\x0b':
      case '\x10':
      case '\x19':
      case '\x1b[A':
      case '\x1bOA':
        return this.scroll(-(count ?? 1));
      case 'd':
      case '\x04':
        return this.scroll(count ?? Math.floor(this.page / 2));
      case 'u':
      case '\x15':
        return this.scroll(-(count ?? Math.floor(this.page / 2)));
      case 'g':
      case '<':
      case '\x1b<':
      case '\x1b[H':
      case '\x1bOH':
        return this.goToLine(count ?? 1);
      case 'G':
      case '>':
      case '\x1b>':
      case '\x1b[F':
      case '\x1bOF':
        if (count === undefined) this.top = this.lastTop;
        else this.goToLine(count);
        return;
      case '/':
      case '?':
        this.mode = { kind: 'search', backward: key === '?', typed: '' };
        return;
      case 'n':
      case 'N':
        return this.repeatSearch(key === 'N', count ?? 1);
      case 'h':
      case 'H':
        this.helpWanted = true;
        return;
      case '\x03':
        return;
      default:
        // less rings the bell at a key it does not know.
        this.bell = true;
    }
  }

  private stop(): void {
    this.quit = true;
  }

  private scroll(by: number): void {
    this.top = Math.min(this.lastTop, Math.max(0, this.top + by));
  }

  private goToLine(line: number): void {
    const row = this.rows.findIndex((r) => r.line === line - 1);
    this.top = Math.min(this.lastTop, row < 0 ? this.lastTop : row);
  }

  private searchKey(mode: { backward: boolean; typed: string }, key: string): void {
    if (key === '\r' || key === '\n') {
      this.mode = { kind: 'keys' };
      if (mode.typed !== '') this.pattern = { source: mode.typed, backward: mode.backward };
      this.repeatSearch(false, 1);
      return;
    }
    if (key === '\x1b' || key === '\x03' || ((key === '\x7f' || key === '\b') && mode.typed === '')) {
      this.mode = { kind: 'keys' };
      return;
    }
    if (key === '\x7f' || key === '\b') this.mode = { kind: 'search', backward: mode.backward, typed: mode.typed.slice(0, -1) };
    else if (key === '\x15') this.mode = { kind: 'search', backward: mode.backward, typed: '' };
    else if (key >= ' ' && !key.startsWith('\x1b')) this.mode = { kind: 'search', backward: mode.backward, typed: mode.typed + key };
  }

  /** The pattern as less takes it with man's `-i`: a regular expression, case ignored unless it has a capital. */
  private regex(): RegExp | string {
    const source = this.pattern!.source;
    try {
      return new RegExp(source, source === source.toLowerCase() ? 'gi' : 'g');
    } catch (err) {
      return err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : 'bad pattern';
    }
  }

  /** `n` (or `N`, reversed): the next matching row after the top one, shown at the top. */
  private repeatSearch(reverse: boolean, times: number): void {
    if (!this.pattern) {
      this.mode = { kind: 'message', text: 'No previous regular expression' };
      return;
    }
    const regex = this.regex();
    if (typeof regex === 'string') {
      this.mode = { kind: 'message', text: regex };
      return;
    }
    const step = this.pattern.backward !== reverse ? -1 : 1;
    let row = this.top;
    for (let found = 0; found < times; ) {
      row += step;
      if (row < 0 || row >= this.rows.length) {
        this.mode = { kind: 'message', text: 'Pattern not found' };
        return;
      }
      regex.lastIndex = 0;
      if (regex.test(this.rows[row].text)) found++;
    }
    this.top = row;
  }

  /** The whole screen: rows of text (matches in reverse video, `~` past the end) and the prompt row. */
  render(): string {
    const regex = this.pattern ? this.regex() : undefined;
    const shown: string[] = [];
    for (let i = 0; i < this.page; i++) {
      const row = this.rows[this.top + i];
      if (!row) shown.push('~');
      else if (regex instanceof RegExp) shown.push(row.text.replace(regex, (m) => (m ? REVERSE + m + REVERSE_OFF : m)));
      else shown.push(row.text);
    }
    const bell = this.bell ? '\x07' : '';
    this.bell = false;
    return `${bell}\x1b[H${shown.map((text) => text + CLEAR_LINE).join('\r\n')}\r\n${this.promptRow()}${CLEAR_LINE}`;
  }

  private promptRow(): string {
    const mode = this.mode;
    if (mode.kind === 'search') return (mode.backward ? '?' : '/') + mode.typed;
    if (mode.kind === 'message') return `${REVERSE}${mode.text}  (press RETURN)${REVERSE_OFF}`;
    if (this.count !== '') return ':' + this.count;
    if (this.pending) return this.pending;
    const atEnd = this.top + this.page >= this.rows.length;
    if (this.options.prompt) return `${REVERSE}${this.options.prompt(this.rows[this.top]?.line + 1 || 1, atEnd)}${REVERSE_OFF}`;
    if (atEnd) return `${REVERSE}${this.firstScreen && this.options.name ? this.options.name + ' ' : ''}(END)${REVERSE_OFF}`;
    if (this.firstScreen && this.options.name) return `${REVERSE}${this.options.name}${REVERSE_OFF}`;
    return ':';
  }
}

/**
 * Pages `text` on the command's terminal until `q`. Without a terminal to page on
 * (output to a pipe or file, a background job) it prints the text whole, as less does.
 */
export async function page(ctx: CommandContext, text: string, options: PagerOptions = {}): Promise<void> {
  const terminal = ctx.stdout.isTTY ? ctx.rawTerminal?.() : undefined;
  if (!terminal) {
    ctx.stdout.write(text);
    return;
  }
  ctx.stdout.write(ALTERNATE_SCREEN_ON);
  try {
    await runPager(terminal, new Pager(text, ctx.terminal.cols, ctx.terminal.rows, options), ctx);
  } finally {
    ctx.stdout.write(ALTERNATE_SCREEN_OFF);
    terminal.close();
  }
}

async function runPager(terminal: RawTerminal, pager: Pager, ctx: CommandContext): Promise<void> {
  let size = { cols: ctx.terminal.cols, rows: ctx.terminal.rows };
  let help: Pager | undefined;
  ctx.stdout.write(pager.render());
  for (let event = await terminal.next(); event !== null; event = await terminal.next()) {
    if ('resize' in event) {
      size = event.resize;
      pager.resize(size.cols, size.rows);
      help?.resize(size.cols, size.rows);
    } else if (help) {
      help.press(event.keys);
      if (help.quit) help = undefined;
    } else {
      pager.press(event.keys);
      if (pager.quit) return;
      if (pager.helpWanted) {
        pager.helpWanted = false;
        help = new Pager(HELP, size.cols, size.rows, { prompt: (_line, atEnd) => (atEnd ? 'HELP -- END -- Press g to see it again, or q when done' : 'HELP -- Press RETURN for more, or q when done') });
      }
    }
    ctx.stdout.write((help ?? pager).render());
  }
}
