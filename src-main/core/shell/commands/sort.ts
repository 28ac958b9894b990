// GNU sort in the C locale (the lab's hosts run with LANG unset): keys (-k,
// -t), numeric, human, general and version orders, stable (-s), unique (-u),
// output file (-o) and the check mode (-c/-C).
import type { Command, CommandContext } from '../command.js';
import { FileSystem, fsErrorText } from '../fs.js';
import { hasOption, lastOption, optionWords, parseOptions, type OptionSpec } from './getopt.js';
import { printedHelp } from './help-option.js';
import { linesOf, openInput, readAllOf } from './text-input.js';

const OPTIONS: OptionSpec = {
  short: 'bcCdfghik:Mmno:rRsS:t:T:uVz',
  long: {
    'ignore-leading-blanks': 'b', check: 'c', 'dictionary-order': 'd', 'ignore-case': 'f', 'general-numeric-sort': 'g',
    'human-numeric-sort': 'h', 'ignore-nonprinting': 'i', 'key=': 'k', 'month-sort': 'M', merge: 'm', 'numeric-sort': 'n',
    'output=': 'o', reverse: 'r', 'random-sort': 'R', stable: 's', 'buffer-size=': 'S', 'field-separator=': 't',
    'temporary-directory=': 'T', unique: 'u', 'version-sort': 'V', 'zero-terminated': 'z', 'parallel=': 'parallel',
  },
};

/** Ordering options that apply to a key (or to the whole line). */
interface Ordering {
  blanks: boolean;
  dictionary: boolean;
  foldCase: boolean;
  general: boolean;
  human: boolean;
  nonPrinting: boolean;
  month: boolean;
  numeric: boolean;
  reverse: boolean;
  version: boolean;
}

interface KeySpec extends Ordering {
  startField: number;
  startChar: number;
  /** 0: to the end of the line. */
  endField: number;
  /** 0: to the end of the field. */
  endChar: number;
  /** Trailing -b on the end position. */
  endBlanks: boolean;
}

const ORDER_LETTERS: Record<string, keyof Ordering> = { b: 'blanks', d: 'dictionary', f: 'foldCase', g: 'general', h: 'human', i: 'nonPrinting', M: 'month', n: 'numeric', r: 'reverse', V: 'version' };

function orderingFrom(letters: string): Ordering {
  const o: Ordering = { blanks: false, dictionary: false, foldCase: false, general: false, human: false, nonPrinting: false, month: false, numeric: false, reverse: false, version: false };
  for (const l of letters) if (ORDER_LETTERS[l]) o[ORDER_LETTERS[l]] = true;
  return o;
}

/** `-k 2,3n` into a key, or GNU's message. */
function parseKey(text: string, global: Ordering): KeySpec | string {
  const match = /^(\d+)(?:\.(\d+))?([bdfgiMhnrV]*)(?:,(\d+)(?:\.(\d+))?([bdfgiMhnrV]*))?$/.exec(text);
  if (!match) {
    const bad = /^\d/.test(text) ? `invalid number after ',': invalid count at start of '${text.replace(/^[^,]*,/, '')}'` : `invalid number at field start: invalid count at start of '${text}'`;
    return bad;
  }
  const startField = Number(match[1]);
  if (startField === 0) return `field number is zero: invalid field specification '${text}'`;
  if (match[2] !== undefined && Number(match[2]) === 0) return `character offset is zero: invalid field specification '${text}'`;
  const letters = (match[3] ?? '') + (match[6] ?? '');
  const own = letters.replace(/b/g, '') !== '' || (match[3] ?? '').includes('b');
  const ordering = letters === '' ? { ...global } : orderingFrom(letters);
  if (!own && letters !== '') ordering.blanks = ordering.blanks || global.blanks;
  return {
    ...ordering,
    startField,
    startChar: match[2] === undefined ? 1 : Number(match[2]),
    endField: match[4] === undefined ? 0 : Number(match[4]),
    endChar: match[5] === undefined ? 0 : Number(match[5]),
    endBlanks: (match[6] ?? '').includes('b') || (letters === '' && global.blanks),
  };
}

/** Start of each field: with a separator, after each one; without, each field keeps its leading blanks. */
function fieldStarts(line: string, separator: string | undefined): { start: number; end: number }[] {
  const fields: { start: number; end: number }[] = [];
  if (separator !== undefined) {
    let start = 0;
    for (let at = line.indexOf(separator); at >= 0; at = line.indexOf(separator, start)) {
      fields.push({ start, end: at });
      start = at + separator.length;
    }
    fields.push({ start, end: line.length });
    return fields;
  }
  const re = /[ \t]*[^ \t]+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) fields.push({ start: m.index, end: m.index + m[0].length });
  if (fields.length === 0) fields.push({ start: 0, end: line.length });
  return fields;
}

