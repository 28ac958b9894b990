// The process a network application runs as: it shows in `ps`, owns its
// sockets in `ss -p` (with file descriptors numbered from 3) and is gone when
// the application exits, closing every socket it held.
import type { NetNamespace } from '../net/namespace.js';
import type { Process } from '../world.js';
import { Transport, type ProcessRef } from './transport.js';

export interface AppProcess {
  pid: number;
  /** What sockets the program opens are attributed to (ss -p). */
  ref: ProcessRef;
  /** The process ends: its sockets close as the kernel closes a dead process's descriptors. */
  exit(): void;
}

/** Processes already handed to an application (a background job's PID is reused once). */
const claimed = new WeakSet<Process>();

/**
 * Starts (or adopts) the process for `argv` in `ns`, child of `ppid`. A shell
 * that put the command in the background has already created its process:
 * that one is used, as the job's PID must be the program's.
 */
export function startAppProcess(ns: NetNamespace, ppid: number, argv: string[]): AppProcess {
  const machine = ns.machine;
  const command = (argv[0] ?? '').split('/').pop() ?? '';
  const line = argv.join(' ');
  let process = [...machine.processes.values()].find(
    (p) => p.ppid === ppid && p.netns === ns && p.args.join(' ') === line && !claimed.has(p),
  );
  const adopted = process !== undefined;
  process ??= machine.spawn(command, { netns: ns, ppid, args: argv });
  claimed.add(process);
  const pid = process.pid;
  return {
    pid,
    ref: { command, pid },
    exit: () => {
      if (ns.transport instanceof Transport) ns.transport.closeProcessSockets(pid);
      if (!adopted) machine.kill(pid);
    },
  };
}

/** A command line a program refused: its status, and what it prints (help on stdout, errors on stderr). */
export interface Refusal {
  status: number;
  stdout?: string;
  stderr?: string;
}

interface Writer {
  write(text: string): void;
}

/** Prints a refusal and returns the exit status. */
export function printRefusal(io: { stdout: Writer; stderr: Writer }, refusal: Refusal): number {
  if (refusal.stdout) io.stdout.write(refusal.stdout);
  if (refusal.stderr) io.stderr.write(refusal.stderr);
  return refusal.status;
}
