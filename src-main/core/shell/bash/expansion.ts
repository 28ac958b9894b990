// Word expansion in bash's order: brace expansion, tilde, parameter and
// arithmetic expansion, command substitution, word splitting on IFS,
// pathname expansion against the simulated files, and quote removal.
import type { FileSystem } from '../fs.js';
import { Arithmetic, ArithmeticError } from './arith.js';
import { escapeRegex, globFiles, hasGlob, quotePattern, removeAffix, replacePattern, unquotePattern } from './pattern.js';
import {
  list,
  nodeType,
  tokenText,
  type ArithmExp,
  type BraceExp,
  type CmdSubst,
  type DblQuoted,
  type Lit,
  type ParamExp,
  type SglQuoted,
  type Stmt,
  type Word,
  type WordPart,
} from './syntax.js';

/** An expansion error that ends the command line, as bash's does (`x: unbound variable`). */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

/**
 * The most one expansion or variable may hold. The simulated host's memory is
 * the app's own, so a runaway `x=$x$x` loop ends with bash's out-of-memory
 * message instead of filling it.
 */
export const VALUE_LIMIT = 16 * 1024 * 1024;

/** Throws bash's out-of-memory error when `size` characters would pass VALUE_LIMIT. */
export function ensureAllocatable(size: number): void {
  if (size > VALUE_LIMIT) throw new ExpansionError(`bash: xmalloc: cannot allocate ${size + 1} bytes`);
}

/** What expansion needs of the shell. */
export interface ExpansionScope {
  getVariable(name: string): string | undefined;
  getArray(name: string): string[] | undefined;
  setVariable(name: string, value: string): void;
  positional(): string[];
  /** Output of the statements run in a subshell (`$(...)`). */
  substitute(stmts: Stmt[]): Promise<string>;
  readonly nounset: boolean;
  /** Text of the script being run between two byte offsets (error messages quote it). */
  sourceBetween(from: number, to: number): string;
  readonly fs: FileSystem;
  readonly cwd: string;
  readonly home: string;
}

/** Expanded text: `quoted` text is literal to splitting and globbing; `split` text came from an unquoted expansion. */
type Piece = { text: string; quoted: boolean; split: boolean } | 'break';

interface Field {
  text: string;
  pattern: string;
  glob: boolean;
}

