import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';
import { FileSystem, fsErrorText } from '../fs.js';

export const cat: Command = {
  name: 'cat',
  summary: 'concatenate files and print on the standard output',
  usage: 'Usage: cat [OPTION]... [FILE]...',
  man: 'cat - concatenate files and print on the standard output\n\nPrints each FILE in turn; with no FILE, or when FILE is -, reads standard input.\n  -n  number all output lines',
  async run(ctx) {
    if (printedHelp(ctx, cat)) return 0;
    const args = ctx.argv.slice(1);
    const number = args.includes('-n');
    const bad = args.find((a) => a.startsWith('-') && a !== '-' && a !== '-n' && a !== '--');
    if (bad) {
      ctx.stderr.write(`cat: invalid option -- '${bad.slice(1)[0]}'\nTry 'cat --help' for more information.\n`);
      return 1;
    }
    const files = args.filter((a) => a === '-' || !a.startsWith('-'));
    let status = 0;
    let lineNo = 0;
    const print = (text: string): void => {
      if (!number) return ctx.stdout.write(text);
      const lines = text.split('\n');
      const last = lines.pop();
      for (const line of lines) ctx.stdout.write(`${String(++lineNo).padStart(6)}\t${line}\n`);
      if (last) ctx.stdout.write(`${String(++lineNo).padStart(6)}\t${last}`);
    };
    for (const file of files.length > 0 ? files : ['-']) {
      if (file === '-') {
        if (ctx.stdin.isTTY) {
          // Echo each line as typed, until Ctrl-D or Ctrl-C.
          for (let line = await ctx.stdin.readLine(); line !== null; line = await ctx.stdin.readLine()) print(line + '\n');
        } else print(await ctx.stdin.readAll());
        continue;
      }
      const content = ctx.fs.readFile(FileSystem.resolve(ctx.cwd, file));
      if (typeof content === 'string') print(content);
      else {
        ctx.stderr.write(`cat: ${file}: ${fsErrorText(content.error)}\n`);
        status = 1;
      }
    }
    if (ctx.interrupted.signalled) return 130;
    return status;
  },
};
