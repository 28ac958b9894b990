import type { Command, CommandContext } from '../command.js';
import { FileSystem } from '../fs.js';
import { hasOption, lastOption, optionWords, type OptionSpec } from './getopt.js';
import { headerPrinter, parseSelection, withObsoleteCount, type Count } from './head.js';
import { printedHelp } from './help-option.js';
import { eachInput, readAllOf } from './text-input.js';

const OPTIONS: OptionSpec = {
  short: 'c:fFn:qs:vz',
  long: { 'bytes=': 'c', follow: 'f', 'lines=': 'n', quiet: 'q', silent: 'q', 'sleep-interval=': 's', verbose: 'v', 'zero-terminated': 'z', retry: 'retry', 'pid=': 'pid' },
};

/** The part of a text tail prints: the last N lines or bytes, or from the Nth on. */
function lastPart(text: string, bytes: boolean, count: Count): string {
  if (bytes) return count.sign === '+' ? text.slice(Math.max(0, count.value - 1)) : count.value === 0 ? '' : text.slice(-count.value);
  // Lines keep their `\n`, so a last line without one stays without.
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return (count.sign === '+' ? lines.slice(Math.max(0, count.value - 1)) : count.value === 0 ? [] : lines.slice(-count.value)).join('');
}

export const tail: Command = {
  name: 'tail',
  summary: 'output the last part of files',
  usage: 'tail [OPTION]... [FILE]...',
  completions: () => optionWords(OPTIONS),
  man: `tail - print the last 10 lines of each FILE to standard output.

With more than one FILE, precede each with a header giving the file name.
With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[+]NUM       output the last NUM bytes; or use -c +NUM to
                             output starting with byte NUM of each file
  -f, --follow             output appended data as the file grows
  -F                       same as --follow=name --retry
  -n, --lines=[+]NUM       output the last NUM lines, instead of the last 10;
                             or use -n +NUM to output starting with line NUM
  -q, --quiet, --silent    never output headers giving file names
  -s, --sleep-interval=N   with -f, sleep for approximately N seconds
                             (default 1.0) between iterations
  -v, --verbose            always output headers giving file names
      --help     display this help and exit

With -f, tail keeps printing what is appended to the files until Ctrl-C.`,
  async run(ctx) {
    if (printedHelp(ctx, tail)) return 0;
    const selection = parseSelection(withObsoleteCount(ctx, 'tail'), 'tail', OPTIONS);
    if (!selection) return 1;
    const { parsed, bytes, count } = selection;
    const interval = Number(lastOption(parsed, 's') ?? '1');
    if (!Number.isFinite(interval) || interval < 0) {
      ctx.stderr.write(`tail: invalid number of seconds: '${lastOption(parsed, 's')}'\n`);
      return 1;
    }
    const header = headerPrinter(ctx, parsed);
    const status = { failed: false };
    const followed: { name: string; path: string; size: number }[] = [];
    for await (const { name, input } of eachInput(ctx, 'tail', parsed.operands, status)) {
      header(name);
      const text = await readAllOf(input);
      ctx.stdout.write(lastPart(text, bytes, count));
      if (name !== '-') followed.push({ name, path: FileSystem.resolve(ctx.cwd, name), size: text.length });
    }
    const follow = hasOption(parsed, 'f') || hasOption(parsed, 'F');
    if (!follow || followed.length === 0) return status.failed ? 1 : 0;
    return followFiles(ctx, followed, interval * 1000, followed.length > 1 && !hasOption(parsed, 'q'));
  },
};

/** `tail -f`: polls the files on the lab clock and prints what was appended, until Ctrl-C. */
async function followFiles(ctx: CommandContext, files: { name: string; path: string; size: number }[], intervalMs: number, headers: boolean): Promise<number> {
  let lastShown = files[files.length - 1].name;
  while (!ctx.interrupted.signalled) {
    await ctx.clock.sleep(Math.max(intervalMs, 1));
    if (ctx.interrupted.signalled) break;
    for (const file of files) {
      const content = ctx.fs.readFile(file.path);
      if (typeof content !== 'string') continue;
      if (content.length < file.size) {
        ctx.stderr.write(`tail: ${file.name}: file truncated\n`);
        file.size = 0;
      }
      if (content.length === file.size) continue;
      if (headers && lastShown !== file.name) ctx.stdout.write(`\n==> ${file.name} <==\n`);
      lastShown = file.name;
      ctx.stdout.write(content.slice(file.size));
      file.size = content.length;
    }
  }
  return 130;
}
