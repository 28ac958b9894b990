// Runs one command against the simulated kernel without a shell: a context
// with the namespace, the world's clock, Ctrl-C on request, captured output.
import type { Command, CommandContext, Interrupt } from '../../../../src-main/core/shell/command.js';
import { FileSystem } from '../../../../src-main/core/shell/fs.js';
import { sleepUnlessInterrupted } from '../../../../src-main/core/shell/streams.js';
import type { NetNamespace } from '../../../../src-main/core/sim/net/namespace.js';
import type { World } from '../../../../src-main/core/sim/world.js';
import { createCommandRegistry } from '../../../../src-main/core/shell/commands/index.js';

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
  /** Lab ms the command took. */
  elapsed: number;
}

export interface RunOptions {
  world: World;
  ns: NetNamespace;
  fs?: FileSystem;
  /** Lab ms after which Ctrl-C is pressed. */
  interruptAfterMs?: number;
  /** Give up (and press Ctrl-C) after this much lab time. */
  limitMs?: number;
  /** Runs when the command has started, e.g. to send traffic while tcpdump listens. */
  during?: () => Promise<void>;
  exec?: CommandContext['exec'];
  /** Whether the command holds CAP_NET_ADMIN (default: yes, as a machine's root shell). */
  netAdmin?: boolean;
}

function interruptSignal(): Interrupt & { fire(): void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  const s = {
    signalled: false,
    promise,
    fire() {
      s.signalled = true;
      fire();
    },
  };
  return s;
}

export interface StartedCommand {
  /** Presses Ctrl-C. */
  interrupt(): void;
  readonly finished: boolean;
  done: Promise<RunResult>;
}

/** Starts a command without driving the clock: several can run at once (tcpdump while ping runs). */
export function startCommand(command: Command, argv: string[], options: Pick<RunOptions, 'world' | 'ns' | 'fs' | 'exec' | 'netAdmin'>): StartedCommand {
  const { world, ns } = options;
  const clock = world.clock;
  const interrupt = interruptSignal();
  let stdout = '';
  let stderr = '';
  const fs = options.fs ?? new FileSystem();
  fs.mkdir('/root');
  const ctx: CommandContext = {
    argv,
    stdin: { isTTY: true, readAll: async () => '', readLine: async () => null, lines: async function* () {} },
    stdout: { isTTY: true, write: (t) => void (stdout += t) },
    stderr: { isTTY: true, write: (t) => void (stderr += t) },
    env: {},
    cwd: '/root',
    fs,
    host: { id: ns.name, hostname: ns.machine.hostname, installed: new Set(), world, netns: ns, pid: 500, netAdmin: options.netAdmin ?? true },
    commands: createCommandRegistry(),
    clock: {
      now: () => clock.now(),
      sleep: (ms) => sleepUnlessInterrupted(clock, interrupt, ms),
    },
    interrupted: interrupt,
    terminal: { isTTY: true, cols: 120, rows: 40 },
    exec: options.exec ?? (async () => 127),
  } as CommandContext;
  const start = clock.now();
  const started: StartedCommand = {
    interrupt: () => interrupt.fire(),
    finished: false,
    done: command.run(ctx).then((status) => {
      (started as { finished: boolean }).finished = true;
      return { stdout, stderr, status, elapsed: clock.now() - start };
    }),
  };
  return started;
}

/** Runs a command to its end, driving the lab clock; Ctrl-C at `interruptAfterMs` or when nothing is left to wait for. */
export async function runCommand(command: Command, argv: string[], options: RunOptions): Promise<RunResult> {
  const clock = options.world.clock;
  const start = clock.now();
  const cmd = startCommand(command, argv, options);
  if (options.during) await options.during();
  const limit = start + (options.limitMs ?? 120_000);
  const interruptAt = options.interruptAfterMs !== undefined ? start + options.interruptAfterMs : Infinity;
  let interrupted = false;
  await clock.advance(0);
  while (!cmd.finished) {
    const due = clock.nextDue();
    const now = clock.now();
    if (now >= interruptAt || now >= limit || due === undefined) {
      if (!interrupted) {
        cmd.interrupt();
        interrupted = true;
      } else if (due === undefined) break;
    }
    const next = Math.min(due ?? Infinity, interruptAt > now ? interruptAt : Infinity, limit);
    await clock.advance(Math.max(0, next - clock.now()));
  }
  return cmd.done;
}
