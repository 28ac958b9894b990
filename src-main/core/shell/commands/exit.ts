import type { Command } from '../command.js';

export const exit: Command = {
  name: 'exit',
  summary: 'exit the shell',
  usage: 'exit [n]',
  man: 'exit - exit the shell\n\nEnds the shell with status N, or the status of the last command.',
  async run(ctx) {
    const arg = ctx.argv[1];
    const last = ctx.shell.lastStatus();
    if (arg !== undefined && !/^-?\d+$/.test(arg)) {
      ctx.stderr.write(`bash: exit: ${arg}: numeric argument required\n`);
      ctx.shell.exit(2);
      return 2;
    }
    const status = arg === undefined ? last : Number(arg) & 0xff;
    ctx.shell.exit(status);
    return status;
  },
};
