import type { Command } from '../command.js';
import { lineCountOption } from './head.js';
import { linesOf, readInputs } from './text-input.js';

export const tail: Command = {
  name: 'tail',
  summary: 'output the last part of files',
  usage: 'tail [OPTION]... [FILE]...',
  man: 'tail - output the last lines of files (10 by default)\n\n  -n N  the last N lines',
  async run(ctx) {
    const parsed = lineCountOption(ctx.argv.slice(1), 'tail', ctx);
    if (!parsed) return 1;
    const { inputs, failed } = await readInputs(ctx, 'tail', parsed.operands);
    inputs.forEach((input, i) => {
      if (inputs.length > 1) ctx.stdout.write(`${i > 0 ? '\n' : ''}==> ${input.name} <==\n`);
      const lines = linesOf(input.text);
      const shown = parsed.fromLine !== undefined ? lines.slice(Math.max(0, parsed.fromLine - 1)) : parsed.count === 0 ? [] : lines.slice(-parsed.count);
      for (const line of shown) ctx.stdout.write(line + '\n');
    });
    return failed ? 1 : 0;
  },
};
