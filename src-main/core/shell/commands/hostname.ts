import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';

export const hostname: Command = {
  name: 'hostname',
  summary: 'show the system host name',
  usage: 'Usage: hostname [-s|-f]',
  man: "hostname - show the system's host name\n\n  -s  the short name (the lab's names are already short)\n  -f  the full name\n  -I  every address of the host's interfaces but loopback and IPv6 link-local ones",
  async run(ctx) {
    if (printedHelp(ctx, hostname)) return 0;
    const flag = ctx.argv[1];
    if (flag === undefined || flag === '-s' || flag === '-f' || flag === '--short' || flag === '--fqdn') {
      ctx.stdout.write(ctx.host.hostname + '\n');
      return 0;
    }
    if (flag === '-I' || flag === '--all-ip-addresses') {
      // Each address followed by a space, as net-tools prints them: IPv4 ones of every up device but lo.
      const addresses = ctx.host.netns
        .devices()
        .filter((d) => d.kind !== 'loopback' && d.adminUp)
        .flatMap((d) => d.addresses.map((a) => a.address));
      ctx.stdout.write(addresses.map((a) => a + ' ').join('') + '\n');
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
