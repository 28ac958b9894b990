import type { Command } from '../command.js';

export const pwd: Command = {
  name: 'pwd',
  summary: 'print name of current/working directory',
  usage: 'pwd',
  man: 'pwd - print the current working directory',
  async run(ctx) {
    ctx.stdout.write(ctx.cwd + '\n');
    return 0;
  },
};
