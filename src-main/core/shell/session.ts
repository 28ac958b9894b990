// One terminal: a stack of shells (a nested `docker exec -it c1 bash` sits on
// top of the host's), the line editor at the prompt, a cooked-mode line
// discipline while a command runs, Ctrl-C/Ctrl-D/Ctrl-L, and the OSC 633
// shell-integration marks around every prompt and command.
import { mark } from '../lab/shell-integration.js';
import type { Interrupt, RawEvent, RawTerminal, TerminalInfo } from './command.js';
import { complete } from './completion.js';
import { expandHistory } from './history-expansion.js';
import { isIncomplete } from './bash/syntax.js';
import { splitKeys, type Key } from './keys.js';
import { LineEditor } from './line-editor.js';
import { Shell, type AttachableConsole, type ShellHost, type ShellWorld } from './runtime.js';
import { CallbackOutput, InterruptSignal, LineReader } from './streams.js';

export interface SessionOptions {
  world: ShellWorld;
  host: ShellHost;
  cols: number;
  rows: number;
  /** Raw terminal text (CR LF line ends, escape sequences, marks). */
  output(text: string): void;
  /** The outermost shell exited. */
  exit(code: number): void;
}

interface Running {
  interrupt: InterruptSignal;
  input: TerminalInput;
  /** Characters typed on the current, unfinished line. */
  typed: string;
  /** Set while the command holds the terminal in raw mode (a pager). */
  raw?: RawMode;
}

/** Raw mode for one command: every key goes to it as typed, resizes too, until it closes or is stopped. */
class RawMode implements RawTerminal {
  private queued: RawEvent[] = [];
  private waiting: ((event: RawEvent | null) => void) | undefined;
  private ended = false;

  constructor(private readonly release: () => void) {}

  push(event: RawEvent): void {
    if (this.ended) return;
    if (this.waiting) this.wake(event);
    else this.queued.push(event);
  }

  /** The command was stopped or the terminal closed: its next read sees the end. */
  end(): void {
    this.ended = true;
    this.queued = [];
    this.wake(null);
  }

  next(): Promise<RawEvent | null> {
    if (this.queued.length > 0) return Promise.resolve(this.queued.shift()!);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  close(): void {
    this.end();
    this.release();
  }

  private wake(event: RawEvent | null): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(event);
  }
}

/** A terminal forwarded to a container's console (`docker attach`). */
interface Attachment {
  console: AttachableConsole;
  detach: () => void;
  done: (result: number | 'detached') => void;
  /** Ctrl-P was typed: a following Ctrl-Q detaches. */
  escape: boolean;
}

interface Frame {
  shell: Shell;
  /** The command this shell runs in the foreground, if any. */
  running?: Running;
  /** Resolves the `bash` command that started a nested shell. */
  done?: (code: number) => void;
}

/** Terminal input while a command runs: lines as the tty's cooked mode delivers them. */
class TerminalInput extends LineReader {
  readonly isTTY = true;
  private queued: string[] = [];
  private eof = false;
  private waiting: ((chunk: string | null) => void) | undefined;

  constructor(private readonly interrupt: InterruptSignal) {
    super();
    void interrupt.promise.then(() => this.wake(null));
  }

  push(line: string): void {
    if (this.waiting) this.wake(line);
    else this.queued.push(line);
  }

  endOfInput(): void {
    this.eof = true;
    this.wake(null);
  }

  /** Lines typed ahead that the command never read. */
  unread(): string[] {
    return this.queued.splice(0);
  }

