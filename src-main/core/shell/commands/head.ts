import type { Command } from '../command.js';
import { linesOf, readInputs } from './text-input.js';

/** Line count from `-n N`, `-nN` or `-N`; undefined when the flag is malformed. */
export function lineCountOption(args: string[], tool: string, ctx: { stderr: { write(t: string): void } }): { count: number; fromLine?: number; operands: string[] } | undefined {
  let count = 10;
  let fromLine: number | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = arg === '-n' ? args[++i] : /^-n./.test(arg) ? arg.slice(2) : /^-\d+$/.test(arg) ? arg.slice(1) : undefined;
    if (value !== undefined) {
      // `tail -n +N`: from line N on.
      if (tool === 'tail' && /^\+\d+$/.test(value)) {
        fromLine = Number(value.slice(1));
        continue;
      }
      if (!/^\d+$/.test(value)) {
        ctx.stderr.write(`${tool}: invalid number of lines: '${value}'\n`);
        return undefined;
      }
      count = Number(value);
    } else if (arg.startsWith('-') && arg !== '-') {
      ctx.stderr.write(`${tool}: invalid option -- '${arg.slice(1, 2)}'\nTry '${tool} --help' for more information.\n`);
      return undefined;
    } else operands.push(arg);
  }
  return { count, fromLine, operands };
}

export const head: Command = {
  name: 'head',
  summary: 'output the first part of files',
  usage: 'head [OPTION]... [FILE]...',
  man: 'head - output the first lines of files (10 by default)\n\n  -n N  the first N lines',
  async run(ctx) {
    const parsed = lineCountOption(ctx.argv.slice(1), 'head', ctx);
    if (!parsed) return 1;
    const { inputs, failed } = await readInputs(ctx, 'head', parsed.operands);
    inputs.forEach((input, i) => {
      if (inputs.length > 1) ctx.stdout.write(`${i > 0 ? '\n' : ''}==> ${input.name} <==\n`);
      for (const line of linesOf(input.text).slice(0, parsed.count)) ctx.stdout.write(line + '\n');
    });
    return failed ? 1 : 0;
  },
};
