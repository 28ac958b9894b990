// A container's console: the terminal of its main process (`docker run -dit
// ... bash`). It runs whether or not anyone is attached; `docker attach`
// connects a terminal to it until Ctrl-P Ctrl-Q, and what it prints also goes
// to the container's log, as Docker's TTY logging does.
import type { AttachableConsole, ShellHost, ShellWorld } from './runtime.js';
import { ShellSession } from './session.js';

const SHELL_MARK = /\x1b\]633;[^\x07]*\x07/g;

export interface ConsoleOptions {
  world: ShellWorld;
  host: ShellHost;
  /** Everything the console prints (shell-integration marks removed), for `docker logs`. */
  log(text: string): void;
  /** The main process ended (`exit` typed): the container stops. */
  exit(code: number): void;
}

export class ContainerConsole implements AttachableConsole {
  private readonly session: ShellSession;
  private viewer: ((text: string) => void) | undefined;
  private ended = false;
  private readonly exitListeners: ((code: number) => void)[] = [];

  constructor(options: ConsoleOptions) {
    this.session = new ShellSession({
      world: options.world,
      host: options.host,
      cols: 80,
      rows: 24,
      output: (text) => {
        this.viewer?.(text);
        const plain = text.replace(SHELL_MARK, '');
        if (plain) options.log(plain);
      },
      exit: (code) => {
        this.ended = true;
        options.exit(code);
        for (const listener of this.exitListeners.splice(0)) listener(code);
      },
    });
    this.session.start();
  }

  get running(): boolean {
    return !this.ended;
  }

  /** Keystrokes into the console (a scenario typing, or an attached terminal). */
  write(data: string): void {
    this.session.write(data);
  }

  resize(cols: number, rows: number): void {
    this.session.resize(cols, rows);
  }

  onExit(listener: (code: number) => void): void {
    if (this.ended) listener(0);
    else this.exitListeners.push(listener);
  }

  /** Shows the console's output to one terminal (the last one attached wins, as with one TTY). */
  attach(viewer: (text: string) => void): () => void {
    this.viewer = viewer;
    return () => {
      if (this.viewer === viewer) this.viewer = undefined;
    };
  }

  close(): void {
    this.session.close();
  }
}
