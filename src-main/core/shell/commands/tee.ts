import type { Command } from '../command.js';
import { FileSystem, fsErrorText } from '../fs.js';
import { hasOption, optionWords, parseOptions, type OptionSpec } from './getopt.js';
import { printedHelp } from './help-option.js';
import { chunksOf } from './text-input.js';

const OPTIONS: OptionSpec = {
  short: 'aip',
  long: { append: 'a', 'ignore-interrupts': 'i', 'output-error': 'p' },
};

export const tee: Command = {
  name: 'tee',
  summary: 'read from standard input and write to standard output and files',
  usage: 'tee [OPTION]... [FILE]...',
  completions: () => optionWords(OPTIONS),
  man: `tee - copy standard input to each FILE, and also to standard output.

  -a, --append              append to the given FILEs, do not overwrite
  -i, --ignore-interrupts   ignore interrupt signals
  -p                        diagnose errors writing to non pipes
      --help     display this help and exit`,
  async run(ctx) {
    if (printedHelp(ctx, tee)) return 0;
    const parsed = parseOptions(ctx, 'tee', OPTIONS);
    if (!parsed) return 1;
    let failed = false;
    const files: string[] = [];
    for (const name of parsed.operands) {
      const path = FileSystem.resolve(ctx.cwd, name);
      const error = ctx.fs.openForWrite(path, !hasOption(parsed, 'a'));
      if (error) {
        ctx.stderr.write(`tee: ${name}: ${fsErrorText(error)}\n`);
        failed = true;
      } else files.push(path);
    }
    // Each piece goes out as it arrives, so `ping ... | tee log` shows every reply at once.
    for await (const chunk of chunksOf(ctx.stdin)) {
      ctx.stdout.write(chunk);
      for (const path of files) {
        const error = ctx.fs.isGenerated(path) ? ctx.fs.writeFile(path, chunk) : ctx.fs.appendFile(path, chunk);
        if (error) ctx.stderr.write(`tee: ${path}: ${fsErrorText(error)}\n`);
      }
    }
    return failed ? 1 : 0;
  },
};
