import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';

export const hostname: Command = {
  name: 'hostname',
  summary: 'show the system host name',
  usage: 'Usage: hostname [-s|-f]',
  man: "hostname - show the system's host name\n\n  -s  the short name (the lab's names are already short)\n  -f  the full name",
  async run(ctx) {
    if (printedHelp(ctx, hostname)) return 0;
    const flag = ctx.argv[1];
    if (flag === undefined || flag === '-s' || flag === '-f' || flag === '--short' || flag === '--fqdn') {
      ctx.stdout.write(ctx.host.hostname + '\n');
      return 0;
    }
    if (flag.startsWith('-')) {
      ctx.stderr.write(`hostname: invalid option -- '${flag.slice(1)}'\nUsage: hostname [-s|-f]\n`);
      return 1;
    }
    ctx.stderr.write('hostname: you must be root to change the host name\n');
    return 1;
  },
};
