import { shellOf, type Command } from '../command.js';
import { printedHelp } from './help-option.js';

export const unset: Command = {
  name: 'unset',
  summary: 'unset values of shell variables',
  usage: 'unset [name ...]',
  man: 'unset - remove shell variables',
  async run(ctx) {
    if (printedHelp(ctx, unset, 'builtin')) return 0;
    for (const name of ctx.argv.slice(1)) shellOf(ctx).unsetVariable(name);
    return 0;
  },
};
