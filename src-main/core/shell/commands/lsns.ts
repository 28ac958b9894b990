import type { Command } from '../command.js';

const HELP = `
Usage:
 lsns [options] [<namespace>]

List system namespaces.

Options:
 -t, --type <name>      namespace type (mnt, net, ipc, user, pid, uts, cgroup, time)
 -n, --noheadings       don't print headings
`;

const TYPES = new Set(['mnt', 'net', 'ipc', 'user', 'pid', 'uts', 'cgroup', 'time']);

/** util-linux lsns; the simulator models network namespaces only. */
export const lsns: Command = {
  name: 'lsns',
  summary: 'list namespaces',
  usage: 'lsns [options] [<namespace>]',
  completions: (words) => (words[words.length - 1] === '-t' || words[words.length - 1] === '--type' ? [...TYPES] : ['-t', '--type=net', '-n', '--noheadings']),
  man: 'lsns - list namespaces and the processes in them\n\n  -t, --type net   network namespaces (the only type this lab simulates)\n  -n               no header line\nColumns: NS (inode), TYPE, NPROCS, PID (lowest), USER, NETNSID (the id this namespace gave it), NSFS (bind mount, e.g. /run/docker/netns/...), COMMAND.',
  async run(ctx) {
    let type: string | undefined;
    let headings = true;
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-h' || arg === '--help') {
        ctx.stdout.write(HELP);
        return 0;
      }
      if (arg === '-t' || arg === '--type') type = args[++i] ?? '';
      else if (arg.startsWith('--type=')) type = arg.slice(7);
      else if (arg === '-n' || arg === '--noheadings') headings = false;
      else {
        ctx.stderr.write(`lsns: ${arg.startsWith('-') ? `unrecognized option '${arg}'` : `failed to parse namespace: '${arg}'`}\nTry 'lsns --help' for more information.\n`);
        return 1;
      }
    }
    if (type !== undefined && !TYPES.has(type)) {
      ctx.stderr.write(`lsns: unknown namespace type: ${type}\n`);
      return 1;
    }
    if (type !== undefined && type !== 'net') return 0;
    const here = ctx.host.netns;
    const machine = here.machine;
    // A container sees only its own namespace (its own PID namespace hides the rest).
    const visible = here === machine.rootNs ? machine.namespaces : [here];
    const rows: string[][] = [];
    for (const ns of [...visible].sort((a, b) => a.inode - b.inode)) {
      const procs = machine.processesIn(ns);
      if (procs.length === 0) continue;
      const first = procs[0];
      const id = ns === here ? undefined : here.netnsIdOf(ns, false);
      rows.push([String(ns.inode), 'net', String(procs.length), String(first.pid), first.user, id === undefined ? 'unassigned' : String(id), ns.nsfsPath ?? '', first.args.join(' ')]);
    }
    const header = ['NS', 'TYPE', 'NPROCS', 'PID', 'USER', 'NETNSID', 'NSFS', 'COMMAND'];
    const rightAligned = new Set([0, 2, 3, 5]);
    const table = headings ? [header, ...rows] : rows;
    const widths = header.map((_, c) => Math.max(...table.map((r) => r[c].length)));
    for (const row of table) {
      const cells = row.map((cell, c) => (c === row.length - 1 ? cell : rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])));
      ctx.stdout.write(cells.join(' ') + '\n');
    }
    return 0;
  },
};

// cspell:words noheadings NPROCS procs
