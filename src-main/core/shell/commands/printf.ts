// printf as bash's builtin: the format is reused while arguments remain,
// numbers accept 0x, 0 octal and 'c, and bad numbers print a warning, use the
// part that parsed and make the status 1.
import { shellOf, type Command, type CommandContext } from '../command.js';
import { printedHelp } from './help-option.js';
import { expandEscapes, formatFloat, formatInteger, formatString, parseConversion } from './printf-format.js';

/** strtoimax/strtold with bash's checks: the value and whether the whole argument was a number. */
function numberArgument(arg: string, float: boolean): { value: number; bigint: bigint; valid: boolean } {
  if (/^['"]/.test(arg)) {
    const code = arg.codePointAt(1) ?? 0;
    return { value: code, bigint: BigInt(code), valid: true };
  }
  const text = arg.trimStart();
  if (text === '') return { value: 0, bigint: 0n, valid: arg === '' };
  if (float) {
    const match = /^[+-]?(0[xX][0-9a-fA-F]+|inf(inity)?|nan|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/i.exec(text);
    const value = match ? Number(match[0].replace(/^([+-]?)inf(inity)?$/i, '$1Infinity').replace(/^[+-]?nan$/i, 'NaN')) : 0;
    return { value, bigint: 0n, valid: match?.[0] === text };
  }
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(text);
  if (!match) return { value: 0, bigint: 0n, valid: false };
  const digits = match[2];
  const magnitude = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits.startsWith('0') ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
  const bigint = match[1] === '-' ? -magnitude : magnitude;
  return { value: Number(bigint), bigint, valid: match[0] === text };
}

/** %q: quoted so bash reads the same word back. */
export function shellQuote(text: string): string {
  if (text === '') return "''";
  // Control characters need ANSI-C quoting.
  if (/[\x00-\x1f\x7f]/.test(text)) {
    const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\x1b': '\\E', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', "'": "\\'", '\\': '\\\\' };
    return "$'" + text.replace(/[\x00-\x1f\x7f'\\]/g, (ch) => named[ch] ?? '\\' + ch.charCodeAt(0).toString(8).padStart(3, '0')) + "'";
  }
  return text.replace(/[ \t'"\\|&;()<>!{}*[\]?^$`]|^[~#]/g, (ch) => '\\' + ch);
}

export const printf: Command = {
  name: 'printf',
  summary: 'formats and prints ARGUMENTS under control of the FORMAT',
  usage: 'printf: usage: printf [-v var] format [arguments]',
  completions: () => ['-v', '--help'],
  man: `printf - format and print data (the bash builtin)

  -v var    assign the output to shell variable VAR rather than display it on the standard output

FORMAT is a character string which contains three types of objects: plain characters, which are simply
copied to standard output; character escape sequences, which are converted and copied to the standard
output; and format specifications, each of which causes printing of the next successive argument.

In addition to the standard format specifications described in printf(1), printf interprets:
  %b        expand backslash escape sequences in the corresponding argument
  %q        quote the argument in a way that can be reused as shell input

The format is re-used as necessary to consume all of the arguments. If there are fewer arguments than the
format requires, extra format specifications behave as if a zero value or null string had been supplied.
Exit status: zero unless an invalid option is given or a write or assignment error occurs.`,
  async run(ctx) {
    if (printedHelp(ctx, printf, 'builtin')) return 0;
    let args = ctx.argv.slice(1);
    let variable: string | undefined;
    if (args[0] === '-v') {
      variable = args[1];
      if (variable === undefined) return usageError(ctx, 'printf: -v: option requires an argument\n');
      if (!/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?$/.test(variable)) {
        ctx.stderr.write(`bash: printf: \`${variable}': not a valid identifier\n`);
        return 2;
      }
      args = args.slice(2);
    } else if (args[0] === '--') args = args.slice(1);
    else if (args[0]?.startsWith('-') && args[0].length > 1 && !/^-\d/.test(args[0])) {
      return usageError(ctx, `bash: printf: ${args[0].slice(0, 2)}: invalid option\n`);
    }
    if (args.length === 0) return usageError(ctx, '');
    const result = formatPrintf(args[0], args.slice(1), (message) => ctx.stderr.write(`bash: printf: ${message}\n`));
    if (variable !== undefined) shellOf(ctx).setVariable(variable, result.text);
    else ctx.stdout.write(result.text);
    return result.status;
  },
};

function usageError(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`${message}${printf.usage}\n`);
  return 2;
}

/** Applies the format to the arguments, reusing it while arguments remain. */
export function formatPrintf(format: string, args: string[], warn: (message: string) => void): { text: string; status: number } {
  let out = '';
  let status = 0;
  let next = 0;
  const take = (): string | undefined => (next < args.length ? args[next++] : undefined);
  const number = (arg: string | undefined, float: boolean): { value: number; bigint: bigint } => {
    if (arg === undefined) return { value: 0, bigint: 0n };
    const parsed = numberArgument(arg, float);
    if (!parsed.valid) {
      warn(`${arg}: invalid number`);
      status = 1;
    }
    return parsed;
  };
  do {
    const before = next;
    for (let i = 0; i < format.length; ) {
      const ch = format[i];
      if (ch === '\\') {
        const escape = /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|.)/s.exec(format.slice(i))![0];
        out += expandEscapes(escape, false).text;
        i += escape.length;
        continue;
      }
      if (ch !== '%') {
        out += ch;
        i++;
        continue;
      }
      if (format[i + 1] === '%') {
        out += '%';
        i += 2;
        continue;
      }
      if (format[i + 1] === 'b' || format[i + 1] === 'q') {
        const arg = take() ?? '';
        if (format[i + 1] === 'q') out += shellQuote(arg);
        else {
          const expanded = expandEscapes(arg, true);
          out += expanded.text;
          if (expanded.stop) return { text: out, status };
        }
        i += 2;
        continue;
      }
      const parsed = parseConversion(format, i, () => Number(number(take(), false).bigint));
      if ('bad' in parsed) {
        warn(parsed.bad === '' ? '`%\': missing format character' : `\`${parsed.bad}': invalid format character`);
        return { text: out, status: 1 };
      }
      const { spec } = parsed;
      i = parsed.end;
      const c = spec.conversion;
      if (c === 's') out += formatString(take() ?? '', spec);
      else if (c === 'c') out += formatString((take() ?? '').slice(0, 1), spec);
      else if ('diouxX'.includes(c)) out += formatInteger(number(take(), false).bigint, spec);
      else out += formatFloat(number(take(), true).value, spec);
    }
    if (next === before) break;
  } while (next < args.length);
  return { text: out, status };
}
