import type { Command, CommandContext } from '../command.js';
import { printedHelp } from './help-option.js';
import { linesOf, readInputs } from './text-input.js';

/** Line count from `-n N`, `-nN` or `-N`; undefined when the flag is malformed. */
export function lineCountOption(args: string[], tool: string, ctx: { stderr: { write(t: string): void } }): (LineCount & { operands: string[] }) | undefined {
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

export interface LineCount {
  count: number;
  fromLine?: number;
}

/** head and tail: parse the count, then print the lines `pick` chooses from each input, with ==> NAME <== headers for several. */
export async function printSelectedLines(ctx: CommandContext, tool: string, pick: (lines: string[], n: LineCount) => string[]): Promise<number> {
  const parsed = lineCountOption(ctx.argv.slice(1), tool, ctx);
  if (!parsed) return 1;
  const { inputs, failed } = await readInputs(ctx, tool, parsed.operands);
  inputs.forEach((input, i) => {
    if (inputs.length > 1) ctx.stdout.write(`${i > 0 ? '\n' : ''}==> ${input.name} <==\n`);
    for (const line of pick(linesOf(input.text), parsed)) ctx.stdout.write(line + '\n');
  });
  return failed ? 1 : 0;
}

export const head: Command = {
  name: 'head',
  summary: 'output the first part of files',
  usage: 'head [OPTION]... [FILE]...',
  man: 'head - output the first lines of files (10 by default)\n\n  -n N  the first N lines',
  run: async (ctx) => printedHelp(ctx, head) ? 0 : printSelectedLines(ctx, 'head', (lines, n) => lines.slice(0, n.count)),
};
