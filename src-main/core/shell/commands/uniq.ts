import type { Command } from '../command.js';
import { FileSystem, fsErrorText } from '../fs.js';
import { hasOption, lastOption, optionWords, parseOptions, usageError, type OptionSpec } from './getopt.js';
import { printedHelp } from './help-option.js';
import { openInput, streamLines } from './text-input.js';

const OPTIONS: OptionSpec = {
  short: 'cdDf:is:uw:z',
  long: { count: 'c', repeated: 'd', 'all-repeated': 'D', 'skip-fields=': 'f', 'ignore-case': 'i', 'skip-chars=': 's', unique: 'u', 'check-chars=': 'w', 'zero-terminated': 'z' },
};

export const uniq: Command = {
  name: 'uniq',
  summary: 'report or omit repeated lines',
  usage: 'uniq [OPTION]... [INPUT [OUTPUT]]',
  completions: () => optionWords(OPTIONS),
  man: `uniq - filter adjacent matching lines from INPUT (or standard input), writing to OUTPUT (or standard output).

With no options, matching lines are merged to the first occurrence.

Mandatory arguments to long options are mandatory for short options too.
  -c, --count           prefix lines by the number of occurrences
  -d, --repeated        only print duplicate lines, one for each group
  -D                    print all duplicate lines
  -f, --skip-fields=N   avoid comparing the first N fields
  -i, --ignore-case     ignore differences in case when comparing
  -s, --skip-chars=N    avoid comparing the first N characters
  -u, --unique          only print unique lines
  -w, --check-chars=N   compare no more than N characters in lines
      --help     display this help and exit

A field is a run of blanks (usually spaces and/or TABs), then non-blank characters.
Fields are skipped before chars.`,
  async run(ctx) {
    if (printedHelp(ctx, uniq)) return 0;
    const parsed = parseOptions(ctx, 'uniq', OPTIONS);
    if (!parsed) return 1;
    const fail = (message: string): number => usageError(ctx, 'uniq', message);
    const numberOption = (key: string, what: string): number | string => {
      const value = lastOption(parsed, key);
      if (value === undefined) return 0;
      return /^\d+$/.test(value) ? Number(value) : `${value}: invalid number of ${what}`;
    };
    const skipFields = numberOption('f', 'fields to skip');
    const skipChars = numberOption('s', 'bytes to skip');
    const checkChars = lastOption(parsed, 'w') === undefined ? Infinity : numberOption('w', 'bytes to compare');
    for (const n of [skipFields, skipChars, checkChars]) if (typeof n === 'string') return fail(n);
    if (parsed.operands.length > 2) return fail(`extra operand '${parsed.operands[2]}'`);
    const count = hasOption(parsed, 'c');
    const repeated = hasOption(parsed, 'd');
    const allRepeated = hasOption(parsed, 'D');
    const unique = hasOption(parsed, 'u');
    if (count && allRepeated) return fail('printing all duplicated lines and repeat counts is meaningless');
    const ignoreCase = hasOption(parsed, 'i');
    const key = (line: string): string => {
      let rest = line;
      for (let f = 0; f < (skipFields as number); f++) rest = rest.replace(/^[ \t]*[^ \t]*/, '');
      rest = rest.slice(skipChars as number).slice(0, checkChars as number);
      return ignoreCase ? rest.toLowerCase() : rest;
    };
    const inputName = parsed.operands[0] ?? '-';
    const input = openInput(ctx, inputName);
    if ('error' in input) {
      ctx.stderr.write(`uniq: ${inputName}: ${fsErrorText(input.error)}\n`);
      return 1;
    }
    const outputName = parsed.operands[1];
    const outputPath = outputName === undefined || outputName === '-' ? undefined : FileSystem.resolve(ctx.cwd, outputName);
    if (outputPath) {
      const error = ctx.fs.openForWrite(outputPath, true);
      if (error) {
        ctx.stderr.write(`uniq: ${outputName}: ${fsErrorText(error)}\n`);
        return 1;
      }
    }
    const write = (text: string): void => void (outputPath ? ctx.fs.appendFile(outputPath, text) : ctx.stdout.write(text));
    // The group's first line and size; every line only for -D, so `yes | uniq` stays small.
    let first: string | undefined;
    let size = 0;
    let all: string[] = [];
    const flush = (): void => {
      if (first === undefined) return;
      if (allRepeated) {
        if (size > 1) write(all.map((l) => l + '\n').join(''));
      } else if ((!repeated || size > 1) && (!unique || size === 1)) write((count ? `${String(size).padStart(7)} ` : '') + first + '\n');
      first = undefined;
      size = 0;
      all = [];
    };
    // A group prints once the next line differs: output keeps pace with input.
    for await (const { text } of streamLines(input)) {
      if (first !== undefined && key(first) !== key(text)) flush();
      first ??= text;
      size++;
      if (allRepeated) all.push(text);
    }
    flush();
    return 0;
  },
};
