import type { Command } from '../command.js';
import { encodeUtf8 } from '../../base/utf8.js';
import { hasOption, optionWords, parseOptions, type OptionSpec } from './getopt.js';
import { printedHelp } from './help-option.js';
import { eachInput, readAllOf } from './text-input.js';

const OPTIONS: OptionSpec = {
  short: 'clLmw',
  long: { bytes: 'c', chars: 'm', lines: 'l', 'max-line-length': 'L', words: 'w' },
};

/** Columns in the order wc prints them. */
const COLUMNS = ['l', 'w', 'm', 'c', 'L'] as const;

function counts(text: string): Record<(typeof COLUMNS)[number], number> {
  return {
    l: (text.match(/\n/g) ?? []).length,
    w: text.split(/[ \t\n\v\f\r]+/).filter(Boolean).length,
    m: [...text].length,
    c: encodeUtf8(text).length,
    L: Math.max(0, ...text.split('\n').map((line) => line.replace(/\t/g, '        ').length)),
  };
}

export const wc: Command = {
  name: 'wc',
  summary: 'print newline, word, and byte counts for each file',
  usage: 'wc [OPTION]... [FILE]...\n  or:  wc [OPTION]... --files0-from=F',
  completions: () => optionWords(OPTIONS),
  man: `wc - print newline, word, and byte counts for each FILE, and a total line if more than one FILE is
specified.  A word is a non-zero-length sequence of characters delimited by white space.

With no FILE, or when FILE is -, read standard input.

The options below may be used to select which counts are printed, always in the following order:
newline, word, character, byte, maximum line length.
  -c, --bytes            print the byte counts
  -m, --chars            print the character counts
  -l, --lines            print the newline counts
  -L, --max-line-length  print the maximum display width
  -w, --words            print the word counts
      --help     display this help and exit`,
  async run(ctx) {
    if (printedHelp(ctx, wc)) return 0;
    const parsed = parseOptions(ctx, 'wc', OPTIONS);
    if (!parsed) return 1;
    const chosen = COLUMNS.filter((c) => hasOption(parsed, c));
    const shown = chosen.length > 0 ? chosen : (['l', 'w', 'c'] as const);
    const status = { failed: false };
    const rows: { values: number[]; name: string; size: number; stdin: boolean }[] = [];
    for await (const { name, input } of eachInput(ctx, 'wc', parsed.operands, status)) {
      const text = await readAllOf(input);
      const all = counts(text);
      rows.push({ values: shown.map((c) => all[c]), name: parsed.operands.length > 0 ? name : '', size: encodeUtf8(text).length, stdin: name === '-' });
    }
    if (rows.length > 1) {
      rows.push({ values: shown.map((c, i) => (c === 'L' ? Math.max(...rows.map((r) => r.values[i])) : rows.reduce((sum, r) => sum + r.values[i], 0))), name: 'total', size: 0, stdin: false });
    }
    // GNU's width: one count of one input prints bare; otherwise the digits of the total size, at least 7 with stdin.
    const inputs = parsed.operands.length || 1;
    const width = shown.length === 1 && inputs === 1 ? 1 : Math.max(rows.some((r) => r.stdin) ? 7 : 1, String(rows.reduce((sum, r) => sum + r.size, 0)).length);
    for (const row of rows) ctx.stdout.write(row.values.map((v) => String(v).padStart(width)).join(' ') + (row.name ? ` ${row.name}` : '') + '\n');
    return status.failed ? 1 : 0;
  },
};
