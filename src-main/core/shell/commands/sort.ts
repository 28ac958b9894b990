import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';
import { linesOf, readInputs } from './text-input.js';

export const sort: Command = {
  name: 'sort',
  summary: 'sort lines of text files',
  usage: 'sort [OPTION]... [FILE]...',
  man: 'sort - sort lines of text\n\n  -r  reverse   -n  numeric   -u  unique lines only',
  async run(ctx) {
    if (printedHelp(ctx, sort)) return 0;
    const args = ctx.argv.slice(1);
    const flags = args.filter((a) => /^-[rnu]+$/.test(a)).join('');
    const bad = args.find((a) => a.startsWith('-') && a !== '-' && !/^-[rnu]+$/.test(a));
    if (bad) {
      ctx.stderr.write(`sort: invalid option -- '${bad.slice(1, 2)}'\nTry 'sort --help' for more information.\n`);
      return 2;
    }
    const { inputs, failed } = await readInputs(ctx, 'sort', args.filter((a) => !a.startsWith('-') || a === '-'));
    if (failed) return 2;
    let lines = inputs.flatMap((i) => linesOf(i.text));
    // The lab's hosts run with LANG unset (C locale): byte order.
    const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    const byNumber = (a: string, b: string): number => (parseFloat(a) || 0) - (parseFloat(b) || 0) || byText(a, b);
    lines.sort(flags.includes('n') ? byNumber : byText);
    if (flags.includes('r')) lines.reverse();
    if (flags.includes('u')) lines = lines.filter((l, i) => i === 0 || l !== lines[i - 1]);
    for (const line of lines) ctx.stdout.write(line + '\n');
    return 0;
  },
};
