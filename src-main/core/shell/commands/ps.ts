import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';
import type { Process } from '../../sim/world.js';

/** CPU time as ps prints it; lab processes use next to none. */
const TIME = '00:00:00';

function hhmm(wallMs: number): string {
  const d = new Date(wallMs);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** procps ps: the session's processes, `-e`/`-ef`/`aux` for all. */
export const ps: Command = {
  name: 'ps',
  summary: 'report a snapshot of the current processes',
  usage: 'ps [options]',
  man: 'ps - report a snapshot of the current processes\n\n  ps       this shell and its children\n  ps -e    every process   ps -ef  full format   ps aux  BSD user format\nIn a container only its own processes are visible, numbered from 1 as in its PID namespace.',
  async run(ctx) {
    if (printedHelp(ctx, ps)) return 0;
    const ns = ctx.host.netns;
    const args = ctx.argv.slice(1).join(' ');
    const bsd = /^a?u?x$|^aux$|^ax$/.test(args);
    const full = /f/.test(args) && args.startsWith('-');
    const every = bsd || /^-[a-zA-Z]*[eA]/.test(args);
    if (args !== '' && !bsd && !/^-[efA]+$/.test(args)) {
      ctx.stderr.write(`error: unsupported option (BSD syntax)\n\nUsage:\n ps [options]\n`);
      return 1;
    }
    const machine = ns.machine;
    const self = machine.spawn('ps', { netns: ns, ppid: ctx.host.pid, args: ctx.argv });
    try {
      const inContainer = ns !== machine.rootNs;
      let procs = [...machine.processes.values()].filter((p) => !inContainer || p.netns === ns).sort((a, b) => a.pid - b.pid);
      // A container's PID namespace numbers its processes from 1.
      const pidOf = new Map<number, number>(procs.map((p, i) => [p.pid, inContainer ? i + 1 : p.pid]));
      const shown = (p: Process): number => pidOf.get(p.pid) ?? 0;
      if (!every) procs = procs.filter((p) => p.pid === ctx.host.pid || p.ppid === ctx.host.pid);
      const sinceStart = (p: Process): string => hhmm((ctx.clock.wallTimeMs?.() ?? ctx.clock.now()) - ctx.clock.now() + p.startedAt);
      if (bsd) {
        ctx.stdout.write('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
        for (const p of procs) {
          ctx.stdout.write(`${p.user.padEnd(8)} ${String(shown(p)).padStart(7)}  0.0  0.0   4628  3780 ?        Ss   ${sinceStart(p)}   0:00 ${p.args.join(' ')}\n`);
        }
      } else if (full) {
        ctx.stdout.write('UID          PID    PPID  C STIME TTY          TIME CMD\n');
        for (const p of procs) {
          ctx.stdout.write(`${p.user.padEnd(8)} ${String(shown(p)).padStart(7)} ${String(pidOf.get(p.ppid) ?? 0).padStart(7)}  0 ${sinceStart(p)} ?        ${TIME} ${p.args.join(' ')}\n`);
        }
      } else {
        ctx.stdout.write('    PID TTY          TIME CMD\n');
        for (const p of procs) ctx.stdout.write(`${String(shown(p)).padStart(7)} ${(every ? '?' : 'pts/0').padEnd(8)} ${TIME} ${p.command}\n`);
      }
      return 0;
    } finally {
      machine.kill(self.pid);
    }
  },
};

// cspell:words procps procs STIME
