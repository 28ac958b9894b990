// Runs parsed command lines: expansion, redirections, pipes, `&&`/`||`/`;`,
// background jobs, and the lookup of commands in the registry.
import type {
  Command,
  CommandContext,
  ExecOptions,
  HostContext,
  InputStream,
  JobInfo,
  OutputStream,
  ShellControl,
  TerminalInfo,
} from './command.js';
import { FileSystem, fsErrorText } from './fs.js';
import { jobLine } from './job-line.js';
import { literal, parseLine, type Connector, type Pipeline, type SimpleCommand, type Word } from './parser.js';
import type { CommandRegistry } from './registry.js';
import { CallbackOutput, CaptureOutput, InterruptSignal, Pipe, sleepUnlessInterrupted, TextInput } from './streams.js';
import type { TimerId } from '../sim/clock.js';
import type { NetNamespace } from '../sim/net/namespace.js';

/** A machine a shell can run on: its context for commands and its files. */
export interface ShellHost {
  context: HostContext;
  fs: FileSystem;
  /** `~` */
  home: string;
  /** Where an interactive shell starts: `/root` on hosts, `/` in containers. */
  startDir: string;
  /** Interface and container names offered by tab completion. */
  completionWords?(): string[];
  /** A PID for a new process (a background job); the world's process table decides. */
  spawnPid?(command: string): number;
}

export interface ShellClock {
  now(): number;
  wallTimeMs(): number;
  setTimer(ms: number, callback: () => void): TimerId;
  clearTimer(id: TimerId): void;
}

/** A container's console as `docker attach` reaches it (`./console.ts` implements it). */
export interface AttachableConsole {
  /** False once its shell has exited. */
  readonly running: boolean;
  /** Keys typed into the console. */
  write(data: string): void;
  /** Shows the console's output to a viewer until the returned function is called. */
  attach(viewer: (text: string) => void): () => void;
  onExit(listener: (code: number) => void): void;
}

/** What the shell needs from the lab: time, the hosts it can reach, and the commands they can run. */
export interface ShellWorld {
  clock: ShellClock;
  /** Every command of the lab; each host's `installed` narrows it. */
  commands: CommandRegistry;
  host(id: string): ShellHost | undefined;
  /** The same host seen from another network namespace (`nsenter -n`, `ip netns exec`). */
  inNetns(host: ShellHost, netns: NetNamespace): ShellHost;
  /** A container's console, when its main process is a shell on a terminal. */
  console?(hostId: string): AttachableConsole | undefined;
}

export interface CommandIO {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  interrupt: InterruptSignal;
}

/** Hooks into the terminal the shell runs in. */
export interface ShellTerminal {
  info(): TerminalInfo;
  /** Runs a nested interactive shell in this terminal until it exits. */
  interactive(host: ShellHost): Promise<number>;
  /** Forwards this terminal to a console until Ctrl-P Ctrl-Q or the console's shell exits. */
  attach(console: AttachableConsole): Promise<number | 'detached'>;
  history(): string[];
}

interface Job extends JobInfo {
  promise: Promise<number>;
  interrupt: InterruptSignal;
  /** True once its Done line was shown. */
  reported: boolean;
}

const EXIT_NOT_FOUND = 127;

export class Shell {
  readonly variables: Record<string, string>;
  readonly exported = new Set<string>(['HOME', 'PATH', 'HOSTNAME', 'TERM', 'USER', 'PWD', 'SHLVL']);
  lastStatus = 0;
  cwd: string;
  /** Set by `exit`: the status this shell ends with. */
  exitStatus: number | undefined;
  private readonly jobList: Job[] = [];

  constructor(
    readonly world: ShellWorld,
    readonly host: ShellHost,
    private readonly terminal: ShellTerminal,
  ) {
    this.cwd = host.startDir;
    this.variables = {
      HOME: host.home,
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOSTNAME: host.context.hostname,
      TERM: 'xterm-256color',
      USER: 'root',
      PWD: this.cwd,
      SHLVL: '1',
    };
  }