  private wake(chunk: string | null): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(chunk);
  }

  protected nextChunk(): Promise<string | null> {
    if (this.queued.length > 0) return Promise.resolve(this.queued.shift()!);
    if (this.eof || this.interrupt.signalled) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

/** True when bash would ask for more: an open quote, loop, `if`, here-document, a trailing `|`, `&&`, `||` or backslash. */
function needsMore(line: string): boolean {
  return /(^|[^\\])(\\\\)*\\$/.test(line) || isIncomplete(line);
}

export class ShellSession {
  private readonly frames: Frame[] = [];
  private readonly historyLines: string[] = [];
  private readonly editor: LineEditor;
  private size: { cols: number; rows: number };
  private closed = false;
  private attachment: Attachment | undefined;
  /** The unfinished part of a command line typed over several lines. */
  private continued: string | undefined;

  constructor(private readonly options: SessionOptions) {
    this.size = { cols: options.cols, rows: options.rows };
    this.editor = new LineEditor(
      { write: (text) => this.emit(text), cols: () => this.size.cols },
      () => this.historyLines,
    );
    this.frames.push({ shell: this.newShell(options.host) });
  }

  /** Prints the first prompt. */
  start(): void {
    this.prompt();
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** At the prompt, with the line editor echoing typed keys as themselves (not attached to a console, nothing running). */
  get echoesTyping(): boolean {
    return !this.closed && !this.attachment && !this.running && this.editor.echoesTyping;
  }

  private get top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  private get running(): Running | undefined {
    return this.frames[this.frames.length - 1]?.running;
  }

  get shell(): Shell {
    return this.top.shell;
  }

  history(): readonly string[] {
    return this.historyLines;
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    for (const frame of this.frames) this.setSizeVariables(frame.shell);
    this.running?.raw?.push({ resize: { cols, rows } });
  }

  /** `$COLUMNS` and `$LINES`, as an interactive bash keeps them (checkwinsize). */
  private setSizeVariables(shell: Shell): Shell {
    shell.variables.COLUMNS = String(this.size.cols);
    shell.variables.LINES = String(this.size.rows);
    return shell;
  }

  /** Keystrokes from the terminal. Never throws. */
  write(data: string): void {
    if (this.closed) return;
    if (this.attachment) {
      this.forward(this.attachment, data);
      return;
    }
    const raw = this.running?.raw;
    if (raw) {
      raw.push({ keys: data });
      return;
    }
    for (const key of splitKeys(data)) {
      try {
        if (this.running) this.cooked(key);
        else this.atPrompt(key);
      } catch (err) {
        // Nothing typed may break the terminal; show it and carry on.
        this.emit(`\r\nbash: internal error: ${err instanceof Error ? err.message : String(err)}\r\n`);
      }
      if (this.closed) return;
    }
  }

  close(): void {
    this.closed = true;
    for (const frame of this.frames) {
      frame.running?.raw?.end();
      frame.running?.interrupt.fire();
      frame.shell.stopJobs();
    }
  }

  private newShell(host: ShellHost): Shell {
    return this.setSizeVariables(new Shell(this.options.world, host, {
      info: (): TerminalInfo => ({ isTTY: true, cols: this.size.cols, rows: this.size.rows }),
      raw: (interrupt) => this.rawMode(interrupt),
      interactive: (target) => this.nest(target),
      attach: (console) => this.attachTo(console),
      history: () => this.historyLines,
    }));
  }

  /** Raw mode for the foreground command (the one Ctrl-C would stop); one holder at a time. */
  private rawMode(interrupt: Interrupt): RawTerminal | undefined {
    const running = this.running;
    if (!running || running.interrupt !== interrupt || running.raw) return undefined;
    const raw = new RawMode(() => {
      if (running.raw === raw) running.raw = undefined;
    });
    running.raw = raw;
    void interrupt.promise.then(() => raw.end());
    return raw;
  }

  private attachTo(console: AttachableConsole): Promise<number | 'detached'> {
    return new Promise((resolve) => {
      const attachment: Attachment = {
        console,
        escape: false,
        detach: console.attach((text) => this.emit(text)),
        done: (result) => {
          attachment.detach();
          if (this.attachment === attachment) this.attachment = undefined;
          resolve(result);
        },
      };
      this.attachment = attachment;
      console.onExit((code) => attachment.done(code));
    });
  }

  /** Keys while attached: everything goes to the console except Docker's detach keys, Ctrl-P Ctrl-Q. */
  private forward(attachment: Attachment, data: string): void {
    for (let i = 0; i < data.length; i++) {
      const ch = data[i];
      if (attachment.escape) {
        attachment.escape = false;
        if (ch === '\x11') {
          this.emit('read escape sequence\r\n');
          attachment.done('detached');
          if (i + 1 < data.length) this.write(data.slice(i + 1));
          return;
        }
        attachment.console.write('\x10');
      }
      if (ch === '\x10') attachment.escape = true;
      else attachment.console.write(ch);
    }
  }

  /** Runs a shell on `host` in this terminal; resolves with its exit status. */
  private nest(host: ShellHost): Promise<number> {
    return new Promise((resolve) => {
      this.frames.push({ shell: this.newShell(host), done: resolve });
      this.prompt();
    });
  }

  private emit(text: string): void {
    if (!this.closed) this.options.output(text);
  }

  /** Command output: `\n` becomes CR LF as the tty's onlcr does. */
  private emitOutput(text: string): void {
    this.emit(text.replace(/\r?\n/g, '\r\n'));
  }

  private promptText(): string {
    const shell = this.shell;
    const home = shell.host.home;
    const dir = shell.cwd === home ? '~' : shell.cwd.startsWith(home + '/') ? '~' + shell.cwd.slice(home.length) : shell.cwd;
    return `root@${shell.host.context.hostname}:${dir}# `;
  }

  private prompt(): void {
    const notices = this.shell.finishedJobNotices();
    if (notices) this.emitOutput(notices);
    const text = this.promptText();
    this.emit(mark.promptStart + text + mark.promptEnd);
    this.editor.begin(text);
  }

  private atPrompt(key: Key): void {
    const action = this.editor.handle(key);
    switch (action.kind) {
      case 'submit':
        this.emit('\r\n');
        this.submit(action.line);
        break;
      case 'interrupt':
        this.emit('^C\r\n');
        this.continued = undefined;
        this.shell.lastStatus = 130;
        this.prompt();
        break;
      case 'eof':
        if (this.continued !== undefined) {
          // bash gives up on the unfinished line.
          this.emit(`\r\nbash: syntax error: unexpected end of file\r\n`);
          this.continued = undefined;
          this.shell.lastStatus = 2;
          this.prompt();
          break;
        }
        this.emit('exit\r\n');
        this.endFrame(this.shell.lastStatus);
        break;
      case 'clearScreen':
        this.emit('\x1b[H\x1b[2J');
        this.editor.reprint();
        break;
      case 'complete':
        this.complete(action.before, action.second);
        break;
    }
  }

  private complete(before: string, second: boolean): void {
    const result = complete(before, this.shell.host, this.shell.cwd, this.options.world.commands);
    if (result.insert) this.editor.insert(result.insert);
    else if (result.candidates.length > 1 && second) {
      this.emit('\r\n' + result.candidates.join('  ') + '\r\n');
      this.editor.reprint();
    } else if (result.candidates.length !== 1) this.emit('\x07');
  }

  private submit(entered: string): void {
    // A line that is not finished yet (open quote, trailing | && || or \\) continues at a `> ` prompt.
    let typed = entered;
    if (this.continued !== undefined) {
      typed = this.continued.endsWith('\\') ? this.continued.slice(0, -1) + entered : `${this.continued}\n${entered}`;
      this.continued = undefined;
    }
    if (needsMore(typed)) {
      this.continued = typed;
      this.emit('> ');
      this.editor.begin('> ');
      return;
    }
    if (typed.trim() === '') {
      this.prompt();
      return;
    }
    const expanded = expandHistory(typed, this.historyLines);
    if (!expanded.ok) {
      // bash refuses the line and keeps it out of the history.
      this.emit(expanded.error + '\r\n');
      this.prompt();
      return;
    }
    const line = expanded.line;
    if (expanded.changed) this.emit(line + '\r\n');
    if (this.historyLines[this.historyLines.length - 1] !== line) this.historyLines.push(line);
    const interrupt = new InterruptSignal();
    const input = new TerminalInput(interrupt);
    const frame = this.top;
    frame.running = { interrupt, input, typed: '' };
    this.emit(mark.commandLine(line) + mark.outputStart);
    const out = new CallbackOutput((text) => this.emitOutput(text), true);
    void frame.shell
      .runLine(line, { stdin: input, stdout: out, stderr: out, interrupt })
      .catch(() => 1)
      .then((code) => this.finish(frame, code, input, interrupt));
  }

  private finish(frame: Frame, code: number, input: TerminalInput, interrupt: InterruptSignal): void {
    if (this.closed) return;
    const typedAhead = frame.running?.typed ?? '';
    const unread = input.unread();
    frame.running?.raw?.end();
    frame.running = undefined;
    // Killed by Ctrl-C without printing anything of its own: bash moves to a new line.
    if (interrupt.signalled && code === 130) this.emit('\r\n');
    this.emit(mark.commandEnd(code));
    if (frame.shell.exitStatus !== undefined) {
      this.emit('exit\r\n');
      this.endFrame(frame.shell.exitStatus);
      return;
    }
    // A nested shell started by this command is now at its prompt.
    if (this.top !== frame) return;
    this.prompt();
    const replay = unread.map((l) => l.replace(/\n$/, '\r')).join('') + typedAhead;
    if (replay) this.write(replay);
  }

  private endFrame(code: number): void {
    const frame = this.frames.pop()!;
    frame.shell.stopJobs();
    if (this.frames.length === 0) {
      this.closed = true;
      this.options.exit(code);
      return;
    }
    // The outer shell's `docker exec ... bash` command ends with this status.
    frame.done?.(code);
  }

  /** Keys while a command runs: echo, Ctrl-C, Ctrl-D, lines to the command's input. */
  private cooked(key: Key): void {
    const running = this.running!;
    switch (key.kind) {
      case 'text':
        running.typed += key.text;
        this.emit(key.text);
        break;
      case 'enter':
        this.emit('\r\n');
        running.input.push(running.typed + '\n');
        running.typed = '';
        break;
      case 'backspace':
        if (running.typed) {
          running.typed = running.typed.slice(0, -1);
          this.emit('\b \b');
        }
        break;
      case 'ctrl':
        if (key.letter === 'c') {
          this.emit('^C');
          running.typed = '';
          running.input.unread();
          running.interrupt.fire();
        } else if (key.letter === 'd') {
          if (running.typed) {
            running.input.push(running.typed);
            running.typed = '';
          } else running.input.endOfInput();
        } else if (key.letter === 'u') {
          this.emit('\b \b'.repeat(running.typed.length));
          running.typed = '';
        }
        break;
    }
  }
}

// cspell:words onlcr
