// The shell's interpreter: bash's statements (lists, pipelines, loops, `if`,
// `case`, functions, subshells), redirections, background jobs, the builtins
// that reach into it, and the lookup of commands in the registry.
import type {
  Command as ShellCommand,
  CommandContext,
  ExecOptions,
  HostContext,
  InputStream,
  Interrupt,
  JobInfo,
  OutputStream,
  RawTerminal,
  ShellControl,
  TerminalInfo,
} from './command.js';
import { FileSystem, fsErrorText } from './fs.js';
import { jobLine } from './job-line.js';
import type { CommandRegistry } from './registry.js';
import { CallbackOutput, CaptureOutput, InterruptSignal, Pipe, sleepUnlessInterrupted, TextInput } from './streams.js';
import { ArithmeticError } from './bash/arith.js';
import { binaryTest, evaluateTestArgs, unaryTest } from './bash/conditions.js';
import { ensureAllocatable, ExpansionError, VALUE_LIMIT, WordExpander, type ExpansionScope } from './bash/expansion.js';
import { matchPattern } from './bash/pattern.js';
import {
  list,
  nodeType,
  parseScript,
  scriptSyntaxError,
  sourceBetween,
  tokenText,
  type ArithmCmd,
  type Assign,
  type BinaryCmd,
  type BinaryTest,
  type Block,
  type CallExpr,
  type CaseClause,
  type Command,
  type CStyleLoop,
  type DeclClause,
  type ForClause,
  type FuncDecl,
  type IfClause,
  type LetClause,
  type Lit,
  type ParenTest,
  type Redirect,
  type Stmt,
  type TestClause,
  type TestExpr,
  type UnaryTest,
  type WhileClause,
  type Word,
  type WordIter,
} from './bash/syntax.js';
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
  /** Raw mode for the foreground command whose Ctrl-C is `interrupt`; undefined for any other (a background job). */
  raw(interrupt: Interrupt): RawTerminal | undefined;
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
const EXIT_NOT_EXECUTABLE = 126;
const EXIT_SYNTAX = 2;
const EXIT_INTERRUPTED = 130;

/** `break N` / `continue N` leaving loops. */
class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}
/** `return` out of a function or sourced file. */
class ReturnControl {
  constructor(readonly status: number) {}
}
/** `exit`, `set -e`, or an error that ends the shell's current work. */
class ExitControl {
  constructor(readonly status: number) {}
}
/** Ctrl-C, or the step limit: the command line stops here. */
class AbortControl {
  constructor(readonly status: number) {}
}

/** `set -o` options the interpreter honours. */
interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  pipefail: boolean;
}

/** A function: its body and the script it was defined in. */
interface ShellFunction {
  body: Stmt;
  source: string;
}

/** Variables `local` saved, restored when the function returns. */
type LocalFrame = Map<string, { value?: string; array?: string[] }>;

export class Shell implements ExpansionScope {
  readonly variables: Record<string, string>;
  readonly arrays = new Map<string, string[]>();
  readonly exported = new Set<string>(['HOME', 'PATH', 'HOSTNAME', 'TERM', 'USER', 'PWD', 'SHLVL']);
  readonly functions = new Map<string, ShellFunction>();
  readonly options: ShellOptions = { errexit: false, nounset: false, xtrace: false, pipefail: false };
  lastStatus = 0;
  /** False for a shell running a script (`bash -c`): errors name their line and end it. */
  interactive = true;
  cwd: string;
  /** Set by `exit`: the status this shell ends with. */
  exitStatus: number | undefined;
  /** Statements run before the command line stops (protects tests from endless loops); unlimited when undefined. */
  stepLimit: number | undefined;
  private steps = 0;
  /** Where the running statement starts in the script (its line appears in a script's error messages). */
  private statementOffset = 0;
  /** Loops the running statement is inside (`break` outside one is only a warning). */
  private loopDepth = 0;
  /** The script the running nodes were parsed from (job names, error messages quote it). */
  private source = '';
  private positionalParams: string[] = [];
  private readonly localFrames: LocalFrame[] = [];
  /** Depth of contexts where a failure does not trigger `set -e` (conditions, `&&` lists, `!`). */
  private errexitSuppressed = 0;
  private lastBackgroundPid: number | undefined;
  private randomSeed: number;
  private readonly jobList: Job[];
  private readonly expander = new WordExpander(this);

