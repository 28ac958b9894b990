// The interface every simulated command implements. One module per command
// under ./commands/, listed in the registry ./commands/index.ts builds.
// Commands never throw out of `run`: bad flags print the real tool's error and
// return its status.
import type { NetNamespace } from '../sim/net/namespace.js';
import type { World } from '../sim/world.js';
import type { DockerDaemon } from '../userspace/dockerd/daemon.js';
import type { FileSystem } from './fs.js';

export interface Command {
  /** What the learner types, e.g. `ip`, `python3`. */
  name: string;
  /** Other names that run the same command, e.g. `python` for `python3`. */
  aliases?: string[];
  /** One line for `help`. */
  summary: string;
  /** Synopsis as the real tool prints it. */
  usage: string;
  /** Text `man NAME` shows. */
  man: string;
  /** Words offered by tab completion after the command name (sub-commands, flags). */
  completions?: (words: string[], ctx: CompletionContext) => string[];
  run(ctx: CommandContext): Promise<number>;
}

/** The commands a shell knows, as builtins see them (`./registry.ts` implements it). */
export interface CommandLookup {
  /** Every command, in registration order. */
  all(): readonly Command[];
  /** A command by name or alias. */
  find(name: string): Command | undefined;
  /** The commands a host has: all of them unless its image names a subset. */
  installedOn(host: HostContext): Command[];
}

export interface CompletionContext {
  host: HostContext;
  /** Every command the shell knows (`man` completes their names). */
  commands: CommandLookup;
}

export interface InputStream {
  /** True when input comes from the terminal (no pipe or redirect). */
  readonly isTTY: boolean;
  /** Everything until end of input (Ctrl-D on a terminal, or Ctrl-C which ends it early). */
  readAll(): Promise<string>;
  /** One line without its `\n`, or null at end of input. */
  readLine(): Promise<string | null>;
  lines(): AsyncIterable<string>;
  /** The next piece of text as it arrives (line ends kept), or null at end of input; pipes and the terminal have it. */
  read?(): Promise<string | null>;
  /** The reader is done early (`head -3` has its lines): a pipe's writer then sees `broken`, as with SIGPIPE. */
  release?(): void;
}

export interface OutputStream {
  /** `\n` line ends; the terminal layer turns them into CR LF. */
  write(text: string): void;
  readonly isTTY: boolean;
  /** True once nobody reads any more (a pipe whose reader ended): an endless writer such as `yes` stops. */
  readonly broken?: boolean;
  /** Resolves once the reader has taken what was written down to one pipe buffer (or is gone): an endless writer waits on it. */
  drained?(): Promise<void>;
}

/** Resolves (and sets `signalled`) when the learner presses Ctrl-C. */
export interface Interrupt {
  readonly signalled: boolean;
  readonly promise: Promise<void>;
}

export interface CommandClock {
  /** Lab time in milliseconds. */
  now(): number;
  /** The wall-clock time the lab pretends it is (Unix ms), for printed timestamps; the shell always gives it. */
  wallTimeMs?(): number;
  /** Resolves after `ms` of lab time; resolves early when interrupted. */
  sleep(ms: number): Promise<void>;
}

export interface TerminalInfo {
  isTTY: boolean;
  cols: number;
  rows: number;
}

/** What a full-screen program (a pager) gets from the terminal in raw mode: keys as typed, or the new size. */
export type RawEvent = { keys: string } | { resize: { cols: number; rows: number } };

/** The terminal in raw mode: no echo, no line editing, Ctrl-C is a key like any other. */
export interface RawTerminal {
  /** The next keys or resize, or null once the command is stopped or the terminal closes. */
  next(): Promise<RawEvent | null>;
  /** Back to cooked mode (the line discipline echoes and collects lines again). */
  close(): void;
}

/** The machine a command runs on. */
export interface HostContext {
  /** Terminal/host id: `host`, `c1`, `web`, `host01`, ... */
  readonly id: string;
  /** As `hostname` prints it (`docker-host`, a container's short id, `host01`). */
  readonly hostname: string;
  /** Names of the commands installed here (a container's image decides). */
  readonly installed: ReadonlySet<string>;
  /** The simulated world the host is part of. */
  readonly world: World;
  /** The network namespace this command runs in. */
  readonly netns: NetNamespace;
  /** PID of the shell's process in the world (the parent of commands it runs). */
  readonly pid: number;
  /** The Docker daemon, present on the Docker host only. */
  readonly docker?: DockerDaemon;
  /** Whether commands here hold CAP_NET_ADMIN: a machine's root shell does, a container by default does not. */
  readonly netAdmin: boolean;
}

