import { shellOf, type Command } from '../command.js';

export const unset: Command = {
  name: 'unset',
  summary: 'unset values of shell variables',
  usage: 'unset [name ...]',
  man: 'unset - remove shell variables',
  async run(ctx) {
    for (const name of ctx.argv.slice(1)) shellOf(ctx).unsetVariable(name);
    return 0;
  },
};
