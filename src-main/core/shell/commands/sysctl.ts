import type { Command } from '../command.js';

const USAGE = `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -n, --values         print only values of the given variable(s)
  -w, --write          enable writing a value to variable
  -q, --quiet          do not echo variable set
`;

export const sysctl: Command = {
  name: 'sysctl',
  summary: 'configure kernel parameters at runtime',
  usage: 'sysctl [options] [variable[=value] ...]',
  completions: (_words, ctx) => ['-a', '-n', '-w', '-q', ...ctx.host.netns.sysctl.keys()],
  man: 'sysctl - read and write kernel parameters (/proc/sys) of this network namespace\n\n  -a  every parameter        -n  values only\n  -w  write NAME=VALUE       -q  do not print what was set\nIn a container /proc/sys is read-only, as Docker mounts it.',
  async run(ctx) {
    const ns = ctx.host.netns;
    let all = false;
    let valuesOnly = false;
    let quiet = false;
    const names: string[] = [];
    for (const arg of ctx.argv.slice(1)) {
      if (arg === '-h' || arg === '--help') {
        ctx.stdout.write(USAGE);
        return 0;
      }
      if (/^-[anwqe]+$/.test(arg)) {
        if (arg.includes('a')) all = true;
        if (arg.includes('n')) valuesOnly = true;
        if (arg.includes('q')) quiet = true;
      } else if (arg === '--all') all = true;
      else if (arg === '--values') valuesOnly = true;
      else if (arg === '--write') continue;
      else if (arg === '--quiet') quiet = true;
      else if (arg.startsWith('-')) {
        ctx.stderr.write(`sysctl: invalid option -- '${arg.slice(1, 2)}'${USAGE}`);
        return 1;
      } else names.push(arg);
    }
    const show = (key: string): void => {
      const value = ns.sysctl.get(key) ?? '';
      ctx.stdout.write(valuesOnly ? `${value}\n` : `${key} = ${value}\n`);
    };
    if (all || names.length === 0) {
      if (!all) {
        ctx.stderr.write(`${USAGE.trimStart()}`);
        return 1;
      }
      for (const key of [...ns.sysctl.keys()].sort()) show(key);
      return 0;
    }
    let status = 0;
    for (const arg of names) {
      const eq = arg.indexOf('=');
      const key = (eq < 0 ? arg : arg.slice(0, eq)).replace(/\//g, '.');
      if (!ns.sysctl.has(key)) {
        ctx.stderr.write(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`);
        status = 255;
        continue;
      }
      if (eq < 0) {
        show(key);
        continue;
      }
      const value = arg.slice(eq + 1).trim();
      const fileError = ctx.fs.writeFile(`/proc/sys/${key.replace(/\./g, '/')}`, value);
      if (fileError === 'EROFS') {
        ctx.stderr.write(`sysctl: permission denied on key "${key}"\n`);
        status = 255;
        continue;
      }
      if (fileError || !/^\d+$/.test(value)) {
        ctx.stderr.write(`sysctl: setting key "${key}": Invalid argument\n`);
        status = 255;
        continue;
      }
      if (!quiet) show(key);
    }
    return status;
  },
};

// cspell:words anwqe
