import { shellOf, type Command } from '../command.js';
import { printedHelp } from './help-option.js';

export const exit: Command = {
  name: 'exit',
  summary: 'exit the shell',
  usage: 'exit [n]',
  man: 'exit - exit the shell\n\nEnds the shell with status N, or the status of the last command.',
  async run(ctx) {
    if (printedHelp(ctx, exit, 'builtin')) return 0;
    const arg = ctx.argv[1];
    const last = shellOf(ctx).lastStatus();
    if (arg !== undefined && !/^-?\d+$/.test(arg)) {
      ctx.stderr.write(`bash: exit: ${arg}: numeric argument required\n`);
      shellOf(ctx).exit(2);
      return 2;
    }
    const status = arg === undefined ? last : Number(arg) & 0xff;
    shellOf(ctx).exit(status);
    return status;
  },
};
