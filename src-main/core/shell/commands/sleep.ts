import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const sleep: Command = {
  name: 'sleep',
  summary: 'delay for a specified amount of time',
  usage: 'Usage: sleep NUMBER[SUFFIX]...',
  man: 'sleep - delay for a specified amount of time\n\nPauses for the sum of its arguments; SUFFIX is s (seconds, the default), m, h or d.',
  async run(ctx) {
    if (printedHelp(ctx, sleep)) return 0;
    const args = ctx.argv.slice(1);
    if (args.length === 0) {
      ctx.stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let total = 0;
    for (const arg of args) {
      const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
      if (!m) {
        ctx.stderr.write(`sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      total += Number(m[1]) * UNIT_MS[m[2]];
    }
    await ctx.clock.sleep(total);
    return ctx.interrupted.signalled ? 130 : 0;
  },
};

// cspell:words smhd
