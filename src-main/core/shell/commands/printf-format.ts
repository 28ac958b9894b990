// C's printf conversions as glibc prints them (%d %i %o %u %x %X %e %E %f %F
// %g %G %c %s with flags, width and precision): bash's printf, awk's printf
// and sprintf, and seq -f share them.

export interface ConversionSpec {
  /** Any of `-+ #0`. */
  flags: string;
  width?: number;
  precision?: number;
  /** The conversion letter. */
  conversion: string;
}

/** `%-5.2f` at `at` in `format` (the `%` itself): the spec and where it ends; `*` width/precision are taken from `star`. */
export function parseConversion(format: string, at: number, star: () => number): { spec: ConversionSpec; end: number } | { bad: string; end: number } {
  let i = at + 1;
  let flags = '';
  while (i < format.length && '-+ #0'.includes(format[i])) flags += format[i++];
  let width: number | undefined;
  if (format[i] === '*') {
    width = star();
    i++;
    if (width < 0) {
      flags += '-';
      width = -width;
    }
  } else {
    const digits = /^\d+/.exec(format.slice(i))?.[0];
    if (digits) {
      width = Number(digits);
      i += digits.length;
    }
  }
  let precision: number | undefined;
  if (format[i] === '.') {
    i++;
    if (format[i] === '*') {
      precision = star();
      i++;
      if (precision < 0) precision = undefined;
    } else {
      const digits = /^\d*/.exec(format.slice(i))![0];
      precision = Number(digits || '0');
      i += digits.length;
    }
  }
  // Length modifiers change nothing for values that are already wide.
  while (i < format.length && 'hlLqjzt'.includes(format[i])) i++;
  const conversion = format[i];
  if (conversion === undefined || !'diouxXeEfFgGcsaA'.includes(conversion)) return { bad: conversion ?? '', end: i + 1 };
  return { spec: { flags, width, precision, conversion }, end: i + 1 };
}

/** Pads to the spec's width: left with `-`, zeros after the sign with `0` (numbers only). */
function pad(sign: string, body: string, spec: ConversionSpec, zeroAllowed: boolean): string {
  const width = spec.width ?? 0;
  const length = sign.length + body.length;
  if (length >= width) return sign + body;
  if (spec.flags.includes('-')) return sign + body + ' '.repeat(width - length);
  if (zeroAllowed && spec.flags.includes('0')) return sign + '0'.repeat(width - length) + body;
  return ' '.repeat(width - length) + sign + body;
}

function signOf(negative: boolean, spec: ConversionSpec): string {
  return negative ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
}

/** %d %i %o %u %x %X of a 64-bit integer. */
export function formatInteger(value: bigint, spec: ConversionSpec): string {
  const c = spec.conversion;
  const signed = c === 'd' || c === 'i';
  let negative = false;
  let magnitude = value;
  if (signed && value < 0n) {
    negative = true;
    magnitude = -value;
  } else if (!signed && value < 0n) magnitude = (1n << 64n) + value;
  let digits = magnitude.toString(c === 'o' ? 8 : c === 'x' || c === 'X' ? 16 : 10);
  if (c === 'X') digits = digits.toUpperCase();
  if (spec.precision !== undefined) digits = spec.precision === 0 && magnitude === 0n ? '' : digits.padStart(spec.precision, '0');
  let prefix = '';
  if (spec.flags.includes('#')) {
    if (c === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    if ((c === 'x' || c === 'X') && magnitude !== 0n) prefix = c === 'x' ? '0x' : '0X';
  }
  return pad(signed ? signOf(negative, spec) : '', prefix + digits, spec, spec.precision === undefined);
}

/** `1.5e+03` with at least two exponent digits, as C prints it. */
function exponential(value: number, precision: number): string {
  const [mantissa, exponent] = value.toExponential(precision).split('e');
  const e = Number(exponent);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Drops trailing zeros of %g (and the point they leave), keeping an exponent. */
function trimZeros(text: string): string {
  const [mantissa, exponent] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

/** %f value with C's digits even past 1e21, where JS switches to exponents. */
function fixed(value: number, precision: number): string {
  // C rounds an exact tie to even (2.25 -> 2.2); toFixed rounds it up.
  const scaled = value * 10 ** precision;
  const floor = Math.floor(scaled);
  if (scaled - floor === 0.5 && (floor + 0.5) / 10 ** precision === value && floor % 2 === 0 && scaled < 2 ** 52) return (floor / 10 ** precision).toFixed(precision);
  if (value < 1e21) return value.toFixed(precision);
  return BigInt(Math.round(value)).toString() + (precision > 0 ? '.' + '0'.repeat(precision) : '');
}

/** %e %E %f %F %g %G of a double. */
export function formatFloat(value: number, spec: ConversionSpec): string {
  const c = spec.conversion;
  const upper = c === c.toUpperCase();
  const negative = value < 0 || Object.is(value, -0);
  const a = Math.abs(value);
  let body: string;
  if (!Number.isFinite(a)) body = Number.isNaN(a) ? 'nan' : 'inf';
  else {
    const precision = spec.precision ?? 6;
    const alt = spec.flags.includes('#');
    switch (c.toLowerCase()) {
      case 'e':
        body = exponential(a, precision);
        break;
      case 'f':
        body = fixed(a, precision);
        if (alt && precision === 0) body += '.';
        break;
      default: {
        const p = precision === 0 ? 1 : precision;
        const x = a === 0 ? 0 : Number(a.toExponential(p - 1).split('e')[1]);
        body = x < -4 || x >= p ? exponential(a, p - 1) : a.toFixed(p - 1 - x);
        if (!alt) body = trimZeros(body);
      }
    }
  }
  if (upper) body = body.toUpperCase();
  return pad(signOf(negative && !Number.isNaN(a), spec), body, spec, Number.isFinite(a));
}

/** %s (and %c once the caller picked the character): precision cuts, width pads. */
export function formatString(text: string, spec: ConversionSpec): string {
  const cut = spec.precision !== undefined && spec.conversion === 's' ? text.slice(0, spec.precision) : text;
  return pad('', cut, spec, false);
}

/** Backslash escapes as printf's format and %b read them; `\c` ends all output (flagged by `stop`). */
export function expandEscapes(text: string, inArgument: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", '?': '?' };
    if (next in simple && !(inArgument && (next === '"' || next === '?'))) {
      out += simple[next];
    } else if (next === 'c' && inArgument) {
      return { text: out, stop: true };
    } else if (/[0-7]/.test(next)) {
      // %b takes \0NNN; the format takes \NNN.
      const max = inArgument && next === '0' ? 4 : 3;
      const digits = /^[0-7]+/.exec(text.slice(i, i + max))![0];
      out += String.fromCharCode(parseInt(digits, 8) & 0xff);
      i += digits.length - 1;
    } else if (next === 'x' && /[0-9a-fA-F]/.test(text[i + 1] ?? '')) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(digits, 16));
      i += digits.length;
    } else if ((next === 'u' || next === 'U') && /[0-9a-fA-F]/.test(text[i + 1] ?? '')) {
      const digits = new RegExp(`^[0-9a-fA-F]{1,${next === 'u' ? 4 : 8}}`).exec(text.slice(i + 1))![0];
      out += String.fromCodePoint(parseInt(digits, 16));
      i += digits.length;
    } else out += '\\' + next;
  }
  return { text: out, stop: false };
}