function keyText(line: string, key: KeySpec, separator: string | undefined): string {
  const fields = fieldStarts(line, separator);
  const skipBlanks = (from: number, limit: number): number => {
    while (from < limit && (line[from] === ' ' || line[from] === '\t')) from++;
    return from;
  };
  const startFieldInfo = fields[key.startField - 1];
  if (!startFieldInfo) return '';
  let start = startFieldInfo.start;
  if (key.blanks) start = skipBlanks(start, startFieldInfo.end);
  start = Math.min(start + key.startChar - 1, startFieldInfo.end);
  let end = line.length;
  if (key.endField > 0) {
    const endFieldInfo = fields[key.endField - 1];
    if (endFieldInfo) {
      if (key.endChar === 0) end = endFieldInfo.end;
      else {
        const from = key.endBlanks ? skipBlanks(endFieldInfo.start, endFieldInfo.end) : endFieldInfo.start;
        end = Math.min(from + key.endChar, endFieldInfo.end);
      }
    }
  }
  return end > start ? line.slice(start, end) : '';
}

const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** strtold's numeric prefix in -n's sense: blanks, sign, digits and a point; anything else counts as 0. */
function numericValue(text: string): number {
  const match = /^[ \t]*(-?)(\d*)(\.\d*)?/.exec(text)!;
  const digits = match[2] + (match[3] ?? '');
  if (digits === '' || digits === '.') return 0;
  return Number(match[1] + (match[2] || '0') + (match[3] ?? ''));
}

const SUFFIXES = 'KMGTPEZY';

function humanCompare(a: string, b: string): number {
  const parse = (t: string): { sign: number; power: number; value: number } => {
    const match = /^[ \t]*(-?)(\d*\.?\d*)([kKMGTPEZY]?)/.exec(t)!;
    const value = Number(match[2] || '0');
    const power = match[3] ? SUFFIXES.indexOf(match[3].toUpperCase()) + 1 : 0;
    return { sign: value === 0 ? 0 : match[1] ? -1 : 1, power, value };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.sign !== y.sign) return x.sign - y.sign;
  const bySize = x.power - y.power || x.value - y.value;
  return x.sign < 0 ? -bySize : bySize;
}

function generalValue(text: string): number {
  const match = /^[ \t]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|^[ \t]*[+-]?(inf(inity)?|nan)/i.exec(text);
  return match ? Number(match[0].trim().replace(/inf(inity)?/i, 'Infinity').replace(/nan/i, 'NaN')) : NaN;
}

