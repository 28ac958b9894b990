import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';

export const pwd: Command = {
  name: 'pwd',
  summary: 'print name of current/working directory',
  usage: 'pwd',
  man: 'pwd - print the current working directory',
  async run(ctx) {
    if (printedHelp(ctx, pwd, 'builtin')) return 0;
    ctx.stdout.write(ctx.cwd + '\n');
    return 0;
  },
};
