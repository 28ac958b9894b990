import type { Command } from '../command.js';

const HELP = `
Usage:
 lsns [options] [<namespace>]

List system namespaces.

Options:
 -t, --type <name>      namespace type (mnt, net, ipc, user, pid, uts, cgroup, time)
 -n, --noheadings       don't print headings
 -o, --output <list>    define which output columns to use

Available output columns:
          NS  namespace identifier (inode number)
        TYPE  kind of namespace
        PATH  path to the namespace
      NPROCS  number of processes in the namespace
         PID  lowest PID in the namespace
     COMMAND  command line of the PID process
        USER  username of the PID process
     NETNSID  namespace ID as used by network subsystem
        NSFS  nsfs mountpoint (usually used network subsystem)
`;

interface Row {
  ns: string;
  path: string;
  nprocs: string;
  pid: string;
  command: string;
  user: string;
  netnsid: string;
  nsfs: string;
}

/** lsns's columns: the name -o takes, how a row fills it, and whether libsmartcols right-aligns it. */
const COLUMNS: Record<string, { cell: (row: Row) => string; right: boolean }> = {
  NS: { cell: (r) => r.ns, right: true },
  TYPE: { cell: () => 'net', right: false },
  PATH: { cell: (r) => r.path, right: false },
  NPROCS: { cell: (r) => r.nprocs, right: true },
  PID: { cell: (r) => r.pid, right: true },
  USER: { cell: (r) => r.user, right: false },
  NETNSID: { cell: (r) => r.netnsid, right: true },
  NSFS: { cell: (r) => r.nsfs, right: false },
  COMMAND: { cell: (r) => r.command, right: false },
};

/** What `lsns -t net` shows without -o. */
const NET_DEFAULT = ['NS', 'TYPE', 'NPROCS', 'PID', 'USER', 'NETNSID', 'NSFS', 'COMMAND'];

const TYPES = new Set(['mnt', 'net', 'ipc', 'user', 'pid', 'uts', 'cgroup', 'time']);

/** util-linux lsns; the simulator models network namespaces only. */
export const lsns: Command = {
  name: 'lsns',
  summary: 'list namespaces',
  usage: 'lsns [options] [<namespace>]',
  completions: (words) => (words[words.length - 1] === '-t' || words[words.length - 1] === '--type' ? [...TYPES] : ['-t', '--type=net', '-n', '--noheadings', '-o', '--output']),
  man: 'lsns - list namespaces and the processes in them\n\n  -t, --type net   network namespaces (the only type this lab simulates)\n  -n               no header line\n  -o NS,TYPE,...   the columns to print (+LIST adds to the default ones)\nColumns: NS (inode), TYPE, NPROCS, PID (lowest), USER, NETNSID (the id this namespace gave it), NSFS (bind mount, e.g. /run/docker/netns/...), COMMAND.',
  async run(ctx) {
    let type: string | undefined;
    let headings = true;
    let output: string | undefined;
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
      else if (arg === '-o' || arg === '--output') output = args[++i] ?? '';
      else if (arg.startsWith('--output=')) output = arg.slice(9);
      else if (/^-o./.test(arg)) output = arg.slice(2);
      else {
        ctx.stderr.write(`lsns: ${arg.startsWith('-') ? `unrecognized option '${arg}'` : `failed to parse namespace: '${arg}'`}\nTry 'lsns --help' for more information.\n`);
        return 1;
      }
    }
    if (type !== undefined && !TYPES.has(type)) {
      ctx.stderr.write(`lsns: unknown namespace type: ${type}\n`);
      return 1;
    }
    // -o LIST replaces the columns, -o +LIST adds to them.
    const columns = output === undefined ? NET_DEFAULT : output.startsWith('+') ? [...NET_DEFAULT, ...output.slice(1).split(',')] : output.split(',');
    const unknown = columns.find((c) => !(c.toUpperCase() in COLUMNS));
    if (unknown !== undefined) {
      ctx.stderr.write(`lsns: unknown column: ${unknown}\n`);
      return 1;
    }
    if (type !== undefined && type !== 'net') return 0;
    const here = ctx.host.netns;
    const machine = here.machine;
    // A container sees only its own namespace (its own PID namespace hides the rest).
    const visible = here === machine.rootNs ? machine.namespaces : [here];
    const rows: Row[] = [];
    for (const ns of [...visible].sort((a, b) => a.inode - b.inode)) {
      const procs = machine.processesIn(ns);
      if (procs.length === 0) continue;
      const first = procs[0];
      const id = ns === here ? undefined : here.netnsIdOf(ns, false);
      rows.push({
        ns: String(ns.inode),
        path: `/proc/${first.pid}/ns/net`,
        nprocs: String(procs.length),
        pid: String(first.pid),
        command: first.args.join(' '),
        user: first.user,
        netnsid: id === undefined ? 'unassigned' : String(id),
        nsfs: ns.nsfsPath ?? '',
      });
    }
    const spec = columns.map((name) => ({ name: name.toUpperCase(), ...COLUMNS[name.toUpperCase()] }));
    const table = [...(headings ? [spec.map((c) => c.name)] : []), ...rows.map((row) => spec.map((c) => c.cell(row)))];
    const widths = spec.map((_, c) => Math.max(...table.map((r) => r[c].length)));
    for (const row of table) {
      // The last column is not padded unless it is right-aligned.
      const cells = row.map((cell, c) => (spec[c].right ? cell.padStart(widths[c]) : c === row.length - 1 ? cell : cell.padEnd(widths[c])));
      ctx.stdout.write(cells.join(' ') + '\n');
    }
    return 0;
  },
};

// cspell:words noheadings NPROCS procs