  constructor(
    readonly world: ShellWorld,
    readonly host: ShellHost,
    private readonly terminal: ShellTerminal,
    jobs: Job[] = [],
  ) {
    this.cwd = host.startDir;
    this.jobList = jobs;
    this.randomSeed = host.context.pid;
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

  get nounset(): boolean {
    return this.options.nounset;
  }
  get fs(): FileSystem {
    return this.host.fs;
  }
  get home(): string {
    return this.host.home;
  }

  /** Runs one command line (or script) to its end; background parts keep running. Never throws. */
  async runLine(line: string, io: CommandIO): Promise<number> {
    const parsed = parseScript(line);
    if (!parsed.ok) {
      // `bash -c` names itself and the line, as a script does; the prompt says only what went wrong.
      io.stderr.write(this.interactive ? parsed.error + '\n' : scriptSyntaxError(parsed.error, parsed.where, 'bash: -c'));
      this.lastStatus = EXIT_SYNTAX;
      return EXIT_SYNTAX;
    }
    return this.runTopLevel(parsed.stmts, line, io);
  }

  private async runTopLevel(stmts: Stmt[], source: string, io: CommandIO): Promise<number> {
    this.steps = 0;
    this.source = source;
    try {
      await this.runStmts(stmts, io);
    } catch (err) {
      this.lastStatus = this.statusOfControl(err, io);
    }
    return this.lastStatus;
  }

  /** The status an escaping control transfer or error leaves; unknown errors are reported, never rethrown. */
  private statusOfControl(err: unknown, io: CommandIO): number {
    if (err instanceof ExitControl) {
      this.exitStatus = err.status;
      return err.status;
    }
    if (err instanceof AbortControl) return err.status;
    if (err instanceof ReturnControl) return err.status;
    if (err instanceof LoopControl) return this.lastStatus;
    if (err instanceof ExpansionError && !this.interactive) {
      // A script (`bash -c`) names the line and ends there, as bash does.
      io.stderr.write(`${err.message.replace(/^bash: /, `bash: line ${this.currentLine()}: `)}\n`);
      this.exitStatus = EXIT_NOT_FOUND;
      return EXIT_NOT_FOUND;
    }
    if (err instanceof ExpansionError || err instanceof ArithmeticError) {
      io.stderr.write(err instanceof ArithmeticError ? `bash: ${err.message}\n` : `${err.message}\n`);
      return err instanceof ExpansionError ? err.status : 1;
    }
    io.stderr.write(`bash: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
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

  // ---- variables -------------------------------------------------------------

  getVariable(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.lastStatus);
      case '$':
        return String(this.host.context.pid);
      case '#':
        return String(this.positionalParams.length);
      case '0':
        return 'bash';
      case '!':
        return this.lastBackgroundPid === undefined ? undefined : String(this.lastBackgroundPid);
      case '-':
        return (this.options.errexit ? 'e' : '') + (this.options.nounset ? 'u' : '') + (this.options.xtrace ? 'x' : '') + 'hB';
      case '@':
      case '*':
        return this.positionalParams.join(' ');
      case 'RANDOM':
        return String(this.nextRandom());
      case 'SECONDS':
        return String(Math.floor(this.world.clock.now() / 1000));
    }
    if (/^[1-9][0-9]*$/.test(name)) return this.positionalParams[Number(name) - 1];
    const array = this.arrays.get(name);
    if (array) return array[0];
    return this.variables[name];
  }

  getArray(name: string): string[] | undefined {
    return this.arrays.get(name);
  }

  setVariable(name: string, value: string): void {
    if (name === 'RANDOM') {
      this.randomSeed = Number(value) | 0;
      return;
    }
    const array = this.arrays.get(name);
    if (array) array[0] = value;
    else this.variables[name] = value;
    if (name === 'PWD') this.cwd = value;
  }

  positional(): string[] {
    return this.positionalParams;
  }

  /** bash's RANDOM: a seeded 16-bit generator (the same values for the same seed). */
  private nextRandom(): number {
    // Park-Miller minimal standard, as bash 5 uses.
    let seed = this.randomSeed === 0 ? 123459876 : this.randomSeed;
    const hi = Math.floor(seed / 127773);
    const lo = seed % 127773;
    seed = 16807 * lo - 2836 * hi;
    if (seed < 0) seed += 2147483647;
    this.randomSeed = seed;
    return ((seed >> 16) ^ (seed & 0xffff)) & 32767;
  }

  private unsetName(name: string): void {
    delete this.variables[name];
    this.arrays.delete(name);
    this.exported.delete(name);
  }

  /** `local NAME`: remember the outer value so the function's return restores it. */
  private makeLocal(name: string): void {
    const frame = this.localFrames[this.localFrames.length - 1];
    if (!frame || frame.has(name)) return;
    frame.set(name, { value: this.variables[name], array: this.arrays.get(name) });
  }

  // ---- statements ------------------------------------------------------------

  /** Counts a step, stops on Ctrl-C or the step limit, and gives the event loop a turn now and then. */
  private async step(io: CommandIO, yieldNow = false): Promise<void> {
    this.steps++;
    if (io.interrupt.signalled) throw new AbortControl(EXIT_INTERRUPTED);
    if (this.stepLimit !== undefined && this.steps > this.stepLimit) {
      io.stderr.write('bash: too many steps: command line stopped\n');
      throw new AbortControl(1);
    }
    if (yieldNow) {
      await sleepUnlessInterrupted(this.world.clock, io.interrupt, 0);
      // A loop writing into a full pipe waits for its reader, so the pipe stays one buffer long.
      if (io.stdout.drained) await Promise.race([io.stdout.drained(), io.interrupt.promise]);
      if (io.interrupt.signalled) throw new AbortControl(EXIT_INTERRUPTED);
    }
  }

  private async runStmts(stmts: Stmt[] | null, io: CommandIO): Promise<number> {
    for (const stmt of list(stmts)) {
      await this.runStmt(stmt, io);
      if (this.exitStatus !== undefined) throw new ExitControl(this.exitStatus);
    }
    return this.lastStatus;
  }

  private async runStmt(stmt: Stmt, io: CommandIO): Promise<number> {
    await this.step(io);
    this.statementOffset = stmt.Position;
    if (stmt.Background) {
      this.startJob(stmt, io);
      return 0;
    }
    const redirected = await this.redirect(list(stmt.Redirs), io);
    if (typeof redirected === 'string') {
      io.stderr.write(redirected);
      this.lastStatus = 1;
      return 1;
    }
    let status: number;
    try {
      if (stmt.Negated) this.errexitSuppressed++;
      try {
        status = stmt.Cmd ? await this.runCommand(stmt.Cmd, redirected.io) : this.lastStatus;
      } finally {
        if (stmt.Negated) this.errexitSuppressed--;
      }
    } finally {
      redirected.flush();
    }
    if (stmt.Negated) status = status === 0 ? 1 : 0;
    this.lastStatus = status;
    if (io.interrupt.signalled) throw new AbortControl(EXIT_INTERRUPTED);
    if (status !== 0 && this.options.errexit && this.errexitSuppressed === 0 && !stmt.Negated && stmt.Cmd && triggersErrexit(stmt.Cmd)) {
      throw new ExitControl(status);
    }
    return status;
  }

  private async runCommand(cmd: Command, io: CommandIO): Promise<number> {
    switch (nodeType(cmd)) {
      case 'CallExpr':
        return this.runCall(cmd as CallExpr, io);
      case 'BinaryCmd':
        return this.runBinary(cmd as BinaryCmd, io);
      case 'Block':
        return this.runStmts((cmd as Block).Stmts, io);
      case 'Subshell':
        return this.subshell((child) => child.runStmts((cmd as Block).Stmts, io), io);
      case 'IfClause':
        return this.runIf(cmd as IfClause, io);
      case 'WhileClause':
        return this.runWhile(cmd as WhileClause, io);
      case 'ForClause':
        return this.runFor(cmd as ForClause, io);
      case 'CaseClause':
        return this.runCase(cmd as CaseClause, io);
      case 'FuncDecl': {
        const decl = cmd as FuncDecl;
        this.functions.set(decl.Name.Value, { body: decl.Body, source: this.source });
        return 0;
      }
      case 'ArithmCmd': {
        const arith = cmd as ArithmCmd;
        try {
          return (await this.expander.arith(arith.X)) !== 0n ? 0 : 1;
        } catch (err) {
          if (!(err instanceof ArithmeticError)) throw err;
          io.stderr.write(`bash: ((: ${this.sourceBetween(arith.Left + 2, arith.Right)}: ${err.message}\n`);
          return 1;
        }
      }
      case 'LetClause': {
        let value = 0n;
        for (const expr of list((cmd as LetClause).Exprs)) value = await this.expander.arith(expr);
        return value !== 0n ? 0 : 1;
      }
      case 'TestClause':
        return (await this.conditional((cmd as TestClause).X, io)) ? 0 : 1;
      case 'DeclClause':
        return this.runDecl(cmd as DeclClause, io);
      case 'TimeClause': {
        const timed = cmd as unknown as { Stmt: Stmt | null };
        return timed.Stmt ? this.runStmt(timed.Stmt, io) : 0;
      }
      default:
        io.stderr.write(`bash: ${nodeType(cmd)}: not supported by this shell\n`);
        return EXIT_SYNTAX;
    }
  }

  private async runBinary(cmd: BinaryCmd, io: CommandIO): Promise<number> {
    const op = tokenText(cmd.Op);
    if (op === '&&' || op === '||') {
      this.errexitSuppressed++;
      let left: number;
      try {
        left = await this.runStmt(cmd.X, io);
      } finally {
        this.errexitSuppressed--;
      }
      if (op === '&&' ? left !== 0 : left === 0) return left;
      return this.runStmt(cmd.Y, io);
    }
    return this.runPipeline(cmd, io);
  }

  /** `a | b | c`: every part in a subshell, connected by pipes; `|&` also pipes stderr. */
  private async runPipeline(cmd: BinaryCmd, io: CommandIO): Promise<number> {
    const stages: { stmt: Stmt; withStderr: boolean }[] = [];
    const collect = (node: Stmt, withStderr: boolean): void => {
      const inner = node.Cmd;
      if (inner && nodeType(inner) === 'BinaryCmd' && ['|', '|&'].includes(tokenText((inner as BinaryCmd).Op)) && !node.Negated && list(node.Redirs).length === 0) {
        const pipe = inner as BinaryCmd;
        collect(pipe.X, tokenText(pipe.Op) === '|&');
        collect(pipe.Y, withStderr);
      } else stages.push({ stmt: node, withStderr });
    };
    collect(cmd.X, tokenText(cmd.Op) === '|&');
    collect(cmd.Y, false);
    const runs: Promise<number>[] = [];
    let input = io.stdin;
    for (let i = 0; i < stages.length; i++) {
      const last = i === stages.length - 1;
      const pipe = last ? undefined : new Pipe();
      const stageIO: CommandIO = { ...io, stdin: input, stdout: pipe ?? io.stdout, stderr: pipe && stages[i].withStderr ? pipe : io.stderr };
      const stage = stages[i].stmt;
      const reading = i > 0 && input instanceof Pipe ? input : undefined;
      if (input instanceof Pipe && pipe) input.feeds(pipe);
      // The writer's end closes when it finishes; the reader finishing is the writer's SIGPIPE.
      runs.push(this.subshell((child) => child.runStmt(stage, stageIO), stageIO).finally(() => {
        pipe?.close();
        reading?.release();
      }));
      if (pipe) input = pipe;
    }
    const codes = await Promise.all(runs);
    this.arrays.set('PIPESTATUS', codes.map(String));
    if (this.options.pipefail) return [...codes].reverse().find((c) => c !== 0) ?? 0;
    return codes[codes.length - 1];
  }

  private async runIf(cmd: IfClause, io: CommandIO): Promise<number> {
    for (let clause: IfClause | null = cmd; clause; clause = clause.Else) {
      if (list(clause.Cond).length === 0) return this.runStmts(clause.Then, io);
      if ((await this.condition(clause.Cond, io)) === 0) return this.runStmts(clause.Then, io);
    }
    return 0;
  }

  private async condition(stmts: Stmt[] | null, io: CommandIO): Promise<number> {
    this.errexitSuppressed++;
    try {
      return await this.runStmts(stmts, io);
    } finally {
      this.errexitSuppressed--;
    }
  }

  /** Runs a loop body; returns 'break' when the loop must end. */
  private async loopBody(stmts: Stmt[] | null, io: CommandIO): Promise<'next' | 'break'> {
    await this.step(io, true);
    this.loopDepth++;
    try {
      await this.runStmts(stmts, io);
    } catch (err) {
      if (!(err instanceof LoopControl)) throw err;
      if (err.levels > 1) {
        err.levels--;
        throw err;
      }
      return err.kind === 'break' ? 'break' : 'next';
    } finally {
      this.loopDepth--;
    }
    return 'next';
  }

  private async runWhile(cmd: WhileClause, io: CommandIO): Promise<number> {
    let status = 0;
    for (;;) {
      await this.step(io, true);
      const cond = await this.condition(cmd.Cond, io);
      if (cmd.Until ? cond === 0 : cond !== 0) break;
      const outcome = await this.loopBody(cmd.Do, io);
      status = this.lastStatus;
      if (outcome === 'break') break;
    }
    return status;
  }

  private async runFor(cmd: ForClause, io: CommandIO): Promise<number> {
    let status = 0;
    if (nodeType(cmd.Loop) === 'CStyleLoop') {
      const loop = cmd.Loop as CStyleLoop;
      if (loop.Init) await this.expander.arith(loop.Init);
      for (;;) {
        await this.step(io, true);
        if (loop.Cond && (await this.expander.arith(loop.Cond)) === 0n) break;
        const outcome = await this.loopBody(cmd.Do, io);
        status = this.lastStatus;
        if (outcome === 'break') break;
        if (loop.Post) await this.expander.arith(loop.Post);
      }
      return status;
    }
    const iter = cmd.Loop as WordIter;
    const name = iter.Name.Value;
    const items = iter.InPos >= 0 || list(iter.Items).length > 0 ? await this.expander.fields(list(iter.Items)) : [...this.positionalParams];
    for (const item of items) {
      this.setVariable(name, item);
      const outcome = await this.loopBody(cmd.Do, io);
      status = this.lastStatus;
      if (outcome === 'break') break;
    }
    return status;
  }

  private async runCase(cmd: CaseClause, io: CommandIO): Promise<number> {
    const word = await this.expander.string(cmd.Word);
    const items = list(cmd.Items);
    for (let i = 0; i < items.length; i++) {
      let matched = false;
      for (const pattern of list(items[i].Patterns)) {
        if (matchPattern(await this.expander.pattern(pattern), word)) {
          matched = true;
          break;
        }
      }
      if (!matched) continue;
      let status = await this.runStmts(items[i].Stmts, io);
      // `;&` falls into the next body; `;;&` tests the next patterns.
      let op = tokenText(items[i].Op);
      while (op === ';&' && i + 1 < items.length) {
        i++;
        status = await this.runStmts(items[i].Stmts, io);
        op = tokenText(items[i].Op);
      }
      if (op !== ';;&') return status;
    }
    return 0;
  }

  // ---- simple commands ---------------------------------------------------------

  private async runCall(call: CallExpr, io: CommandIO): Promise<number> {
    const argv = await this.expander.fields(list(call.Args));
    const assigns = list(call.Assigns);
    if (argv.length === 0) {
      // Only assignments: they set shell variables; the status is that of the last command substitution.
      const before = this.lastStatus;
      this.lastStatus = 0;
      for (const assign of assigns) await this.assign(assign, io);
      const status = this.lastStatus;
      this.lastStatus = before;
      return status;
    }
    const prefix: Record<string, string> = {};
    for (const assign of assigns) {
      if (assign.Name) prefix[assign.Name.Value] = await this.expander.string(assign.Value);
    }
    this.trace(io, [...Object.entries(prefix).map(([k, v]) => `${k}=${v}`), ...argv]);
    return this.runArgvHere(argv, io, prefix);
  }

  private async assign(assign: Assign, io: CommandIO): Promise<void> {
    const name = assign.Name?.Value ?? '';
    if (assign.Array) {
      const values: string[] = [];
      for (const elem of list(assign.Array.Elems)) {
        for (const field of await this.expander.fields(elem.Value ? [elem.Value] : [])) values.push(field);
      }
      const current = assign.Append ? (this.arrays.get(name) ?? (this.variables[name] !== undefined ? [this.variables[name]] : [])) : [];
      // Each element costs its text and a pointer, as bash's own array cells do.
      ensureAllocatable([...current, ...values].reduce((size, value) => size + value.length + 8, 0));
      delete this.variables[name];
      this.arrays.set(name, [...current, ...values]);
      this.trace(io, [`${name}=(${values.join(' ')})`]);
      return;
    }
    const value = await this.expander.string(assign.Value);
    this.trace(io, [`${name}${assign.Append ? '+' : ''}=${value}`]);
    if (assign.Index) {
      const index = Number(await this.expander.arith(assign.Index));
      const array = this.arrays.get(name) ?? (this.variables[name] !== undefined ? [this.variables[name]] : []);
      delete this.variables[name];
      array[index < 0 ? array.length + index : index] = assign.Append ? (array[index] ?? '') + value : value;
      this.arrays.set(name, array);
      return;
    }
    const before = assign.Append ? (this.getVariable(name) ?? '') : '';
    ensureAllocatable(before.length + value.length);
    this.setVariable(name, before + value);
  }

  /** `local`, `declare`, `export`, `readonly`: assignments become NAME=VALUE arguments of the builtin. */
  private async runDecl(decl: DeclClause, io: CommandIO): Promise<number> {
    const argv = [decl.Variant.Value];
    const arrays: Assign[] = [];
    for (const arg of list(decl.Args)) {
      if (arg.Naked) {
        if (arg.Name) argv.push(arg.Name.Value);
        else if (arg.Value) argv.push(...(await this.expander.fields([arg.Value])));
      } else if (arg.Array) {
        arrays.push(arg);
        argv.push(arg.Name?.Value ?? '');
      } else {
        argv.push(`${arg.Name?.Value ?? ''}=${await this.expander.string(arg.Value)}`);
      }
    }
    this.trace(io, argv);
    const status = await this.runArgvHere(argv, io, {});
    for (const arg of arrays) await this.assign(arg, io);
    return status;
  }

  /** `set -x`: the command as expanded, after `+ `. */
  private trace(io: CommandIO, words: string[]): void {
    if (!this.options.xtrace) return;
    const quoted = words.map((w) => (w === '' ? "''" : /[\s'"\\$`*?[\]|&;<>(){}#~]/.test(w) ? `'${w.replace(/'/g, "'\\''")}'` : w));
    io.stderr.write(`+ ${quoted.join(' ')}\n`);
  }

  /** Runs argv in this shell: functions, the interpreter's builtins, then the commands of the host. */
  private async runArgvHere(argv: string[], io: CommandIO, prefix: Record<string, string>): Promise<number> {
    const name = argv[0];
    const fn = this.functions.get(name);
    if (fn || INTERPRETER_BUILTINS.has(name)) {
      // `IFS=: read ...`, `X=1 f`: the assignments hold while the builtin or function runs.
      const saved = Object.keys(prefix).map((key) => [key, this.variables[key]] as const);
      Object.assign(this.variables, prefix);
      try {
        return fn ? await this.callFunction(fn, argv, io) : ((await this.runBuiltin(argv, io)) ?? 0);
      } finally {
        for (const [key, value] of saved) {
          if (value === undefined) delete this.variables[key];
          else this.variables[key] = value;
        }
      }
    }
    const status = await this.runArgv(argv, io, this.host, prefix);
    if (io.interrupt.signalled) return EXIT_INTERRUPTED;
    return status;
  }

  private async callFunction(fn: ShellFunction, argv: string[], io: CommandIO): Promise<number> {
    if (this.localFrames.length >= 1000) {
      io.stderr.write(`bash: ${argv[0]}: maximum function nesting level exceeded (1000)\n`);
      throw new AbortControl(1);
    }
    const saved = this.positionalParams;
    this.positionalParams = argv.slice(1);
    const frame: LocalFrame = new Map();
    this.localFrames.push(frame);
    try {
      return await this.withSource(fn.source, () => this.runStmt(fn.body, io));
    } catch (err) {
      if (err instanceof ReturnControl) return err.status;
      throw err;
    } finally {
      this.localFrames.pop();
      for (const [name, old] of frame) {
        this.unsetName(name);
        if (old.array) this.arrays.set(name, old.array);
        else if (old.value !== undefined) this.variables[name] = old.value;
      }
      this.positionalParams = saved;
    }
  }

  /** Runs `body` in a copy of this shell (subshell, pipeline part, `$(...)`): its variables and directory stay there. */
  private async subshell(body: (child: Shell) => Promise<number>, io: CommandIO): Promise<number> {
    const child = this.fork();
    try {
      await body(child);
      return child.lastStatus;
    } catch (err) {
      if (err instanceof AbortControl) throw err;
      return child.statusOfControl(err, io);
    }
  }

  private fork(): Shell {
    const child = new Shell(this.world, this.host, this.terminal, this.jobList);
    Object.assign(child.variables, this.variables);
    for (const [name, values] of this.arrays) child.arrays.set(name, [...values]);
    for (const name of this.exported) child.exported.add(name);
    for (const [name, body] of this.functions) child.functions.set(name, body);
    Object.assign(child.options, this.options);
    child.cwd = this.cwd;
    child.interactive = this.interactive;
    child.source = this.source;
    child.lastStatus = this.lastStatus;
    child.positionalParams = [...this.positionalParams];
    child.stepLimit = this.stepLimit === undefined ? undefined : Math.max(0, this.stepLimit - this.steps);
    child.randomSeed = this.randomSeed;
    child.lastBackgroundPid = this.lastBackgroundPid;
    return child;
  }

  /** `$(...)`: the output of the statements run in a subshell. */
  async substitute(stmts: Stmt[]): Promise<string> {
    const capture = new BoundedCapture();
    const io = this.currentIO;
    const interrupt = io?.interrupt ?? new InterruptSignal();
    const subIO: CommandIO = { stdin: new TextInput(), stdout: capture, stderr: io?.stderr ?? capture, interrupt };
    capture.onOverflow = () => interrupt.fire();
    this.lastStatus = await this.subshell((child) => child.runStmts(stmts, subIO), subIO);
    if (capture.overflowed) throw new ExpansionError('bash: xmalloc: cannot allocate memory for command substitution');
    return capture.text;
  }

  /** The streams of the command being expanded (command substitutions write errors there). */
  private currentIO: CommandIO | undefined;

  /** Runs `body` with `text` as the script its nodes were parsed from. */
  private async withSource<T>(text: string, body: () => Promise<T>): Promise<T> {
    const saved = this.source;
    this.source = text;
    try {
      return await body();
    } finally {
      this.source = saved;
    }
  }

  private currentLine(): number {
    return sourceBetween(this.source, 0, this.statementOffset).split('\n').length;
  }

  sourceBetween(from: number, to: number): string {
    return sourceBetween(this.source, from, to);
  }

  private startJob(stmt: Stmt, io: CommandIO): void {
    const id = this.jobList.reduce((max, j) => Math.max(max, j.id), 0) + 1;
    const command = this.sourceBetween(stmt.Position, stmt.Semicolon).replace(/\s*&$/, '').trim();
    const pid = this.host.spawnPid?.(command) ?? 1000 + id;
    const interrupt = new InterruptSignal();
    // A job killed with SIGTERM dies silently: nothing it writes afterwards shows.
    const gate = (out: OutputStream): OutputStream => ({ isTTY: out.isTTY, write: (text) => job.state !== 'Terminated' && out.write(text) });
    const jobIO: CommandIO = { stdin: new TextInput(), stdout: gate(io.stdout), stderr: gate(io.stderr), interrupt };
    const job: Job = { id, pid, command, state: 'Running', interrupt, reported: false, promise: Promise.resolve(0) };
    const foreground: Stmt = { ...stmt, Background: false };
    job.promise = this.subshell((child) => child.runStmt(foreground, jobIO), jobIO)
      .catch(() => EXIT_INTERRUPTED)
      .then((code) => {
        job.state = job.state === 'Terminated' ? 'Terminated' : code === 0 ? 'Done' : 'Exit';
        job.exitCode = code;
        return code;
      });
    this.jobList.push(job);
    this.lastBackgroundPid = pid;
    io.stderr.write(`[${id}] ${pid}\n`);
    this.lastStatus = 0;
  }

  // ---- redirections ------------------------------------------------------------

  /** Applies `>`, `>>`, `<`, `2>&1`, `&>`, here-documents; files are written when the command ends. */
  private async redirect(redirs: Redirect[], io: CommandIO): Promise<{ io: CommandIO; flush: () => void } | string> {
    this.currentIO = io;
    const result: CommandIO = { ...io };
    const flushes: (() => void)[] = [];
    const setFd = (fd: number, stream: InputStream | OutputStream): void => {
      if (fd === 0) result.stdin = stream as InputStream;
      else if (fd === 1) result.stdout = stream as OutputStream;
      else result.stderr = stream as OutputStream;
    };
    for (const r of redirs) {
      const op = tokenText(r.Op);
      const fd = r.N ? Number(r.N.Value) : ['<', '<>', '<&', '<<', '<<-', '<<<'].includes(op) ? 0 : 1;
      if (fd > 2) return `bash: ${fd}: Bad file descriptor\n`;
      if (op === '<<' || op === '<<-') {
        const literal = list(r.Word?.Parts).some((p) => nodeType(p) !== 'Lit') || list(r.Word?.Parts).some((p) => /\\/.test((p as Lit).Value));
        setFd(fd, new TextInput(await this.expander.heredoc(r.Hdoc, literal, op === '<<-')));
        continue;
      }
      if (op === '<<<') {
        setFd(fd, new TextInput((await this.expander.string(r.Word)) + '\n'));
        continue;
      }
      const fields = await this.expander.fields(r.Word ? [r.Word] : []);
      if (fields.length !== 1) return `bash: ${r.Word ? sourceWord(r.Word) : ''}: ambiguous redirect\n`;
      const target = fields[0];
      if (op === '>&' || op === '<&') {
        if (target === '-') continue;
        if (/^[0-9]+$/.test(target)) {
          const from = Number(target);
          if (from > 2) return `bash: ${target}: Bad file descriptor\n`;
          setFd(fd, from === 0 ? result.stdin : from === 1 ? result.stdout : result.stderr);
          continue;
        }
        if (op === '<&') return `bash: ${target}: ambiguous redirect\n`;
      }
      const path = FileSystem.resolve(this.cwd, target, this.host.home);
      if (op === '<' || op === '<>') {
        if (path === '/dev/null') {
          setFd(fd, new TextInput());
          continue;
        }
        const content = this.host.fs.readFile(path);
        if (typeof content !== 'string') return `bash: ${target}: ${fsErrorText(content.error)}\n`;
        setFd(fd, new TextInput(content));
        continue;
      }
      const both = op === '&>' || op === '&>>' || (op === '>&' && !r.N);
      let sink: OutputStream;
      if (path === '/dev/null') sink = new CallbackOutput(() => {}, false);
      else if (path === '/dev/stdout' || path === '/dev/stderr') sink = path === '/dev/stdout' ? result.stdout : result.stderr;
      else {
        const fs = this.host.fs;
        const error = fs.openForWrite(path, op === '>' || op === '>|' || op === '&>' || op === '>&');
        if (error) return `bash: ${target}: ${fsErrorText(error)}\n`;
        let buffered = '';
        sink = new CallbackOutput((text) => (buffered += text), false);
        flushes.push(() => {
          // A /proc file takes each write whole, as the kernel parses it.
          if (buffered) {
            const failed = fs.isGenerated(path) ? fs.writeFile(path, buffered) : fs.appendFile(path, buffered);
            if (failed) io.stderr.write(`bash: echo: write error: ${fsErrorText(failed)}\n`);
          }
          buffered = '';
        });
      }
      if (both) {
        result.stdout = sink;
        result.stderr = sink;
      } else setFd(fd, sink);
    }
    return { io: result, flush: () => flushes.forEach((f) => f()) };
  }

  // ---- conditionals --------------------------------------------------------------

  private async conditional(expr: TestExpr, io: CommandIO): Promise<boolean> {
    switch (nodeType(expr)) {
      case 'ParenTest':
        return this.conditional((expr as ParenTest).X, io);
      case 'UnaryTest': {
        const unary = expr as UnaryTest;
        const op = tokenText(unary.Op);
        if (op === '!') return !(await this.conditional(unary.X, io));
        const operand = await this.expander.string(unary.X as Word);
        return unaryTest(op, operand, this, (name) => this.getVariable(name) !== undefined);
      }
      case 'BinaryTest': {
        const binary = expr as BinaryTest;
        const op = tokenText(binary.Op);
        if (op === '&&') return (await this.conditional(binary.X, io)) && this.conditional(binary.Y, io);
        if (op === '||') return (await this.conditional(binary.X, io)) || this.conditional(binary.Y, io);
        const left = await this.expander.string(binary.X as Word);
        if (op === '==' || op === '=' || op === '!=') {
          const matched = matchPattern(await this.expander.pattern(binary.Y as Word), left);
          return op === '!=' ? !matched : matched;
        }
        if (op === '=~') return this.regexMatch(left, await this.expander.regex(binary.Y as Word));
        const right = await this.expander.string(binary.Y as Word);
        if (['-eq', '-ne', '-lt', '-le', '-gt', '-ge'].includes(op)) {
          const l = await this.expander.arithmetic.valueOf(left);
          const r = await this.expander.arithmetic.valueOf(right);
          return binaryTest(op, String(l), String(r));
        }
        return binaryTest(op, left, right);
      }
      default:
        return (await this.expander.string(expr as Word)) !== '';
    }
  }

  /** `[[ s =~ re ]]`: an extended regular expression; quoted parts match literally; groups land in BASH_REMATCH. */
  private regexMatch(text: string, source: string): boolean {
    let re: RegExp;
    try {
      re = new RegExp(posixClasses(source));
    } catch {
      return false;
    }
    const m = re.exec(text);
    if (!m) {
      this.arrays.delete('BASH_REMATCH');
      return false;
    }
    this.arrays.set('BASH_REMATCH', [...m].map((g) => g ?? ''));
    return true;
  }

  // ---- builtins the interpreter owns ---------------------------------------------

  /** Builtins that reach into the interpreter (loops, functions, variables); undefined for other names. */
  private async runBuiltin(argv: string[], io: CommandIO): Promise<number | undefined> {
    const [name, ...args] = argv;
    switch (name) {
      case ':':
        return 0;
      case 'break':
      case 'continue': {
        if (this.loopDepth === 0) {
          io.stderr.write(`bash: ${name}: only meaningful in a \`for', \`while', or \`until' loop\n`);
          return 0;
        }
        const levels = args.length ? Number(args[0]) : 1;
        if (!Number.isInteger(levels) || levels < 1) {
          io.stderr.write(`bash: ${name}: ${args[0]}: loop count out of range\n`);
          return 1;
        }
        throw new LoopControl(name, levels);
      }
      case 'return': {
        if (this.localFrames.length === 0) {
          io.stderr.write("bash: return: can only `return' from a function or sourced script\n");
          return 1;
        }
        const status = args.length ? Number(args[0]) : this.lastStatus;
        if (!Number.isInteger(status)) {
          io.stderr.write(`bash: return: ${args[0]}: numeric argument required\n`);
          throw new ReturnControl(2);
        }
        throw new ReturnControl(status & 0xff);
      }
      case 'local':
        if (this.localFrames.length === 0) {
          io.stderr.write('bash: local: can only be used in a function\n');
          return 1;
        }
        return this.declare(name, args, io, true);
      case 'declare':
      case 'typeset':
        return this.declare(name, args, io, this.localFrames.length > 0);
      case 'set':
        return this.set(args, io);
      case 'shift': {
        const n = args.length ? Number(args[0]) : 1;
        if (!Number.isInteger(n) || n < 0) {
          io.stderr.write(`bash: shift: ${args[0]}: numeric argument required\n`);
          return 1;
        }
        if (n > this.positionalParams.length) return 1;
        this.positionalParams = this.positionalParams.slice(n);
        return 0;
      }
      case 'eval': {
        const parsed = parseScript(args.join(' '));
        if (!parsed.ok) {
          io.stderr.write(parsed.error.replace(/^bash:/, 'bash: eval:') + '\n');
          return EXIT_SYNTAX;
        }
        return this.withSource(args.join(' '), () => this.runStmts(parsed.stmts, io));
      }
      case 'source':
      case '.':
        return this.sourceFile(name, args, io);
      case 'read':
        return this.read(args, io);
      case 'test':
      case '[':
        return this.test(name, args, io);
      case 'type':
        return this.type(args, io);
      case 'unset':
        for (const arg of args) {
          if (arg === '-v' || arg === '-f') continue;
          if (args.includes('-f')) this.functions.delete(arg);
          else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(arg)) {
            io.stderr.write(`bash: unset: \`${arg}': not a valid identifier\n`);
            return 1;
          } else this.unsetName(arg);
        }
        return 0;
      default:
        return undefined;
    }
  }

  private declare(name: string, args: string[], io: CommandIO, local: boolean): number {
    let exported = false;
    let array = false;
    let status = 0;
    for (const arg of args) {
      if (/^[-+][a-zA-Z]+$/.test(arg)) {
        if (arg.includes('x')) exported = arg.startsWith('-');
        if (arg.includes('a')) array = true;
        continue;
      }
      const eq = arg.indexOf('=');
      const variable = eq < 0 ? arg : arg.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
        io.stderr.write(`bash: ${name}: \`${arg}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (local) this.makeLocal(variable);
      if (eq >= 0) {
        this.arrays.delete(variable);
        this.variables[variable] = arg.slice(eq + 1);
      } else if (local) {
        delete this.variables[variable];
        this.arrays.delete(variable);
        if (array) this.arrays.set(variable, []);
      } else if (array && !this.arrays.has(variable)) this.arrays.set(variable, []);
      if (exported) this.exported.add(variable);
    }
    if (args.length === 0 && !local) {
      for (const key of Object.keys(this.variables).sort()) io.stdout.write(`${key}=${quoteValue(this.variables[key])}\n`);
    }
    return status;
  }

  private set(args: string[], io: CommandIO): number {
    const names: Record<string, keyof ShellOptions> = { e: 'errexit', u: 'nounset', x: 'xtrace' };
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--' || arg === '-') {
        this.positionalParams = args.slice(i + 1);
        return 0;
      }
      if (arg === '-o' || arg === '+o') {
        const option = args[++i];
        if (option === undefined) {
          for (const [key, on] of Object.entries(this.options)) io.stdout.write(`${key.padEnd(15)}\t${on ? 'on' : 'off'}\n`);
          return 0;
        }
        if (!(option in this.options)) {
          io.stderr.write(`bash: set: ${option}: invalid option name\n`);
          return 1;
        }
        this.options[option as keyof ShellOptions] = arg === '-o';
        continue;
      }
      if (/^[-+][a-zA-Z]+$/.test(arg)) {
        for (const letter of arg.slice(1)) {
          const option = names[letter];
          if (!option) {
            if ('bfhkmnptvBCEHPT'.includes(letter)) continue;
            io.stderr.write(`bash: set: ${arg.slice(0, 1)}${letter}: invalid option\nset: usage: set [-abefhkmnptuvxBCHP] [-o option-name] [--] [arg ...]\n`);
            return EXIT_SYNTAX;
          }
          this.options[option] = arg.startsWith('-');
        }
        continue;
      }
      this.positionalParams = args.slice(i);
      return 0;
    }
    if (args.length === 0) {
      for (const key of Object.keys(this.variables).sort()) io.stdout.write(`${key}=${quoteValue(this.variables[key])}\n`);
    }
    return 0;
  }

  private async sourceFile(name: string, args: string[], io: CommandIO): Promise<number> {
    if (args.length === 0) {
      io.stderr.write(`bash: ${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`);
      return EXIT_SYNTAX;
    }
    const content = this.host.fs.readFile(FileSystem.resolve(this.cwd, args[0], this.host.home));
    if (typeof content !== 'string') {
      io.stderr.write(`bash: ${args[0]}: ${fsErrorText(content.error)}\n`);
      return 1;
    }
    const parsed = parseScript(content);
    if (!parsed.ok) {
      io.stderr.write(parsed.error.replace(/^bash:/, `bash: ${args[0]}:`) + '\n');
      return EXIT_SYNTAX;
    }
    const saved = this.positionalParams;
    if (args.length > 1) this.positionalParams = args.slice(1);
    this.localFrames.push(new Map());
    try {
      return await this.withSource(content, () => this.runStmts(parsed.stmts, io));
    } catch (err) {
      if (err instanceof ReturnControl) return err.status;
      throw err;
    } finally {
      this.localFrames.pop();
      if (args.length > 1) this.positionalParams = saved;
    }
  }

  /** `read [-r] [-p PROMPT] [-a ARRAY] [-d DELIM] [-n N] [-s] [-t T] [NAME...]`. */
  private async read(args: string[], io: CommandIO): Promise<number> {
    let raw = false;
    let arrayName: string | undefined;
    let delimiter = '\n';
    let count: number | undefined;
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (!arg.startsWith('-') || arg === '-' || names.length > 0) {
        names.push(arg);
        continue;
      }
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j];
        if (flag === 'r') raw = true;
        else if (flag === 's' || flag === 'e') continue;
        else if ('padnNt'.includes(flag)) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          if (value === undefined) {
            io.stderr.write(`bash: read: -${flag}: option requires an argument\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n`);
            return EXIT_SYNTAX;
          }
          if (flag === 'p') {
            if (io.stdin.isTTY) io.stderr.write(value);
          } else if (flag === 'a') arrayName = value;
          else if (flag === 'd') delimiter = value.slice(0, 1) || '\0';
          else if (flag === 'n' || flag === 'N') count = Number(value);
          break;
        } else {
          io.stderr.write(`bash: read: -${flag}: invalid option\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n`);
          return EXIT_SYNTAX;
        }
      }
    }
    for (const n of [...names, ...(arrayName ? [arrayName] : [])]) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) {
        io.stderr.write(`bash: read: \`${n}': not a valid identifier\n`);
        return 1;
      }
    }
    // Read a line (or up to the delimiter), joining lines that end in a backslash unless -r.
    let text = '';
    let ended = false;
    for (;;) {
      const line = delimiter === '\n' ? await io.stdin.readLine() : await this.readUntil(io.stdin, delimiter);
      if (line === null) {
        ended = true;
        break;
      }
      if (!raw && /(^|[^\\])(\\\\)*\\$/.test(line)) {
        text += line.slice(0, -1);
        continue;
      }
      text += line;
      break;
    }
    if (io.interrupt.signalled) return EXIT_INTERRUPTED;
    if (count !== undefined) text = text.slice(0, count);
    if (!raw) text = text.replace(/\\([\s\S])/g, '$1');
    const ifs = this.getVariable('IFS') ?? ' \t\n';
    const fields = splitForRead(text, ifs, arrayName ? Infinity : Math.max(1, names.length));
    if (arrayName) this.arrays.set(arrayName, fields);
    else if (names.length === 0) this.setVariable('REPLY', text);
    else names.forEach((n, i) => this.setVariable(n, fields[i] ?? ''));
    return ended && text === '' ? 1 : ended ? 1 : 0;
  }

  private async readUntil(input: InputStream, delimiter: string): Promise<string | null> {
    const all = await input.readAll();
    if (all === '') return null;
    const at = all.indexOf(delimiter);
    return at < 0 ? all : all.slice(0, at);
  }

  private test(name: string, args: string[], io: CommandIO): number {
    if (name === '[') {
      if (args[args.length - 1] !== ']') {
        io.stderr.write("bash: [: missing `]'\n");
        return EXIT_SYNTAX;
      }
      args = args.slice(0, -1);
    }
    try {
      return evaluateTestArgs(args, this, (v) => this.getVariable(v) !== undefined) ? 0 : 1;
    } catch (err) {
      io.stderr.write(`bash: ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      return EXIT_SYNTAX;
    }
  }

  private type(args: string[], io: CommandIO): number {
    let status = 0;
    for (const arg of args) {
      if (KEYWORDS.has(arg)) io.stdout.write(`${arg} is a shell keyword\n`);
      else if (this.functions.has(arg)) io.stdout.write(`${arg} is a function\n`);
      else if (SHELL_BUILTINS.has(arg)) io.stdout.write(`${arg} is a shell builtin\n`);
      else if (this.lookup(arg, this.host)) io.stdout.write(`${arg} is /usr/bin/${arg}\n`);
      else {
        io.stderr.write(`bash: type: ${arg}: not found\n`);
        status = 1;
      }
    }
    return status;
  }

  /** Finds and runs a command on `host`; never throws. */
  async runArgv(argv: string[], io: CommandIO, host: ShellHost, assignments: Record<string, string> = {}, cwd = this.cwd): Promise<number> {
    const name = argv[0];
    const command = this.lookup(name, host);
    if (!command) {
      if (name.includes('/')) {
        const path = FileSystem.resolve(cwd, name, host.home);
        if (host.fs.isDirectory(path)) return this.notRunnable(io, `bash: ${name}: Is a directory`, EXIT_NOT_EXECUTABLE);
        if (host.fs.exists(path)) return this.notRunnable(io, `bash: ${name}: Permission denied`, EXIT_NOT_EXECUTABLE);
        return this.notRunnable(io, `bash: ${name}: No such file or directory`, EXIT_NOT_FOUND);
      }
      return this.notRunnable(io, `bash: ${name}: command not found`, EXIT_NOT_FOUND);
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

  private notRunnable(io: CommandIO, message: string, status: number): number {
    io.stderr.write(message + '\n');
    return status;
  }

  private lookup(name: string, host: ShellHost): ShellCommand | undefined {
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
    command: ShellCommand,
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
      rawTerminal: () => this.terminal.raw(interrupt),
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
    if (options.hostname !== undefined) host = underHostname(host, options.hostname);
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
        child.interactive = false;
        Object.assign(child.variables, env);
        for (const name of Object.keys(env)) child.exported.add(name);
        child.cwd = cwd;
        return child.runLine(line, io);
      },
      attach: (hostId) => {
        const console = this.world.console?.(hostId);
        return console?.running ? this.terminal.attach(console) : undefined;
      },
      interactive: async (hostId, netns, hostname) => {
        const target = this.world.host(hostId);
        if (!target) return 1;
        const inNs = netns !== undefined && netns !== target.context.netns ? this.world.inNetns(target, netns) : target;
        return this.terminal.interactive(hostname === undefined ? inNs : underHostname(inNs, hostname));
      },
    };
  }
}

/** The same host seen from another UTS namespace (`nsenter -u`): only the host name differs. */
function underHostname(host: ShellHost, hostname: string): ShellHost {
  return { ...host, context: { ...host.context, hostname } };
}

/** Commands whose failure ends the shell under `set -e` (compound commands leave it to their parts). */
function triggersErrexit(cmd: Command): boolean {
  const type = nodeType(cmd);
  if (type === 'BinaryCmd') return !['&&', '||'].includes(tokenText((cmd as BinaryCmd).Op));
  return ['CallExpr', 'Subshell', 'ArithmCmd', 'TestClause', 'DeclClause', 'LetClause'].includes(type);
}

/** Output of `$(...)`, bounded so a runaway command (`$(yes)`) cannot exhaust memory. */
class BoundedCapture extends CaptureOutput {
  static readonly LIMIT = VALUE_LIMIT;
  overflowed = false;
  onOverflow: () => void = () => {};
  override write(text: string): void {
    if (this.overflowed) return;
    if (this.text.length + text.length > BoundedCapture.LIMIT) {
      this.overflowed = true;
      this.onOverflow();
      return;
    }
    super.write(text);
  }
}

/** A value as `set` and `declare` print it. */
function quoteValue(value: string): string {
  return /^[A-Za-z0-9_./:@%+,=-]*$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/** `read`'s field splitting: at most `count` fields, the last one takes the rest of the line. */
function splitForRead(text: string, ifs: string, count: number): string[] {
  const white = [...ifs].filter((c) => /\s/.test(c)).join('');
  const isWhite = (c: string): boolean => white.includes(c);
  const isSep = (c: string): boolean => ifs.includes(c);
  let i = 0;
  while (i < text.length && isWhite(text[i])) i++;
  const fields: string[] = [];
  while (i < text.length) {
    if (fields.length === count - 1) {
      let rest = text.slice(i);
      while (rest.length > 0 && isWhite(rest[rest.length - 1])) rest = rest.slice(0, -1);
      fields.push(rest);
      return fields;
    }
    let field = '';
    while (i < text.length && !isSep(text[i])) field += text[i++];
    fields.push(field);
    while (i < text.length && isWhite(text[i])) i++;
    if (i < text.length && isSep(text[i]) && !isWhite(text[i])) {
      i++;
      while (i < text.length && isWhite(text[i])) i++;
    }
  }
  return fields;
}

/** POSIX bracket classes (`[[:digit:]]`) in an extended regular expression, for JavaScript's engine. */
function posixClasses(re: string): string {
  const classes: Record<string, string> = { alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t', xdigit: '0-9A-Fa-f', punct: '!-\\/:-@\\[-`{-~' };
  return re.replace(/\[:([a-z]+):\]/g, (m, name: string) => classes[name] ?? m);
}

/** A word's literal text, for messages (`ambiguous redirect`). */
function sourceWord(word: Word): string {
  return list(word.Parts)
    .map((p) => (nodeType(p) === 'Lit' ? (p as Lit).Value : nodeType(p) === 'ParamExp' ? `$${(p as unknown as { Param: Lit }).Param.Value}` : ''))
    .join('');
}

/** bash's reserved words (`type`, completion). */
export const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]']);

/** Builtins that live in the interpreter (they change its variables, positional parameters or control flow). */
const INTERPRETER_BUILTINS = new Set([':', 'break', 'continue', 'return', 'local', 'declare', 'typeset', 'set', 'shift', 'eval', 'source', '.', 'read', 'test', '[', 'type', 'unset']);

/** Every shell builtin: the interpreter's and the builtin commands of the registry. */
export const SHELL_BUILTINS = new Set([...INTERPRETER_BUILTINS, 'let', 'export', 'readonly', 'cd', 'echo', 'exit', 'true', 'false', 'jobs', 'kill', 'history', 'help', 'pwd']);

// cspell:words SHLVL
