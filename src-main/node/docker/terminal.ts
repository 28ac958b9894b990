// An interactive terminal into a real lab host: a TTY exec in the lab host
// container over a hijacked Engine API stream. The shell's OSC 633 marks go
// through the same parser as the simulator's, and each finished command is
// handed to the backend as a record.
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import type { Disposable, TerminalSession, TerminalSize } from '../../core/lab/backend.js';
import { ShellIntegrationParser, type FinishedCommand } from '../../core/lab/shell-integration.js';
import { Emitter } from '../../core/lab/emitter.js';
import { execExitCode } from './exec.js';
import type { TerminalName } from '../../core/api/lab.js';

/** How long a freshly started exec may take to have its TTY (a loaded engine can take seconds). */
const RESIZE_DEADLINE_MS = 15_000;
/** First pause between refused resizes; it doubles up to RESIZE_MAX_PAUSE_MS. */
const RESIZE_FIRST_PAUSE_MS = 25;
const RESIZE_MAX_PAUSE_MS = 400;

export interface CommandTiming {
  startedAt: number;
  endedAt: number;
}

export interface TerminalHooks {
  now(): number;
  onCommand(command: FinishedCommand & CommandTiming): void;
}

export class DockerTerminal implements TerminalSession {
  private readonly data = new Emitter<Uint8Array>();
  private readonly exit = new Emitter<number>();
  private readonly decoder = new TextDecoder();
  private readonly parser: ShellIntegrationParser;
  private running = false;
  private startedAt = 0;
  private exited = false;
  /** The last size the screen asked for; an older one is not retried. */
  private wantedSize: TerminalSize | undefined;
  /** Output that came before anyone listened (the first prompt). */
  private pending: Uint8Array[] | undefined = [];

  private constructor(
    readonly name: TerminalName,
    private readonly exec: Dockerode.Exec,
    private readonly stream: Duplex,
    hooks: TerminalHooks,
  ) {
    this.parser = new ShellIntegrationParser(
      (finished) => {
        this.running = false;
        hooks.onCommand({ ...finished, startedAt: this.startedAt, endedAt: hooks.now() });
      },
      () => {
        this.running = true;
        this.startedAt = hooks.now();
      },
    );
    stream.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.parser.feed(this.decoder.decode(bytes, { stream: true }));
      if (this.pending && this.data.size === 0) this.pending.push(bytes);
      else this.data.emit(bytes);
    });
    const ended = () => void this.finish();
    stream.on('end', ended);
    stream.on('close', ended);
    stream.on('error', ended);
  }

  static async open(
    container: Dockerode.Container,
    name: TerminalName,
    cmd: string[],
    size: TerminalSize,
    hooks: TerminalHooks,
  ): Promise<DockerTerminal> {
    const exec = await container.exec({
      Cmd: cmd,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      // USER as a root login on the Docker host sets it (docker exec sets none); containers entered from there get none, as with docker exec.
      Env: ['TERM=xterm-256color', 'USER=root', `COLUMNS=${size.cols}`, `LINES=${size.rows}`],
      WorkingDir: '/root',
    });
    const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
    const terminal = new DockerTerminal(name, exec, stream, hooks);
    // Handed out only once the TTY has its size: a command typed before that
    // would see 0 columns (ss, for one, then prints its compact layout).
    terminal.wantedSize = size;
    await terminal.applySize(size);
    return terminal;
  }

  get busy(): boolean {
    return this.running;
  }

  /** True once the shell printed its first prompt and waits for input. */
  get idle(): boolean {
    return this.parser.idle;
  }

  write(data: string): void {
    if (!this.exited) this.stream.write(data);
  }

  resize(size: TerminalSize): void {
    this.wantedSize = size;
    void this.applySize(size);
  }

  /**
   * The exec may not have its TTY yet right after start, and then the engine
   * refuses the resize; without a retry the shell keeps 0x0. Retries with a
   * growing pause while this is still the size the screen wants.
   */
  private async applySize(size: TerminalSize): Promise<void> {
    const deadline = Date.now() + RESIZE_DEADLINE_MS;
    for (let pause = RESIZE_FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, RESIZE_MAX_PAUSE_MS)) {
      if (this.exited || this.wantedSize !== size) return;
      try {
        await this.exec.resize({ h: size.rows, w: size.cols });
        return;
      } catch {
        if (Date.now() + pause > deadline) return;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  onData(listener: (chunk: Uint8Array) => void): Disposable {
    const subscription = this.data.on(listener);
    const pending = this.pending;
    this.pending = undefined;
    for (const chunk of pending ?? []) listener(chunk);
    return subscription;
  }

  onExit(listener: (exitCode: number) => void): Disposable {
    return this.exit.on(listener);
  }

  private async finish(): Promise<void> {
    if (this.exited) return;
    this.exited = true;
    this.running = false;
    const code = await execExitCode(this.exec).catch(() => -1);
    this.exit.emit(code);
  }

  dispose(): void {
    if (this.exited) return;
    // The engine keeps an exec running when its client goes away, so end the shell from inside:
    // Ctrl-C stops what runs in the foreground, Ctrl-D at the empty prompt exits bash (a container's
    // shell first, and with it the `docker exec` that ran it).
    this.stream.write('\x03');
    setTimeout(() => this.stream.write('\x04'), 50);
    setTimeout(() => {
      this.stream.end();
      this.stream.destroy();
      void this.finish();
    }, 300);
  }
}
