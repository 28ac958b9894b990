import { shellOf, type Command } from '../command.js';

const USAGE = `
Usage:
 nsenter [options] [<program> [<argument>...]]

Run a program with namespaces of other processes.

Options:
 -t, --target <pid>     target process to get namespaces from
 -n, --net[=<file>]     enter network namespace
`;

/** util-linux nsenter, network namespace only: `nsenter -t PID -n [--] CMD`. */
export const nsenter: Command = {
  name: 'nsenter',
  summary: 'run program in different namespaces',
  usage: 'nsenter [options] [<program> [<argument>...]]',
  completions: () => ['-t', '--target', '-n', '--net', '--'],
  man: "nsenter - run a program in another process's namespaces\n\n  -t, --target PID  the process whose namespaces to enter\n  -n, --net         enter its network namespace\nWith no program, starts a shell there. Only network namespaces are simulated.",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    let target: string | undefined;
    let net = false;
    let i = 0;
    for (; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--') {
        i++;
        break;
      }
      if (arg === '-h' || arg === '--help') {
        ctx.stdout.write(USAGE);
        return 0;
      }
      if (arg === '-t' || arg === '--target') {
        target = args[++i];
        if (target === undefined) {
          ctx.stderr.write(`nsenter: option requires an argument -- 't'\nTry 'nsenter --help' for more information.\n`);
          return 1;
        }
      } else if (arg.startsWith('--target=')) target = arg.slice(9);
      else if (arg === '-n' || arg === '--net') net = true;
      else if (/^-t\d+$/.test(arg)) target = arg.slice(2);
      else if (arg.startsWith('-')) {
        ctx.stderr.write(`nsenter: unrecognized option '${arg}'\nTry 'nsenter --help' for more information.\n`);
        return 1;
      } else break;
    }
    const command = args.slice(i);
    if (!net) {
      ctx.stderr.write('nsenter: no namespace specified\n' /* util-linux 2.36 asks for at least one */);
      return 1;
    }
    if (target === undefined) {
      ctx.stderr.write('nsenter: neither filename nor target pid supplied for ns/net\n');
      return 1;
    }
    if (!/^\d+$/.test(target)) {
      ctx.stderr.write(`nsenter: failed to parse pid: '${target}'\n`);
      return 1;
    }
    const here = ctx.host.netns;
    const process = here.machine.process(Number(target));
    // Inside a container the host's processes are not visible.
    if (!process || (here !== here.machine.rootNs && process.netns !== here)) {
      ctx.stderr.write(`nsenter: cannot open /proc/${target}/ns/net: No such file or directory\n`);
      return 1;
    }
    if (command.length === 0) return shellOf(ctx).interactive(ctx.host.id, process.netns);
    return ctx.exec(command, { netns: process.netns });
  },
};
