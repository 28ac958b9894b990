import { shellOf, type Command } from '../command.js';
import { printedHelp } from './help-option.js';

/** bash's kill builtin: `kill [-s SIG | -SIG] %JOB | PID ...`. */
export const kill: Command = {
  name: 'kill',
  summary: 'send a signal to a job or process',
  usage: 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]',
  man: 'kill - stop a background job (%1) or a process (PID)\n\nThe signal is SIGTERM unless given (-9, -KILL, -s INT); a job started with & ends and `jobs` shows it Terminated.',
  async run(ctx) {
    if (printedHelp(ctx, kill, 'builtin')) return 0;
    const args = ctx.argv.slice(1);
    if (args[0] === '-s' || args[0] === '-n') args.splice(0, 2);
    else if (args[0]?.startsWith('-') && args[0] !== '--') args.shift();
    if (args.length === 0) {
      ctx.stderr.write(`bash: ${kill.usage}\n`);
      return 2;
    }
    const shell = shellOf(ctx);
    const ns = ctx.host.netns;
    let status = 0;
    for (const target of args) {
      if (target.startsWith('%')) {
        const id = Number(target.slice(1) || shell.jobs().at(-1)?.id);
        if (!shell.terminateJob({ id })) {
          ctx.stderr.write(`bash: kill: ${target}: no such job\n`);
          status = 1;
        }
        continue;
      }
      if (!/^\d+$/.test(target)) {
        ctx.stderr.write(`bash: kill: ${target}: arguments must be process or job IDs\n`);
        status = 1;
        continue;
      }
      const pid = Number(target);
      if (shell.terminateJob({ pid })) continue;
      if (!ns.machine.kill(pid)) {
        ctx.stderr.write(`bash: kill: (${pid}) - No such process\n`);
        status = 1;
      }
    }
    return status;
  },
};

// cspell:words jobspec sigspec
