import { shellOf, type Command } from '../command.js';

const USAGE = `
Usage:
 nsenter [options] [<program> [<argument>...]]

Run a program with namespaces of other processes.

Options:
 -t, --target <pid>     target process to get namespaces from
 -n, --net[=<file>]     enter network namespace
 -u, --uts[=<file>]     enter UTS namespace (hostname etc)
`;

/** util-linux nsenter, network and UTS namespaces: `nsenter -t PID -n [-u] [--] CMD`. */
export const nsenter: Command = {
  name: 'nsenter',
  summary: 'run program in different namespaces',
  usage: 'nsenter [options] [<program> [<argument>...]]',
  completions: () => ['-t', '--target', '-n', '--net', '-u', '--uts', '--'],
  man: "nsenter - run a program in another process's namespaces\n\n  -t, --target PID  the process whose namespaces to enter\n  -n, --net         enter its network namespace\n  -u, --uts         enter its UTS namespace (its host name)\nWith no program, starts a shell there. Network and UTS namespaces are simulated.",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    let target: string | undefined;
    let net = false;
    let uts = false;
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
      else if (arg === '-u' || arg === '--uts') uts = true;
      else if (/^-[nu]+$/.test(arg)) {
        net ||= arg.includes('n');
        uts ||= arg.includes('u');
      }
      else if (/^-t\d+$/.test(arg)) target = arg.slice(2);
      else if (arg.startsWith('-')) {
        ctx.stderr.write(`nsenter: unrecognized option '${arg}'\nTry 'nsenter --help' for more information.\n`);
        return 1;
      } else break;
    }
    const command = args.slice(i);
    if (!net && !uts) {
      ctx.stderr.write('nsenter: no namespace specified\n' /* util-linux 2.36 asks for at least one */);
      return 1;
    }
    if (target === undefined) {
      ctx.stderr.write(`nsenter: neither filename nor target pid supplied for ns/${net ? 'net' : 'uts'}\n`);
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
      ctx.stderr.write(`nsenter: cannot open /proc/${target}/ns/${net ? 'net' : 'uts'}: No such file or directory\n`);
      return 1;
    }
    const netns = net ? process.netns : here;
    const hostname = uts ? (process.hostname ?? process.machine.hostname) : undefined;
    if (command.length === 0) return shellOf(ctx).interactive(ctx.host.id, netns, hostname);
    return ctx.exec(command, { netns, ...(hostname !== undefined && { hostname }) });
  },
};
