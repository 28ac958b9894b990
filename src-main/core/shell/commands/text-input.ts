// Input for the line filters (grep, head, tail, wc): named files, or stdin.
import type { CommandContext } from '../command.js';
import { FileSystem, fsErrorText } from '../fs.js';

export interface NamedText {
  name: string;
  text: string;
}

/** Reads each operand (or stdin for none or `-`); prints `NAME: FILE: error` for unreadable ones. */
export async function readInputs(ctx: CommandContext, tool: string, operands: string[]): Promise<{ inputs: NamedText[]; failed: boolean }> {
  const inputs: NamedText[] = [];
  let failed = false;
  for (const name of operands.length > 0 ? operands : ['-']) {
    if (name === '-') {
      inputs.push({ name: '(standard input)', text: await ctx.stdin.readAll() });
      continue;
    }
    const content = ctx.fs.readFile(FileSystem.resolve(ctx.cwd, name));
    if (typeof content === 'string') inputs.push({ name, text: content });
    else {
      ctx.stderr.write(`${tool}: ${name}: ${fsErrorText(content.error)}\n`);
      failed = true;
    }
  }
  return { inputs, failed };
}

/** Lines of a text without the empty piece after its final newline. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
