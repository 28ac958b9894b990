import type { Command } from '../command.js';
import { hasOption, lastOption, optionWords, parseOptions, usageError, type OptionSpec } from './getopt.js';
import { printedHelp } from './help-option.js';
import { eachInput, streamLines } from './text-input.js';

const OPTIONS: OptionSpec = {
  short: 'b:c:d:f:ns',
  long: { 'bytes=': 'b', 'characters=': 'c', 'delimiter=': 'd', 'fields=': 'f', 'only-delimited': 's', complement: 'complement', 'output-delimiter=': 'output-delimiter' },
};

interface Range {
  from: number;
  to: number;
}

/** `1,3-5,7-` into ranges (1-based, inclusive), or GNU's message. */
function parseList(list: string, fields: boolean): Range[] | string {
  const ranges: Range[] = [];
  for (const item of list.split(/[,\s]/)) {
    const match = /^(\d*)(-?)(\d*)$/.exec(item);
    if (!match || item === '' || (item === '-')) return item === '-' ? 'invalid range with no endpoint: -' : fields ? `invalid field value '${item}'` : `invalid byte/character position '${item}'`;
    const from = match[1] === '' ? 1 : Number(match[1]);
    const to = match[2] === '' ? from : match[3] === '' ? Infinity : Number(match[3]);
    if ((match[1] !== '' && from === 0) || (match[3] !== '' && Number(match[3]) === 0)) return fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (to < from) return 'invalid decreasing range';
    ranges.push({ from, to });
  }
  return ranges;
}

export const cut: Command = {
  name: 'cut',
  summary: 'remove sections from each line of files',
  usage: 'cut OPTION... [FILE]...',
  completions: () => optionWords(OPTIONS),
  man: `cut - print selected parts of lines from each FILE to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --bytes=LIST        select only these bytes
  -c, --characters=LIST   select only these characters
  -d, --delimiter=DELIM   use DELIM instead of TAB for field delimiter
  -f, --fields=LIST       select only these fields;  also print any line
                            that contains no delimiter character, unless
                            the -s option is specified
  -n                      (ignored)
      --complement        complement the set of selected bytes, characters
                            or fields
  -s, --only-delimited    do not print lines not containing delimiters
      --output-delimiter=STRING  use STRING as the output delimiter
                            the default is to use the input delimiter
      --help     display this help and exit

Use one, and only one of -b, -c or -f.  Each LIST is made up of one range, or many ranges separated by commas.
Each range is one of: N (N'th byte, character or field, counted from 1), N- (from N'th to end of line),
N-M (from N'th to M'th, counted from 1), -M (from first to M'th).`,
  async run(ctx) {
    if (printedHelp(ctx, cut)) return 0;
    const parsed = parseOptions(ctx, 'cut', OPTIONS);
    if (!parsed) return 1;
    const fail = (message: string): number => usageError(ctx, 'cut', message);
    const kinds = parsed.options.filter((o) => 'bcf'.includes(o.key));
    if (kinds.length === 0) return fail('you must specify a list of bytes, characters, or fields');
    if (new Set(kinds.map((k) => k.key)).size > 1) return fail('only one type of list may be specified');
    const kind = kinds[kinds.length - 1];
    const fields = kind.key === 'f';
    const delimiter = lastOption(parsed, 'd');
    if (delimiter !== undefined && !fields) return fail('an input delimiter may be specified only when operating on fields');
    if (hasOption(parsed, 's') && !fields) return fail('suppressing non-delimited lines makes sense\n\tonly when operating on fields');
    if (delimiter !== undefined && [...delimiter].length > 1) return fail('the delimiter must be a single character');
    const ranges = parseList(kind.value, fields);
    if (typeof ranges === 'string') return fail(ranges);
    const complement = hasOption(parsed, 'complement');
    const chosen = (n: number): boolean => ranges.some((r) => n >= r.from && n <= r.to) !== complement;
    const inputDelimiter = delimiter === '' ? '\n' : (delimiter ?? '\t');
    const outputDelimiter = lastOption(parsed, 'output-delimiter') ?? (fields ? inputDelimiter : '');
    const onlyDelimited = hasOption(parsed, 's');
    const select = (line: string): string | undefined => {
      if (!fields) {
        const chars = [...line];
        // Selected positions print in input order; with an output delimiter, runs are joined by it.
        let out = '';
        let last = -2;
        chars.forEach((ch, i) => {
          if (!chosen(i + 1)) return;
          if (outputDelimiter && last >= 0 && i !== last + 1) out += outputDelimiter;
          out += ch;
          last = i;
        });
        return out;
      }
      if (!line.includes(inputDelimiter)) return onlyDelimited ? undefined : line;
      return line.split(inputDelimiter).filter((_, i) => chosen(i + 1)).join(outputDelimiter);
    };
    const status = { failed: false };
    for await (const { input } of eachInput(ctx, 'cut', parsed.operands, status)) {
      for await (const line of streamLines(input)) {
        const out = select(line.text);
        if (out !== undefined) ctx.stdout.write(out + '\n');
      }
    }
    return status.failed ? 1 : 0;
  },
};
