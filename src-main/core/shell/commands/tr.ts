import type { Command } from '../command.js';
import { hasOption, optionWords, parseOptions, usageError, type OptionSpec } from './getopt.js';
import { printedHelp } from './help-option.js';
import { chunksOf } from './text-input.js';

const OPTIONS: OptionSpec = {
  short: 'cCdst',
  long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', 'truncate-set1': 't' },
};

const CLASSES: Record<string, (c: number) => boolean> = {
  alnum: (c) => /[A-Za-z0-9]/.test(String.fromCharCode(c)),
  alpha: (c) => /[A-Za-z]/.test(String.fromCharCode(c)),
  blank: (c) => c === 32 || c === 9,
  cntrl: (c) => c < 32 || c === 127,
  digit: (c) => c >= 48 && c <= 57,
  graph: (c) => c > 32 && c < 127,
  lower: (c) => c >= 97 && c <= 122,
  print: (c) => c >= 32 && c < 127,
  punct: (c) => c > 32 && c < 127 && !/[A-Za-z0-9]/.test(String.fromCharCode(c)),
  space: (c) => (c >= 9 && c <= 13) || c === 32,
  upper: (c) => c >= 65 && c <= 90,
  xdigit: (c) => /[0-9A-Fa-f]/.test(String.fromCharCode(c)),
};

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Expands a SET operand (escapes, ranges, [:class:], [=c=], [c*n]) into its characters in order, or an error message. */
function expandSet(text: string, isSet2: boolean, set1Length: number): string[] | string {
  // Escapes first, remembering which characters were escaped (an escaped `-` is no range).
  const chars: { ch: string; escaped: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1))?.[0];
      if (octal) {
        chars.push({ ch: String.fromCharCode(parseInt(octal, 8) & 0xff), escaped: true });
        i += octal.length;
      } else {
        chars.push({ ch: ESCAPES[text[i + 1]] ?? text[i + 1], escaped: true });
        i++;
      }
    } else chars.push({ ch: text[i], escaped: false });
  }
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const rest = chars.slice(i).map((c) => c.ch).join('');
    const bracket = !chars[i].escaped && chars[i].ch === '[';
    const cls = bracket ? /^\[:([a-z]+):\]/.exec(rest) : null;
    if (cls) {
      const test = CLASSES[cls[1]];
      if (!test) return `invalid character class '${cls[1]}'`;
      for (let c = 0; c < 256; c++) if (test(c)) out.push(String.fromCharCode(c));
      i += cls[0].length - 1;
      continue;
    }
    const equiv = bracket ? /^\[=(.)=\]/s.exec(rest) : null;
    if (equiv) {
      out.push(equiv[1]);
      i += equiv[0].length - 1;
      continue;
    }
    const repeat = bracket && isSet2 ? /^\[(.)\*(\d*)\]/s.exec(rest) : null;
    if (repeat) {
      const count = repeat[2] === '' || Number(repeat[2]) === 0 ? Math.max(0, set1Length - out.length) : Number(repeat[2]);
      for (let n = 0; n < count; n++) out.push(repeat[1]);
      i += repeat[0].length - 1;
      continue;
    }
    if (i + 2 < chars.length && chars[i + 1].ch === '-' && !chars[i + 1].escaped) {
      const from = chars[i].ch.charCodeAt(0);
      const to = chars[i + 2].ch.charCodeAt(0);
      if (to < from) return `range-endpoints of '${chars[i].ch}-${chars[i + 2].ch}' are in reverse collating sequence order`;
      for (let c = from; c <= to; c++) out.push(String.fromCharCode(c));
      i += 2;
      continue;
    }
    out.push(chars[i].ch);
  }
  return out;
}

export const tr: Command = {
  name: 'tr',
  summary: 'translate or delete characters',
  usage: 'tr [OPTION]... SET1 [SET2]',
  completions: () => optionWords(OPTIONS),
  man: `tr - translate, squeeze, and/or delete characters from standard input, writing to standard output.

  -c, -C, --complement    use the complement of SET1
  -d, --delete            delete characters in SET1, do not translate
  -s, --squeeze-repeats   replace each sequence of a repeated character that is listed in the last
                            specified SET, with a single occurrence of that character
  -t, --truncate-set1     first truncate SET1 to length of SET2
      --help     display this help and exit

SETs are specified as strings of characters.  Most represent themselves.  Interpreted sequences are:
  \\NNN            character with octal value NNN (1 to 3 octal digits)
  \\\\              backslash
  \\n, \\t, \\r ...   the usual escapes
  CHAR1-CHAR2     all characters from CHAR1 to CHAR2 in ascending order
  [CHAR*]         in SET2, copies of CHAR until length of SET1
  [CHAR*REPEAT]   REPEAT copies of CHAR
  [:alnum:] [:alpha:] [:blank:] [:cntrl:] [:digit:] [:graph:] [:lower:] [:print:] [:punct:]
  [:space:] [:upper:] [:xdigit:]   the characters of the class`,
  async run(ctx) {
    if (printedHelp(ctx, tr)) return 0;
    const parsed = parseOptions(ctx, 'tr', OPTIONS);
    if (!parsed) return 1;
    const complement = hasOption(parsed, 'c') || hasOption(parsed, 'C');
    const del = hasOption(parsed, 'd');
    const squeeze = hasOption(parsed, 's');
    const truncate = hasOption(parsed, 't');
    const fail = (message: string): number => usageError(ctx, 'tr', message);
    const ops = parsed.operands;
    const translating = !del && ops.length >= 2;
    if (ops.length === 0) return fail('missing operand');
    if (!del && !squeeze && ops.length === 1) return fail(`missing operand after '${ops[0]}'\nTwo strings must be given when translating.`);
    if (del && !squeeze && ops.length > 1) return fail(`extra operand '${ops[1]}'\nOnly one string may be given when deleting without squeezing repeats.`);
    if (ops.length > 2) return fail(`extra operand '${ops[2]}'`);
    const set1 = expandSet(ops[0], false, 0);
    if (typeof set1 === 'string') return fail(set1);
    const set2 = ops.length > 1 ? expandSet(ops[1], true, set1.length) : [];
    if (typeof set2 === 'string') return fail(set2);
    const inSet1 = new Set(set1);
    const selected = (ch: string): boolean => inSet1.has(ch) !== complement;
    const map = new Map<string, string>();
    if (translating) {
      if (set2.length === 0) return fail('when not truncating set1, string2 must be non-empty');
      const from = complement ? Array.from({ length: 256 }, (_, c) => String.fromCharCode(c)).filter((ch) => !inSet1.has(ch)) : truncate ? set1.slice(0, set2.length) : set1;
      from.forEach((ch, i) => map.set(ch, set2[Math.min(i, set2.length - 1)]));
    }
    const squeezeSet = new Set(translating || del ? set2 : set1);
    const squeezes = (ch: string): boolean => (translating || del ? squeezeSet.has(ch) : selected(ch));
    let previous = '';
    for await (const chunk of chunksOf(ctx.stdin)) {
      let out = '';
      for (const raw of chunk) {
        if (del && selected(raw)) continue;
        const ch = translating ? (map.get(raw) ?? (complement && !inSet1.has(raw) ? set2[set2.length - 1] : raw)) : raw;
        if (squeeze && ch === previous && squeezes(ch)) continue;
        previous = ch;
        out += ch;
      }
      ctx.stdout.write(out);
    }
    return 0;
  },
};
