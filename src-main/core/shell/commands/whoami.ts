import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';

export const whoami: Command = {
  name: 'whoami',
  summary: 'print effective user name',
  usage: 'Usage: whoami [OPTION]...',
  man: 'whoami - print effective user name\n\nEvery lab shell runs as root.',
  async run(ctx) {
    if (printedHelp(ctx, whoami)) return 0;
    if (ctx.argv.length > 1) {
      ctx.stderr.write(`whoami: extra operand '${ctx.argv[1]}'\nTry 'whoami --help' for more information.\n`);
      return 1;
    }
    ctx.stdout.write('root\n');
    return 0;
  },
};
