// awk's values: numbers, strings, and strnums (input that looks like a number
// compares as one), with mawk's number-to-string rules.
import { formatFloat, parseConversion } from '../printf-format.js';

/** Text from input (fields, getline, split, -v) that looks numeric. */
export class StrNum {
  constructor(
    readonly s: string,
    readonly n: number,
  ) {}
}

export type Value = number | string | StrNum;

/** An uninitialised variable: "" as a string, 0 as a number, and numeric in comparisons with numbers. */
export const UNINIT = new StrNum('', 0);

const NUMERIC = /^[ \t\n\f\r\v]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t\n\f\r\v]*$/;

/** Input text as a value: a strnum when it looks like a number. */
export function fromInput(text: string): Value {
  return NUMERIC.test(text) ? new StrNum(text, Number(text)) : text;
}

/** strtod's prefix, as awk converts a string to a number ("3x" is 3). */
export function stringToNumber(text: string): number {
  const match = /^[ \t\n\f\r\v]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?inf(inity)?|[+-]?nan)/i.exec(text);
  if (!match) return 0;
  const t = match[1].toLowerCase();
  if (t.includes('inf')) return t.startsWith('-') ? -Infinity : Infinity;
  if (t.includes('nan')) return NaN;
  return Number(t);
}

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (v instanceof StrNum) return v.n;
  return stringToNumber(v);
}

/** mawk prints a number as an integer when it is one and fits in an int; otherwise by CONVFMT/OFMT. */
export function numberToString(n: number, format: string): string {
  if (Number.isInteger(n) && Math.abs(n) <= 0x7fffffff) return String(n);
  if (Number.isNaN(n)) return n > 0 ? 'nan' : '-nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const parsed = parseConversion(format, format.indexOf('%'), () => 0);
  if (format.indexOf('%') < 0 || 'bad' in parsed) return String(n);
  return format.slice(0, format.indexOf('%')) + formatFloat(n, parsed.spec) + format.slice(parsed.end);
}

export function toStr(v: Value, format = '%.6g'): string {
  if (typeof v === 'string') return v;
  if (v instanceof StrNum) return v.s;
  return numberToString(v, format);
}

export function isTrue(v: Value): boolean {
  if (typeof v === 'number') return v !== 0;
  if (v instanceof StrNum) return v === UNINIT ? false : v.n !== 0;
  return v !== '';
}

/** Numeric when both sides are numbers or strnums; otherwise by the strings' bytes. */
export function compareValues(a: Value, b: Value, format: string): number {
  const numeric = (v: Value): boolean => typeof v === 'number' || v instanceof StrNum;
  if (numeric(a) && numeric(b)) {
    const x = toNumber(a);
    const y = toNumber(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : 1;
  }
  const x = toStr(a, format);
  const y = toStr(b, format);
  return x < y ? -1 : x > y ? 1 : 0;
}
