// head and tail share their counts (`-n N`, `-c N`, `-N`, suffixes such as
// 1K) and the ==> NAME <== headers they print for several files.
import type { Command, CommandContext } from '../command.js';
import { hasOption, optionWords, parseOptions, type OptionSpec, type ParsedOptions } from './getopt.js';
import { printedHelp } from './help-option.js';
import { chunksOf, eachInput, streamLines } from './text-input.js';

const MULTIPLIERS: Record<string, number> = {
  '': 1, b: 512, kB: 1000, K: 1024, KiB: 1024, k: 1024, MB: 1e6, M: 1024 ** 2, MiB: 1024 ** 2, GB: 1e9, G: 1024 ** 3, GiB: 1024 ** 3,
  TB: 1e12, T: 1024 ** 4, TiB: 1024 ** 4,
};

/** A head/tail count: `-` (all but the last), `+` (from this one on, tail) or plain. */
export interface Count {
  value: number;
  sign: '' | '-' | '+';
}

export function parseCount(text: string): Count | undefined {
  const match = /^([+-]?)(\d+)([A-Za-z]*)$/.exec(text);
  if (!match || MULTIPLIERS[match[3]] === undefined) return undefined;
  return { value: Number(match[2]) * MULTIPLIERS[match[3]], sign: match[1] as Count['sign'] };
}

/** `head -5`, `tail -3`, `tail +2`: the obsolete count as the first word becomes `-n`. */
export function withObsoleteCount(ctx: CommandContext, tool: string): CommandContext {
  const first = ctx.argv[1];
  if (first === undefined) return ctx;
  const match = /^([+-])(\d+)([cl]?)$/.exec(first);
  if (!match || (match[1] === '+' && tool !== 'tail')) return ctx;
  const flag = match[3] === 'c' ? '-c' : '-n';
  return { ...ctx, argv: [ctx.argv[0], flag, (match[1] === '+' ? '+' : '') + match[2], ...ctx.argv.slice(2)] };
}

export interface Selection {
  parsed: ParsedOptions;
  bytes: boolean;
  count: Count;
}

/** The options both share; prints GNU's message for a bad count. */
export function parseSelection(ctx: CommandContext, tool: string, spec: OptionSpec): Selection | undefined {
  const parsed = parseOptions(ctx, tool, spec);
  if (!parsed) return undefined;
  const counts = parsed.options.filter((o) => o.key === 'n' || o.key === 'c');
  const last = counts[counts.length - 1];
  const bytes = last?.key === 'c';
  const count = last ? parseCount(last.value) : { value: 10, sign: '' as const };
  if (!count) {
    ctx.stderr.write(`${tool}: invalid number of ${bytes ? 'bytes' : 'lines'}: '${last.value}'\n`);
    return undefined;
  }
  return { parsed, bytes, count };
}

/** Headers for several inputs (or -v), never with -q. */
export function headerPrinter(ctx: CommandContext, parsed: ParsedOptions): (name: string) => void {
  const verbose = hasOption(parsed, 'v') || (parsed.operands.length > 1 && !hasOption(parsed, 'q'));
  let first = true;
  return (name) => {
    if (verbose) ctx.stdout.write(`${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
    first = false;
  };
}

const OPTIONS: OptionSpec = {
  short: 'c:n:qvz',
  long: { 'bytes=': 'c', 'lines=': 'n', quiet: 'q', silent: 'q', verbose: 'v', 'zero-terminated': 'z' },
};

export const head: Command = {
  name: 'head',
  summary: 'output the first part of files',
  usage: 'head [OPTION]... [FILE]...',
  completions: () => optionWords(OPTIONS),
  man: `head - print the first 10 lines of each FILE to standard output.

With more than one FILE, precede each with a header giving the file name.
With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[-]NUM       print the first NUM bytes of each file;
                             with the leading '-', print all but the last
                             NUM bytes of each file
  -n, --lines=[-]NUM       print the first NUM lines instead of the first 10;
                             with the leading '-', print all but the last
                             NUM lines of each file
  -q, --quiet, --silent    never print headers giving file names
  -v, --verbose            always print headers giving file names
      --help     display this help and exit

NUM may have a multiplier suffix: b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024, GB, G, T ...`,
  async run(ctx) {
    if (printedHelp(ctx, head)) return 0;
    const selection = parseSelection(withObsoleteCount(ctx, 'head'), 'head', OPTIONS);
    if (!selection) return 1;
    const { parsed, bytes, count } = selection;
    const header = headerPrinter(ctx, parsed);
    const status = { failed: false };
    for await (const { name, input } of eachInput(ctx, 'head', parsed.operands, status)) {
      header(name);
      if (count.sign === '-') {
        // All but the last N: hold N back until the input ends.
        const held: string[] = [];
        const pieces = bytes ? charsOf(input) : linesOf(input);
        for await (const piece of pieces) {
          held.push(piece);
          if (held.length > count.value) ctx.stdout.write(held.shift()!);
        }
        continue;
      }
      let left = count.value;
      if (left > 0) {
        if (bytes) {
          for await (const chunk of chunksOf(input)) {
            ctx.stdout.write(chunk.slice(0, left));
            left -= Math.min(left, chunk.length);
            if (left === 0) break;
          }
        } else {
          for await (const line of streamLines(input)) {
            ctx.stdout.write(line.text + (line.newline ? '\n' : ''));
            if (--left === 0) break;
          }
        }
      }
      // Done early: the writer of a pipe sees it gone (SIGPIPE), as `yes | head` needs.
      input.release?.();
    }
    return status.failed ? 1 : 0;
  },
};

async function* linesOf(input: Parameters<typeof streamLines>[0]): AsyncIterable<string> {
  for await (const line of streamLines(input)) yield line.text + (line.newline ? '\n' : '');
}

async function* charsOf(input: Parameters<typeof chunksOf>[0]): AsyncIterable<string> {
  for await (const chunk of chunksOf(input)) yield* chunk;
}
