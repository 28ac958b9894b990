import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';

export const env: Command = {
  name: 'env',
  summary: 'run a program in a modified environment',
  usage: 'Usage: env [NAME=VALUE]... [COMMAND [ARG]...]',
  man: 'env - run a program in a modified environment\n\nWith no COMMAND, prints the environment, one NAME=VALUE a line.',
  async run(ctx) {
    if (printedHelp(ctx, env)) return 0;
    const vars = { ...ctx.env };
    let i = 1;
    for (; i < ctx.argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(ctx.argv[i]); i++) {
      const [name, ...value] = ctx.argv[i].split('=');
      vars[name] = value.join('=');
    }
    if (i < ctx.argv.length) return ctx.exec(ctx.argv.slice(i));
    for (const [name, value] of Object.entries(vars)) ctx.stdout.write(`${name}=${value}\n`);
    return 0;
  },
};