/** Debian's version order (filevercmp): digit runs by value, `~` before everything, letters before other characters. */
export function versionCompare(a: string, b: string): number {
  const order = (ch: string | undefined): number => (ch === undefined ? 0 : ch === '~' ? -1 : /[A-Za-z]/.test(ch) ? ch.charCodeAt(0) : ch.charCodeAt(0) + 256);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !/\d/.test(a[i])) || (j < b.length && !/\d/.test(b[j]))) {
      const x = i < a.length && !/\d/.test(a[i]) ? order(a[i]) : 0;
      const y = j < b.length && !/\d/.test(b[j]) ? order(b[j]) : 0;
      if (x !== y) return x - y;
      i++;
      j++;
    }
    const na = /^\d*/.exec(a.slice(i))![0];
    const nb = /^\d*/.exec(b.slice(j))![0];
    const diff = Number(na || '0') - Number(nb || '0');
    if (diff !== 0) return diff;
    i += na.length;
    j += nb.length;
  }
  return 0;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function compareBy(o: Ordering, a: string, b: string): number {
  if (o.numeric) return numericValue(a) - numericValue(b);
  if (o.human) return humanCompare(a, b);
  if (o.general) {
    const x = generalValue(a);
    const y = generalValue(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
    return x - y;
  }
  if (o.month) return MONTHS.indexOf(a.trim().slice(0, 3).toUpperCase()) - MONTHS.indexOf(b.trim().slice(0, 3).toUpperCase());
  if (o.version) return versionCompare(a, b);
  const clean = (t: string): string => {
    let s = o.blanks ? t.replace(/^[ \t]+/, '') : t;
    if (o.dictionary) s = s.replace(/[^A-Za-z0-9 \t]/g, '');
    if (o.nonPrinting) s = s.replace(/[^\x20-\x7e]/g, '');
    return o.foldCase ? s.toUpperCase() : s;
  };
  return byBytes(clean(a), clean(b));
}

export const sort: Command = {
  name: 'sort',
  summary: 'sort lines of text files',
  usage: 'sort [OPTION]... [FILE]...\n  or:  sort [OPTION]... --files0-from=F',
  completions: () => optionWords(OPTIONS),
  man: `sort - write sorted concatenation of all FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
Ordering options:

  -b, --ignore-leading-blanks  ignore leading blanks
  -d, --dictionary-order      consider only blanks and alphanumeric characters
  -f, --ignore-case           fold lower case to upper case characters
  -g, --general-numeric-sort  compare according to general numerical value
  -i, --ignore-nonprinting    consider only printable characters
  -M, --month-sort            compare (unknown) < 'JAN' < ... < 'DEC'
  -h, --human-numeric-sort    compare human readable numbers (e.g., 2K 1G)
  -n, --numeric-sort          compare according to string numerical value
  -r, --reverse               reverse the result of comparisons
  -V, --version-sort          natural sort of (version) numbers within text

Other options:

  -c, --check               check for sorted input; do not sort
  -C                        like -c, but do not report first bad line
  -k, --key=KEYDEF          sort via a key; KEYDEF gives location and type
  -o, --output=FILE         write result to FILE instead of standard output
  -s, --stable              stabilize sort by disabling last-resort comparison
  -t, --field-separator=SEP  use SEP instead of non-blank to blank transition
  -u, --unique              with -c, check for strict ordering;
                              without -c, output only the first of an equal run
      --help     display this help and exit

KEYDEF is F[.C][OPTS][,F[.C][OPTS]] for start and stop position, where F is a field number and C a character
position in the field; both are origin 1, and the stop position defaults to the line's end.  OPTS is one or
more single-letter ordering options [bdfgiMhnRrV], which override global ordering options for that key.`,
  async run(ctx) {
    if (printedHelp(ctx, sort)) return 0;
    const parsed = parseOptions(ctx, 'sort', OPTIONS);
    if (!parsed) return 2;
    const fail = (message: string): number => {
      ctx.stderr.write(`sort: ${message}\n`);
      return 2;
    };
    const global = orderingFrom(parsed.options.filter((o) => o.value === '' && o.key.length === 1).map((o) => o.key).join(''));
    const keys: KeySpec[] = [];
    for (const o of parsed.options.filter((o) => o.key === 'k')) {
      const key = parseKey(o.value, global);
      if (typeof key === 'string') return fail(key);
      keys.push(key);
    }
    const separator = lastOption(parsed, 't');
    if (separator !== undefined && [...separator].length !== 1) return fail(separator === '' ? 'empty tab' : `multi-character tab '${separator}'`);
    const stable = hasOption(parsed, 's');
    const unique = hasOption(parsed, 'u');
    const compareKeys = (a: string, b: string): number => {
      for (const key of keys.length > 0 ? keys : [{ ...global, startField: 1, startChar: 1, endField: 0, endChar: 0, endBlanks: false }]) {
        const whole = keys.length === 0;
        const c = compareBy(key, whole ? a : keyText(a, key, separator), whole ? b : keyText(b, key, separator));
        if (c !== 0) return key.reverse ? -c : c;
      }
      return 0;
    };
    // Equal keys fall back to comparing whole lines in byte order, unless -s or -u.
    const compare = (a: string, b: string): number => compareKeys(a, b) || (stable || unique ? 0 : global.reverse ? -byBytes(a, b) : byBytes(a, b));
    const lines: { name: string; lines: string[] }[] = [];
    for (const name of parsed.operands.length > 0 ? parsed.operands : ['-']) {
      const input = openInput(ctx, name);
      if ('error' in input) return fail(`cannot read: ${name}: ${fsErrorText(input.error)}`);
      lines.push({ name, lines: linesOf(await readAllOf(input)) });
    }
    if (hasOption(parsed, 'c') || hasOption(parsed, 'C')) return checkSorted(ctx, lines, unique ? compareKeys : compare, hasOption(parsed, 'C'), unique);
    let sorted = lines.flatMap((l) => l.lines).sort(compare);
    if (unique) sorted = sorted.filter((l, i) => i === 0 || compareKeys(sorted[i - 1], l) !== 0);
    const text = sorted.map((l) => l + '\n').join('');
    const output = lastOption(parsed, 'o');
    if (output === undefined) {
      ctx.stdout.write(text);
      return 0;
    }
    const error = ctx.fs.writeFile(FileSystem.resolve(ctx.cwd, output), text);
    return error ? fail(`open failed: ${output}: ${fsErrorText(error)}`) : 0;
  },
};

function checkSorted(ctx: CommandContext, inputs: { name: string; lines: string[] }[], compare: (a: string, b: string) => number, quiet: boolean, strict: boolean): number {
  const all = inputs.flatMap((i) => i.lines);
  for (let i = 1; i < all.length; i++) {
    const c = compare(all[i - 1], all[i]);
    if (c > 0 || (strict && c === 0)) {
      if (!quiet) ctx.stderr.write(`sort: ${inputs[0].name}:${i + 1}: disorder: ${all[i]}\n`);
      return 1;
    }
  }
  return 0;
}