export interface ExecOptions {
  /** Run on another host (by id), e.g. `docker exec c1 ...`. */
  host?: string;
  /** Run in another network namespace of the same world, e.g. `nsenter -n`, `ip netns exec`. */
  netns?: NetNamespace;
  /** Run in another UTS namespace, known by its host name (`nsenter -u`). */
  hostname?: string;
  /** Working directory; default: the caller's, or the other host's start directory (`/` in a container). */
  cwd?: string;
  /** Extra environment variables (`docker run -e`), on top of the shell's exported ones. */
  env?: Record<string, string>;
  /** Input for the command; the caller's stdin when absent. */
  stdin?: InputStream;
  /** Output for the command; the caller's when absent. */
  stdout?: OutputStream;
  stderr?: OutputStream;
}

export interface CommandContext {
  /** argv[0] is the name as typed. */
  argv: string[];
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string>;
  cwd: string;
  fs: FileSystem;
  host: HostContext;
  /** Every command the shell knows; `host.installed` says which of them this host has. */
  commands: CommandLookup;
  clock: CommandClock;
  interrupted: Interrupt;
  terminal: TerminalInfo;
  /**
   * Puts the terminal in raw mode for this command, as a pager does with /dev/tty;
   * undefined when the command has no terminal or does not run in the foreground.
   */
  rawTerminal?(): RawTerminal | undefined;
  /** Runs another command line (argv, no shell syntax) and returns its exit status. */
  exec(argv: string[], options?: ExecOptions): Promise<number>;
  /** The shell running this command (builtins and `bash -c` use it); absent when a command runs on its own. */
  shell?: ShellControl;
}

export interface JobInfo {
  id: number;
  pid: number;
  command: string;
  state: 'Running' | 'Done' | 'Exit' | 'Terminated';
  exitCode?: number;
}

/** What shell builtins (cd, export, exit, history, jobs, bash -c) reach into. */
export interface ShellControl {
  history(): readonly string[];
  clearHistory(): void;
  /** `$?`: the status of the last command line part that finished. */
  lastStatus(): number;
  jobs(): readonly JobInfo[];
  /** Stops a background job (`kill %N` or its PID) as SIGTERM would; false when there is no such job. */
  terminateJob(job: { id: number } | { pid: number }): boolean;
  /** Ends this shell once the current command line has finished. */
  exit(status: number): void;
  /** Shell variables; `exported` ones are also the environment of commands. */
  setVariable(name: string, value: string, exported?: boolean): void;
  unsetVariable(name: string): void;
  variables(): Readonly<Record<string, string>>;
  chdir(path: string): void;
  /** Runs a command line (full shell syntax) in a child shell on the command's host, with its environment and streams. */
  runLine(line: string): Promise<number>;
  /**
   * Runs an interactive shell on `hostId` in this terminal until it exits
   * (`docker exec -it c1 bash`); in `netns` and under `hostname` when given (`nsenter -t PID -n -u`).
   */
  interactive(hostId: string, netns?: NetNamespace, hostname?: string): Promise<number>;
  /**
   * Connects this terminal to a container's console (`docker attach`) until
   * Ctrl-P Ctrl-Q (resolves 'detached') or its shell exits (resolves its status).
   * Undefined when the container has no console.
   */
  attach(hostId: string): Promise<number | 'detached'> | undefined;
}

/** A shell that is not there: for commands run outside a shell (unit tests of single commands). */
const NO_SHELL: ShellControl = {
  history: () => [],
  clearHistory: () => {},
  lastStatus: () => 0,
  jobs: () => [],
  terminateJob: () => false,
  exit: () => {},
  setVariable: () => {},
  unsetVariable: () => {},
  variables: () => ({}),
  chdir: () => {},
  runLine: async () => 127,
  interactive: async () => 1,
  attach: () => undefined,
};

export function shellOf(ctx: CommandContext): ShellControl {
  return ctx.shell ?? NO_SHELL;
}