  /** Runs one command line to its end (background parts keep running). */
  async runLine(line: string, io: CommandIO): Promise<number> {
    const parsed = parseLine(line);
    if (!parsed.ok) {
      io.stderr.write(parsed.error + '\n');
      this.lastStatus = 2;
      return 2;
    }
    // The connector before an item decides whether it runs, as in bash: `a || b && c`.
    let previous: Connector = ';';
    for (const item of parsed.items) {
      const runs =
        previous === ';' || previous === '&' || (previous === '&&' ? this.lastStatus === 0 : this.lastStatus !== 0);
      if (runs) {
        // bash shows a job as typed; for `cmd &` alone that is the whole line.
        if (item.connector === '&') this.startJob(item.pipeline, parsed.items.length === 1 ? line.trim().replace(/\s*&$/, '') : undefined, io);
        else this.lastStatus = await this.runPipeline(item.pipeline, io);
      }
      if (this.exitStatus !== undefined) break;
      previous = item.connector;
    }
    return this.lastStatus;
  }

  /** Done/Exit lines for background jobs that finished since the last prompt. */
  finishedJobNotices(): string {
    let text = '';
    for (const job of this.jobList) {
      if (job.state !== 'Running' && !job.reported) {
        job.reported = true;
        text += jobLine(job, this.jobList) + '\n';
      }
    }
    this.pruneJobs();
    return text;
  }

  /** Interrupts every background job (the terminal closes). */
  stopJobs(): void {
    for (const job of this.jobList) job.interrupt.fire();
  }

  private pruneJobs(): void {
    for (let i = this.jobList.length - 1; i >= 0; i--) if (this.jobList[i].reported) this.jobList.splice(i, 1);
  }

  private startJob(pipeline: Pipeline, typed: string | undefined, io: CommandIO): void {
    const id = this.jobList.reduce((max, j) => Math.max(max, j.id), 0) + 1;
    const command = typed ?? describePipeline(pipeline);
    const pid = this.host.spawnPid?.(command) ?? 1000 + id;
    const interrupt = new InterruptSignal();
    // A job killed with SIGTERM dies silently: nothing it writes afterwards shows.
    const gate = (out: OutputStream): OutputStream => ({ isTTY: out.isTTY, write: (text) => job.state !== 'Terminated' && out.write(text) });
    const jobIO: CommandIO = { stdin: new TextInput(), stdout: gate(io.stdout), stderr: gate(io.stderr), interrupt };
    const job: Job = {
      id,
      pid,
      command,
      state: 'Running',
      interrupt,
      reported: false,
      promise: Promise.resolve(0),
    };
    job.promise = this.runPipeline(pipeline, jobIO).then((code) => {
      job.state = job.state === 'Terminated' ? 'Terminated' : code === 0 ? 'Done' : 'Exit';
      job.exitCode = code;
      return code;
    });
    this.jobList.push(job);
    io.stderr.write(`[${id}] ${pid}\n`);
    this.lastStatus = 0;
  }

  private async runPipeline(pipeline: Pipeline, io: CommandIO): Promise<number> {
    const { commands } = pipeline;
    if (commands.length === 1) return this.runSimple(commands[0], io);
    const runs: Promise<number>[] = [];
    let input = io.stdin;
    for (let i = 0; i < commands.length; i++) {
      const last = i === commands.length - 1;
      const pipe = last ? undefined : new Pipe();
      const stageIO: CommandIO = { ...io, stdin: input, stdout: pipe ?? io.stdout };
      runs.push(this.runSimple(commands[i], stageIO).finally(() => pipe?.close()));
      if (pipe) input = pipe;
    }
    const codes = await Promise.all(runs);
    return codes[codes.length - 1];
  }

  /** Expands a word to one string: variables, `$(...)` (trailing newlines dropped), a leading `~`. */
  async expand(word: Word, io: CommandIO): Promise<string> {
    return (await this.expandParts(word, io)).map((p) => p.value).join('');
  }