const SPECIAL = /^([?$#!@*0-9-]|[A-Za-z_][A-Za-z0-9_]*)$/;

export class WordExpander {
  readonly arithmetic: Arithmetic;

  constructor(private readonly scope: ExpansionScope) {
    this.arithmetic = new Arithmetic({
      expandWord: (word) => this.string(word),
      getVariable: (name) => scope.getVariable(name),
      setVariable: (name, value) => scope.setVariable(name, value),
    });
  }

  /** Words to fields, as a command's arguments are expanded. */
  async fields(words: Word[]): Promise<string[]> {
    const out: string[] = [];
    for (const word of words) {
      for (const braced of braceExpand(word)) {
        for (const field of this.split(await this.pieces(braced, false, true))) {
          if (field.glob && hasGlob(field.pattern)) {
            const matches = globFiles(this.scope.fs, this.scope.cwd, this.scope.home, field.pattern);
            if (matches.length > 0) {
              for (const match of matches) out.push(match);
              continue;
            }
          }
          out.push(field.text);
        }
      }
    }
    return out;
  }

  /** A word to one string: no splitting or globbing (assignments, redirect targets, `case` words). */
  async string(word: Word | null): Promise<string> {
    if (!word) return '';
    return joinPieces(await this.pieces(list(word.Parts), false, true));
  }

  /** A word as a pattern: quoted parts match themselves. */
  async pattern(word: Word | null): Promise<string> {
    if (!word) return '';
    let out = '';
    for (const piece of await this.pieces(list(word.Parts), false, true)) {
      if (piece === 'break') out += ' ';
      else out += piece.quoted ? quotePattern(piece.text) : piece.text;
    }
    return out;
  }

  /** The right side of `=~`: unquoted text is a regular expression, quoted parts match themselves. */
  async regex(word: Word): Promise<string> {
    let out = '';
    for (const part of list(word.Parts)) {
      if (nodeType(part) === 'Lit') out += (part as Lit).Value;
      else out += escapeRegex(joinPieces(await this.part(part, nodeType(part) !== 'ParamExp', false)));
    }
    return out;
  }

  /** A here-document's body: expansions, and backslash only before `$`, `` ` ``, `\` and newline. */
  async heredoc(word: Word | null, literal: boolean, stripTabs: boolean): Promise<string> {
    const text = await this.heredocText(word, literal);
    // `<<-` drops the tabs that indent each line.
    return stripTabs ? text.replace(/^\t+/gm, '') : text;
  }

  private async heredocText(word: Word | null, literal: boolean): Promise<string> {
    if (!word) return '';
    if (literal) return list(word.Parts).map((p) => (p as Lit).Value ?? '').join('');
    let out = '';
    for (const part of list(word.Parts)) {
      if (nodeType(part) === 'Lit') out += (part as Lit).Value.replace(/\\([$`\\])|\\\n/g, (_, ch: string | undefined) => ch ?? '');
      else out += joinPieces(await this.part(part, true, false));
    }
    return out;
  }

  /** `$(( ))`; an error names the expression as written, as bash does. */
  private async arithInWord(node: ArithmExp): Promise<bigint> {
    try {
      return await this.arith(node.X);
    } catch (err) {
      if (err instanceof ArithmeticError) throw new ArithmeticError(`${this.scope.sourceBetween(node.Left + 3, node.Right)}: ${err.message}`);
      throw err;
    }
  }

  async arith(expr: ArithmExp['X']): Promise<bigint> {
    return this.arithmetic.evaluate(expr);
  }

  private async pieces(parts: WordPart[], quoted: boolean, wordStart: boolean): Promise<Piece[]> {
    const out: Piece[] = [];
    let size = 0;
    for (let i = 0; i < parts.length; i++) {
      // One push per piece: `"${a[@]}"` of a large array has more pieces than a spread may pass as arguments.
      for (const piece of await this.part(parts[i], quoted, wordStart && i === 0)) {
        size += piece === 'break' ? 1 : piece.text.length;
        out.push(piece);
      }
      ensureAllocatable(size);
    }
    return out;
  }

  private async part(part: WordPart, quoted: boolean, wordStart: boolean): Promise<Piece[]> {
    if (part instanceof SequenceText) return [{ text: part.text, quoted: true, split: false }];
    switch (nodeType(part)) {
      case 'Lit':
        return literalPieces((part as Lit).Value, quoted, wordStart, this.scope);
      case 'SglQuoted': {
        const sq = part as SglQuoted;
        return [{ text: sq.Dollar ? ansiC(sq.Value) : sq.Value, quoted: true, split: false }];
      }
      case 'DblQuoted': {
        const inner = await this.pieces(list((part as DblQuoted).Parts), true, false);
        // `""` is still a word.
        return inner.length === 0 ? [{ text: '', quoted: true, split: false }] : inner;
      }
      case 'ParamExp':
        return this.parameter(part as ParamExp, quoted);
      case 'CmdSubst': {
        const text = (await this.scope.substitute(list((part as CmdSubst).Stmts))).replace(/\n+$/, '');
        return [{ text, quoted, split: !quoted }];
      }
      case 'ArithmExp': {
        const value = await this.arithInWord(part as ArithmExp);
        return [{ text: String(value), quoted, split: !quoted }];
      }
      case 'ProcSubst':
        throw new ExpansionError('bash: process substitution is not available in this shell');
      default:
        throw new ExpansionError(`bash: ${nodeType(part)}: bad substitution`);
    }
  }

  private value(name: string, index: string | undefined): string | undefined {
    if (index === undefined) return this.scope.getVariable(name);
    const array = this.scope.getArray(name);
    const n = Number(index);
    if (array) return array[n < 0 ? array.length + n : n];
    return n === 0 ? this.scope.getVariable(name) : undefined;
  }

  private async parameter(pe: ParamExp, quoted: boolean): Promise<Piece[]> {
    let name = pe.Param.Value;
    const expanded = (text: string): Piece[] => [{ text, quoted, split: !quoted }];
    if (pe.Excl && !pe.Index) {
      const target = this.scope.getVariable(name) ?? '';
      if (!SPECIAL.test(target)) throw new ExpansionError(`bash: ${target}: invalid indirect expansion`);
      name = target;
    }
    // Every element: $@, $*, ${a[@]}, ${a[*]}.
    const indexText = pe.Index ? await this.indexText(pe.Index) : undefined;
    const all = name === '@' || name === '*' || indexText === '@' || indexText === '*';
    if (all) {
      const joinStar = name === '*' || indexText === '*';
      let values = name === '@' || name === '*' ? this.scope.positional() : (this.scope.getArray(name) ?? (this.scope.getVariable(name) !== undefined ? [this.scope.getVariable(name)!] : []));
      if (pe.Length) return expanded(String(values.length));
      if (pe.Slice) {
        const offset = Number(await this.arith(pe.Slice.Offset));
        const length = pe.Slice.Length ? Number(await this.arith(pe.Slice.Length)) : undefined;
        const start = name === '@' || name === '*' ? Math.max(0, offset - 1) : offset;
        values = values.slice(start, length === undefined ? undefined : start + length);
      }
      values = await Promise.all(values.map((v) => this.operate(pe, v, name)));
      if (joinStar || !quoted) {
        const ifs = this.scope.getVariable('IFS');
        const joined = values.join(ifs === undefined ? ' ' : ifs.slice(0, 1));
        if (quoted) return [{ text: joined, quoted: true, split: false }];
        return values.flatMap((v, i): Piece[] => (i > 0 ? ['break', { text: v, quoted: false, split: true }] : [{ text: v, quoted: false, split: true }]));
      }
      return values.flatMap((v, i): Piece[] => (i > 0 ? ['break', { text: v, quoted: true, split: false }] : [{ text: v, quoted: true, split: false }]));
    }
    const value = this.value(name, indexText);
    if (pe.Length) {
      if (value === undefined && this.scope.nounset) throw new ExpansionError(`bash: ${name}: unbound variable`);
      return expanded(String([...(value ?? '')].length));
    }
    const op = pe.Exp ? tokenText(pe.Exp.Op) : undefined;
    const defaults = op !== undefined && ['-', ':-', '=', ':=', '+', ':+', '?', ':?'].includes(op);
    if (value === undefined && this.scope.nounset && !defaults) throw new ExpansionError(`bash: ${name}: unbound variable`);
    if (pe.Exp && defaults) {
      const unset = value === undefined || (op!.startsWith(':') && value === '');
      const word = pe.Exp.Word;
      switch (op) {
        case '-':
        case ':-':
          return unset ? this.pieces(list(word?.Parts), quoted, false) : expanded(value!);
        case '=':
        case ':=': {
          if (!unset) return expanded(value!);
          const assigned = await this.string(word);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ExpansionError(`bash: $${name}: cannot assign in this way`);
          this.scope.setVariable(name, assigned);
          return expanded(assigned);
        }
        case '+':
        case ':+':
          return unset ? [] : this.pieces(list(word?.Parts), quoted, false);
        default: {
          if (!unset) return expanded(value!);
          const message = await this.string(word);
          throw new ExpansionError(`bash: ${name}: ${message || (op === '?' ? 'parameter not set' : 'parameter null or not set')}`);
        }
      }
    }
    let text = value ?? '';
    if (pe.Slice) {
      const chars = [...text];
      let offset = Number(await this.arith(pe.Slice.Offset));
      if (offset < 0) offset = Math.max(0, chars.length + offset);
      let end = chars.length;
      if (pe.Slice.Length) {
        const length = Number(await this.arith(pe.Slice.Length));
        end = length < 0 ? chars.length + length : offset + length;
        if (end < offset) throw new ExpansionError(`bash: ${length}: substring expression < 0`);
      }
      text = chars.slice(offset, end).join('');
    }
    return expanded(await this.operate(pe, text, name));
  }

  /** Pattern removal, replacement and case changes on one value. */
  private async operate(pe: ParamExp, value: string, name: string): Promise<string> {
    if (pe.Repl) {
      const pattern = await this.pattern(pe.Repl.Orig);
      const replacement = await this.string(pe.Repl.With);
      return replacePattern(value, pattern, replacement, pe.Repl.All);
    }
    if (!pe.Exp) return value;
    const op = tokenText(pe.Exp.Op);
    const pattern = await this.pattern(pe.Exp.Word);
    switch (op) {
      case '#':
        return removeAffix(value, pattern, 'prefix', false);
      case '##':
        return removeAffix(value, pattern, 'prefix', true);
      case '%':
        return removeAffix(value, pattern, 'suffix', false);
      case '%%':
        return removeAffix(value, pattern, 'suffix', true);
      case '^':
        return value.slice(0, 1).toUpperCase() + value.slice(1);
      case '^^':
        return value.toUpperCase();
      case ',':
        return value.slice(0, 1).toLowerCase() + value.slice(1);
      case ',,':
        return value.toLowerCase();
      case '@':
        if (unquotePattern(pattern) === 'Q') return `'${value.replace(/'/g, "'\\''")}'`;
        if (unquotePattern(pattern) === 'U') return value.toUpperCase();
        if (unquotePattern(pattern) === 'L') return value.toLowerCase();
        return value;
      default:
        throw new ExpansionError(`bash: \${${name}}: bad substitution`);
    }
  }

  private async indexText(index: NonNullable<ParamExp['Index']>): Promise<string> {
    if (nodeType(index) === 'Word') {
      const parts = list((index as Word).Parts);
      if (parts.length === 1 && nodeType(parts[0]) === 'Lit') {
        const lit = (parts[0] as Lit).Value;
        if (lit === '@' || lit === '*') return lit;
      }
    }
    return String(await this.arith(index));
  }

  /** Splits unquoted expansion results on IFS into fields; quoted text and literals stay whole. */
  private split(pieces: Piece[]): Field[] {
    const ifs = this.scope.getVariable('IFS') ?? ' \t\n';
    const fields: Field[] = [];
    let current: Field = { text: '', pattern: '', glob: false };
    let started = false;
    const push = (): void => {
      fields.push(current);
      current = { text: '', pattern: '', glob: false };
      started = false;
    };
    for (const piece of pieces) {
      if (piece === 'break') {
        push();
        started = true;
        continue;
      }
      if (!piece.split) {
        current.text += piece.text;
        current.pattern += piece.quoted ? quotePattern(piece.text) : piece.text;
        if (!piece.quoted) current.glob = true;
        if (piece.quoted || piece.text !== '') started = true;
        continue;
      }
      let pendingSeparator = false;
      for (const ch of piece.text) {
        if (ifs.includes(ch)) {
          if (/\s/.test(ch)) {
            if (started) pendingSeparator = true;
          } else {
            push();
            pendingSeparator = false;
          }
          continue;
        }
        if (pendingSeparator) {
          push();
          pendingSeparator = false;
        }
        current.text += ch;
        current.pattern += ch;
        current.glob = true;
        started = true;
      }
      if (pendingSeparator) push();
    }
    if (started) fields.push(current);
    return fields;
  }
}

function joinPieces(pieces: Piece[]): string {
  return pieces.map((p) => (p === 'break' ? ' ' : p.text)).join('');
}

/** An unquoted literal: backslash quotes the next character; a leading `~` is the home directory. */
function literalPieces(value: string, quoted: boolean, wordStart: boolean, scope: ExpansionScope): Piece[] {
  if (quoted) {
    return [{ text: value.replace(/\\([$`"\\])|\\\n/g, (_, ch: string | undefined) => ch ?? ''), quoted: true, split: false }];
  }
  const out: Piece[] = [];
  let rest = value;
  if (wordStart && rest.startsWith('~')) {
    const end = rest.indexOf('/') < 0 ? rest.length : rest.indexOf('/');
    const user = rest.slice(1, end);
    const home = user === '' ? (scope.getVariable('HOME') ?? scope.home) : user === 'root' ? '/root' : undefined;
    if (home !== undefined) {
      out.push({ text: home, quoted: true, split: false });
      rest = rest.slice(end);
    }
  }
  let plain = '';
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '\\' && i + 1 < rest.length) {
      if (plain) out.push({ text: plain, quoted: false, split: false });
      plain = '';
      i++;
      if (rest[i] !== '\n') out.push({ text: rest[i], quoted: true, split: false });
    } else plain += rest[i];
  }
  if (plain) out.push({ text: plain, quoted: false, split: false });
  return out;
}

/** `$'...'`: ANSI-C escapes. */
export function ansiC(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|[0-7]{1,3}|c.|.)/g, (_, esc: string) => {
    switch (esc[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'e':
      case 'E': return '\x1b';
      case 'f': return '\f';
      case 'v': return '\v';
      case 'x':
      case 'u': return esc.length > 1 ? String.fromCodePoint(parseInt(esc.slice(1), 16)) : '\\' + esc;
      case 'c': return String.fromCharCode(esc.charCodeAt(1) & 31);
      default:
        if (/[0-7]/.test(esc[0])) return String.fromCharCode(parseInt(esc, 8));
        return esc;
    }
  });
}

/** Brace expansion: `a{1..3}` `{x,y}z` become several part lists. */
function braceExpand(word: Word): WordPart[][] {
  return word.Braced ? expandParts(word.Braced) : [list(word.Parts)];
}

function expandParts(parts: WordPart[]): WordPart[][] {
  let results: WordPart[][] = [[]];
  for (const part of parts) {
    if (part instanceof SequenceText || nodeType(part) !== 'BraceExp') {
      results = results.map((r) => [...r, part]);
      continue;
    }
    const brace = part as unknown as BraceExp;
    const elems = list(brace.Elems);
    const alternatives: WordPart[][] = brace.Sequence ? sequence(elems).map((text) => [new SequenceText(text) as unknown as WordPart]) : elems.flatMap((e) => expandParts(list(e.Parts)));
    const next: WordPart[][] = [];
    for (const r of results) for (const alt of alternatives) next.push([...r, ...alt]);
    results = next;
    if (results.length > 100_000) throw new ExpansionError('bash: brace expansion: too many words');
  }
  return results;
}

/** One value of a `{1..3}` sequence, standing in for a word part. */
class SequenceText {
  constructor(readonly text: string) {}
}

/** `{1..10..2}`, `{a..e}`, `{01..10}`. */
function sequence(elems: Word[]): string[] {
  const texts = elems.map((e) => list(e.Parts).map((p) => (p as Lit).Value ?? '').join(''));
  const [from, to, stepText] = texts;
  const step = Math.abs(Number(stepText ?? '1')) || 1;
  const out: string[] = [];
  if (/^-?\d+$/.test(from) && /^-?\d+$/.test(to)) {
    const a = Number(from);
    const b = Number(to);
    const width = /^-?0\d/.test(from) || /^-?0\d/.test(to) ? Math.max(from.length, to.length) : 0;
    for (let n = a; a <= b ? n <= b : n >= b; n += a <= b ? step : -step) {
      out.push(width ? (n < 0 ? '-' + String(-n).padStart(width - 1, '0') : String(n).padStart(width, '0')) : String(n));
      if (out.length > 100_000) throw new ExpansionError('bash: brace expansion: too many words');
    }
    return out;
  }
  const a = from.charCodeAt(0);
  const b = to.charCodeAt(0);
  for (let c = a; a <= b ? c <= b : c >= b; c += a <= b ? step : -step) out.push(String.fromCharCode(c));
  return out;
}

export { ArithmeticError };
