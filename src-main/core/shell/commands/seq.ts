import type { Command } from '../command.js';
import { hasOption, lastOption, optionWords, parseOptions, usageError, type OptionSpec } from './getopt.js';
import { printedHelp } from './help-option.js';
import { formatFloat, parseConversion } from './printf-format.js';
import { yieldOutput } from './text-input.js';

const OPTIONS: OptionSpec = {
  short: 'f:s:w',
  long: { 'format=': 'f', 'separator=': 's', 'equal-width': 'w' },
  negativeNumbers: true,
};

/** Lines written before letting the reader run (and checking it still reads). */
const BATCH = 512;

/** Digits after the point as written (`0.50` has 2); exponents count as seq counts them. */
function decimals(text: string): number {
  const match = /\.(\d*)/.exec(text);
  const exponent = Number(/[eE]([+-]?\d+)$/.exec(text)?.[1] ?? '0');
  return Math.max(0, (match ? match[1].length : 0) - exponent);
}

export const seq: Command = {
  name: 'seq',
  summary: 'print a sequence of numbers',
  usage: 'seq [OPTION]... LAST\n  or:  seq [OPTION]... FIRST LAST\n  or:  seq [OPTION]... FIRST INCREMENT LAST',
  completions: () => optionWords(OPTIONS),
  man: `seq - print numbers from FIRST to LAST, in steps of INCREMENT.

Mandatory arguments to long options are mandatory for short options too.
  -f, --format=FORMAT      use printf style floating-point FORMAT
  -s, --separator=STRING   use STRING to separate numbers (default: \\n)
  -w, --equal-width        equalize width by padding with leading zeroes
      --help     display this help and exit

If FIRST or INCREMENT is omitted, it defaults to 1.  That is, an omitted INCREMENT defaults to 1 even when
LAST is smaller than FIRST.  The sequence of numbers ends when the sum of the current number and INCREMENT
would become greater than LAST.  FIRST, INCREMENT, and LAST are interpreted as floating point values.`,
  async run(ctx) {
    if (printedHelp(ctx, seq)) return 0;
    const parsed = parseOptions(ctx, 'seq', OPTIONS);
    if (!parsed) return 1;
    const fail = (message: string): number => usageError(ctx, 'seq', message);
    const operands = parsed.operands;
    if (operands.length === 0) return fail('missing operand');
    if (operands.length > 3) return fail(`extra operand '${operands[3]}'`);
    for (const text of operands) {
      if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) && !/^\s*[+-]?0[xX][0-9a-fA-F]+$/.test(text)) {
        return fail(`invalid floating point argument: '${text}'`);
      }
    }
    const [firstText, stepText, lastText] = operands.length === 1 ? ['1', '1', operands[0]] : operands.length === 2 ? [operands[0], '1', operands[1]] : operands;
    const first = Number(firstText);
    const step = Number(stepText);
    const last = Number(lastText);
    if (step === 0) return fail(`invalid Zero increment value: '${stepText}'`);
    const format = lastOption(parsed, 'f');
    const separator = lastOption(parsed, 's') ?? '\n';
    const equalWidth = hasOption(parsed, 'w');
    if (format !== undefined && equalWidth) return fail('format string may not be specified when printing equal width strings');
    let print: (value: number) => string;
    if (format !== undefined) {
      const at = format.replace(/%%/g, '\0\0').indexOf('%');
      const conversion = at < 0 ? undefined : parseConversion(format, at, () => 0);
      if (!conversion || 'bad' in conversion || !'eEfFgGaA'.includes(conversion.spec.conversion)) return fail(`format '${format}' has no % directive`);
      const before = format.slice(0, at).replace(/%%/g, '%');
      const after = format.slice(conversion.end).replace(/%%/g, '%');
      print = (value) => before + formatFloat(value, conversion.spec) + after;
    } else {
      const precision = Math.max(decimals(firstText), decimals(stepText));
      const plain = (value: number): string => (precision === 0 && Number.isInteger(value) ? String(value) : value.toFixed(precision));
      const width = equalWidth ? Math.max(plain(first).length, plain(last).length) : 0;
      print = (value) => {
        const text = plain(value);
        return text.startsWith('-') ? '-' + text.slice(1).padStart(width - 1, '0') : text.padStart(width, '0');
      };
    }
    let out = '';
    let count = 0;
    for (let i = 0; ; i++) {
      const value = first + i * step;
      if (step > 0 ? value > last : value < last) break;
      out += (i > 0 ? separator : '') + print(value);
      if (++count % BATCH === 0) {
        ctx.stdout.write(out);
        out = '';
        if (await yieldOutput(ctx)) return ctx.interrupted.signalled ? 130 : 141;
      }
    }
    if (count > 0) ctx.stdout.write(out + '\n');
    return 0;
  },
};