  /** Expands a word into fields: unquoted expansions split on blanks, and vanish when empty, as in bash. */
  async expandFields(word: Word, io: CommandIO): Promise<string[]> {
    const fields: string[] = [];
    let current = '';
    let started = false;
    for (const part of await this.expandParts(word, io)) {
      if (!part.split) {
        current += part.value;
        started = true;
        continue;
      }
      const pieces = part.value.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0 && started) {
          fields.push(current);
          current = '';
          started = false;
        }
        if (piece !== '') {
          current += piece;
          started = true;
        }
      });
    }
    if (started) fields.push(current);
    return fields;
  }

  private async expandParts(word: Word, io: CommandIO): Promise<{ value: string; split: boolean }[]> {
    const out: { value: string; split: boolean }[] = [];
    for (const [index, part] of word.entries()) {
      if ('text' in part) {
        const value = index === 0 && (part.text === '~' || part.text.startsWith('~/')) ? this.host.home + part.text.slice(1) : part.text;
        out.push({ value, split: false });
      } else if ('variable' in part) {
        out.push({ value: this.variable(part.variable), split: part.split === true });
      } else {
        const capture = new CaptureOutput();
        const status = await this.runLine(part.substitution, { ...io, stdin: new TextInput(), stdout: capture });
        this.lastStatus = status;
        out.push({ value: capture.text.replace(/\n+$/, ''), split: part.split === true });
      }
    }
    return out;
  }

  private variable(name: string): string {
    if (name === '?') return String(this.lastStatus);
    if (name === '$') return String(this.host.context.pid);
    if (name === '#') return '0';
    if (name === '0') return 'bash';
    return this.variables[name] ?? '';
  }

  private async runSimple(command: SimpleCommand, io: CommandIO): Promise<number> {
    const argv: string[] = [];
    for (const word of command.words) argv.push(...(await this.expandFields(word, io)));
    const assignments: Record<string, string> = {};
    for (const a of command.assignments) assignments[a.name] = await this.expand(a.value, io);
    const redirected = await this.redirect(command, io);
    if (typeof redirected === 'string') {
      io.stderr.write(redirected);
      return 1;
    }
    try {
      if (argv.length === 0) {
        Object.assign(this.variables, assignments);
        return this.lastStatus;
      }
      return await this.runArgv(argv, redirected.io, this.host, assignments);
    } finally {
      redirected.flush();
    }
  }

  /** Applies `>`, `>>`, `<`, `2>&1`; files are written when the command ends. */
  private async redirect(
    command: SimpleCommand,
    io: CommandIO,
  ): Promise<{ io: CommandIO; flush: () => void } | string> {
    const result: CommandIO = { ...io };
    const flushes: (() => void)[] = [];
    for (const r of command.redirects) {
      const target = await this.expand(r.target, io);
      if (r.op === '>&') {
        if (target === '1') result.stderr = result.stdout;
        else if (target === '2') result.stdout = result.stderr;
        else return `bash: ${target}: ambiguous redirect\n`;
        continue;
      }
      const path = FileSystem.resolve(this.cwd, target, this.host.home);
      if (r.op === '<') {
        if (path === '/dev/null') {
          result.stdin = new TextInput();
          continue;
        }
        const content = this.host.fs.readFile(path);
        if (typeof content !== 'string') return `bash: ${target}: ${fsErrorText(content.error)}\n`;
        result.stdin = new TextInput(content);
        continue;
      }
      if (path === '/dev/null') {
        const sink = new CallbackOutput(() => {}, false);
        if (r.fd === 2) result.stderr = sink;
        else result.stdout = sink;
        continue;
      }
      const fs = this.host.fs;
      const error = fs.openForWrite(path, r.op === '>');
      if (error) return `bash: ${target}: ${fsErrorText(error)}\n`;
      let buffered = '';
      const sink = new CallbackOutput((text) => (buffered += text), false);
      flushes.push(() => {
        // A /proc file takes each write whole, as the kernel parses it.
        if (buffered) {
          const failed = fs.isGenerated(path) ? fs.writeFile(path, buffered) : fs.appendFile(path, buffered);
          if (failed) io.stderr.write(`bash: echo: write error: ${fsErrorText(failed)}\n`);
        }
        buffered = '';
      });
      if (r.fd === 2) result.stderr = sink;
      else result.stdout = sink;
    }
    return { io: result, flush: () => flushes.forEach((f) => f()) };
  }

  /** Finds and runs a command on `host`; never throws. */
  async runArgv(argv: string[], io: CommandIO, host: ShellHost, assignments: Record<string, string> = {}, cwd = this.cwd): Promise<number> {
    const name = argv[0];
    const command = this.lookup(name, host);
    if (!command) {
      io.stderr.write(
        name.includes('/') ? `bash: ${name}: No such file or directory\n` : `bash: ${name}: command not found\n`,
      );
      return EXIT_NOT_FOUND;
    }
    const ctx = this.context(command, argv, io, host, assignments, cwd);
    try {
      const code = await command.run(ctx);
      return Number.isInteger(code) ? code & 0xff : 1;
    } catch (err) {
      // A command bug must not take the shell down; say what happened as bash would.
      io.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }

  private lookup(name: string, host: ShellHost): Command | undefined {
    const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
    const command = this.world.commands.find(base);
    if (!command) return undefined;
    const installed = host.context.installed;
    if (installed.size > 0 && !installed.has(base) && !installed.has(command.name)) return undefined;
    if (name.includes('/') && !/^\/(usr\/)?(s?bin|local\/s?bin)\//.test(name)) return undefined;
    return command;
  }

  private environment(assignments: Record<string, string>): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of this.exported) if (name in this.variables) env[name] = this.variables[name];
    env.PWD = this.cwd;
    return Object.assign(env, assignments);
  }

  private context(
    command: Command,
    argv: string[],
    io: CommandIO,
    host: ShellHost,
    assignments: Record<string, string>,
    cwd: string,
  ): CommandContext {
    const clock = this.world.clock;
    const interrupt = io.interrupt;
    const env = { ...this.environment(assignments), PWD: cwd };
    return {
      argv,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      env,
      cwd,
      fs: host.fs,
      host: host.context,
      commands: this.world.commands,
      clock: {
        now: () => clock.now(),
        wallTimeMs: () => clock.wallTimeMs(),
        sleep: (ms) => sleepUnlessInterrupted(clock, interrupt, ms),
      },
      interrupted: interrupt,
      terminal: this.terminal.info(),
      exec: (args, options) => this.exec(args, io, host, cwd, options),
      shell: this.control(io, host, cwd, env),
    };
  }

  private exec(argv: string[], io: CommandIO, from: ShellHost, fromCwd: string, options: ExecOptions = {}): Promise<number> {
    let host = from;
    let cwd = fromCwd;
    if (options.host !== undefined) {
      const target = this.world.host(options.host);
      if (!target) {
        io.stderr.write(`no such host: ${options.host}\n`);
        return Promise.resolve(1);
      }
      host = target;
      cwd = target.startDir;
    }
    if (options.cwd !== undefined) cwd = options.cwd;
    if (options.netns !== undefined) host = this.world.inNetns(host, options.netns);
    if (argv.length === 0) return Promise.resolve(0);
    const execIO: CommandIO = {
      stdin: options.stdin ?? io.stdin,
      stdout: options.stdout ?? io.stdout,
      stderr: options.stderr ?? io.stderr,
      interrupt: io.interrupt,
    };
    return this.runArgv(argv, execIO, host, options.env ?? {}, cwd);
  }

  private control(io: CommandIO, host: ShellHost, cwd: string, env: Record<string, string>): ShellControl {
    return {
      history: () => this.terminal.history(),
      clearHistory: () => this.terminal.history().splice(0),
      lastStatus: () => this.lastStatus,
      jobs: () => this.jobList.map(({ id, pid, command, state, exitCode }) => ({ id, pid, command, state, exitCode })),
      terminateJob: (which) => {
        const job = this.jobList.find((j) => j.state === 'Running' && ('id' in which ? j.id === which.id : j.pid === which.pid));
        if (!job) return false;
        job.state = 'Terminated';
        job.interrupt.fire();
        return true;
      },
      exit: (status) => (this.exitStatus = status),
      setVariable: (name, value, exported) => {
        this.variables[name] = value;
        if (exported) this.exported.add(name);
      },
      unsetVariable: (name) => {
        delete this.variables[name];
        this.exported.delete(name);
      },
      variables: () => ({ ...this.variables }),
      chdir: (path) => {
        this.cwd = path;
        this.variables.PWD = path;
      },
      // `bash -c`: a child shell on the command's host, with its environment and directory.
      runLine: (line) => {
        const child = new Shell(this.world, host, this.terminal);
        Object.assign(child.variables, env);
        for (const name of Object.keys(env)) child.exported.add(name);
        child.cwd = cwd;
        return child.runLine(line, io);
      },
      attach: (hostId) => {
        const console = this.world.console?.(hostId);
        return console?.running ? this.terminal.attach(console) : undefined;
      },
      interactive: async (hostId, netns) => {
        const target = this.world.host(hostId);
        if (!target) return 1;
        const inNs = netns !== undefined && netns !== target.context.netns ? this.world.inNetns(target, netns) : target;
        return this.terminal.interactive(inNs);
      },
    };
  }
}

/** A job's text when the line held more than it: the pipeline's words. */
function describePipeline(pipeline: Pipeline): string {
  return pipeline.commands.map((c) => c.words.map(literal).join(' ')).join(' | ');
}

// cspell:words SHLVL
