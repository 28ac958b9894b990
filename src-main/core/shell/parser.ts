// Turns a command line into lists of pipelines. Word splitting, quotes and
// escapes come from shell-quote; this module adds what it lacks: `$(...)`,
// `2>`/`2>&1` redirections, and `#` only starting a comment at a word start.
// Variables and command substitutions stay as markers inside words and are
// expanded when their command runs, so `X=1; echo $X` sees the new value.
import { parse as shellParse } from 'shell-quote';

const MARK = '\u0001';
const FD2 = '__dne_fd2__';

/**
 * A piece of a word: literal text, a variable, or a command substitution.
 * `split` marks unquoted expansions, whose result bash splits into words.
 */
export type WordPart = { text: string } | { variable: string; split?: boolean } | { substitution: string; split?: boolean };
export type Word = WordPart[];

export interface Redirect {
  fd: 0 | 1 | 2;
  op: '>' | '>>' | '<' | '>&';
  /** The file (a word), or for `>&` the fd number duplicated. */
  target: Word;
}

export interface SimpleCommand {
  /** `NAME=value` words before the command. */
  assignments: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline {
  commands: SimpleCommand[];
}

export type Connector = ';' | '&&' | '||' | '&';

/** One list element: a pipeline and how it connects to the next (`&` runs it in the background). */
export interface ListItem {
  pipeline: Pipeline;
  connector: Connector;
}

export type ParseResult = { ok: true; items: ListItem[] } | { ok: false; error: string };

interface Prepared {
  line: string;
  substitutions: string[];
  /** True when the line ends inside quotes or a `$(`: bash would ask for more. */
  incomplete: boolean;
}

/**
 * Scans the raw line once, tracking quotes, to cut out `$(...)` spans, mark `2>`
 * redirections, escape `#` inside words and drop comments.
 */
function prepare(raw: string): Prepared {
  const substitutions: string[] = [];
  let out = '';
  let quote: '' | "'" | '"' = '';
  let i = 0;
  const atWordStart = (): boolean => out === '' || /[\s;&|()<>]$/.test(out);
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === MARK) {
      i++; // never let typed text forge a marker
      continue;
    }
    if (quote === "'") {
      out += ch;
      if (ch === "'") quote = '';
      i++;
      continue;
    }
    if (ch === '\\' && i + 1 < raw.length) {
      out += raw.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '$' && raw[i + 1] === '(') {
      const end = matchingParen(raw, i + 2);
      if (end < 0) return { line: out, substitutions, incomplete: true };
      substitutions.push(raw.slice(i + 2, end));
      out += `\${${MARK}${quote === '"' ? 'c' : 'C'}${substitutions.length - 1}}`;
      i = end + 1;
      continue;
    }
    const variable = quote === '' && ch === '$' ? UNQUOTED_VARIABLE.exec(raw.slice(i)) : null;
    if (variable) {
      out += `\${${MARK}u${variable[1] ?? variable[2]}}`;
      i += variable[0].length;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = '';
      out += ch;
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
      i++;
      continue;
    }
    if (ch === '#') {
      if (atWordStart()) break;
      out += '\\#';
      i++;
      continue;
    }
    if ((ch === '2' || ch === '1') && raw[i + 1] === '>' && atWordStart()) {
      out += ch === '2' ? ` ${FD2} ` : ' ';
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  return { line: out, substitutions, incomplete: quote !== '' };
}

/** `$NAME`, `${NAME}` or a special parameter outside quotes. */
const UNQUOTED_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])\}|([A-Za-z_][A-Za-z0-9_]*|[?$#0-9]))/;

/** Index of the `)` closing a `$(` whose body starts at `from`, or -1. */
function matchingParen(raw: string, from: number): number {
  let depth = 1;
  let quote = '';
  for (let i = from; i < raw.length; i++) {
    const ch = raw[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '\\') i++;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Splits a shell-quote word back into literal text and markers. */
function toWord(text: string, substitutions: string[]): Word {
  const parts: Word = [];
  const pieces = text.split(MARK);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (i % 2 === 0) {
      if (piece) parts.push({ text: piece });
    } else if (piece.startsWith('c') || piece.startsWith('C')) {
      parts.push({ substitution: substitutions[Number(piece.slice(1))] ?? '', split: piece.startsWith('C') });
    } else if (piece.startsWith('u')) {
      parts.push({ variable: piece.slice(1), split: true });
    } else {
      const name = piece.slice(1);
      parts.push(name === '' ? { text: '$' } : { variable: name });
    }
  }
  return parts;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

export function isIncomplete(line: string): boolean {
  return prepare(line).incomplete;
}

export function parseLine(line: string): ParseResult {
  const prepared = prepare(line);
  if (prepared.incomplete) return { ok: false, error: 'bash: unexpected EOF while looking for matching quote' };
  let tokens: ReturnType<typeof shellParse>;
  try {
    tokens = shellParse(prepared.line, (key: string) =>
      key.startsWith(MARK) ? `${MARK}${key.slice(1)}${MARK}` : `${MARK}v${key}${MARK}`,
    );
  } catch {
    return { ok: false, error: 'bash: syntax error' };
  }
  const items: ListItem[] = [];
  let commands: SimpleCommand[] = [];
  let current: SimpleCommand = { assignments: [], words: [], redirects: [] };
  let pendingFd: 0 | 1 | 2 | undefined;
  const syntaxError = (token: string): ParseResult => ({
    ok: false,
    error: `bash: syntax error near unexpected token \`${token}'`,
  });
  /** Closes the command being built; false when it is empty (a syntax error before an operator). */
  const endCommand = (): boolean => {
    if (current.words.length === 0 && current.assignments.length === 0 && current.redirects.length === 0) return false;
    commands.push(current);
    current = { assignments: [], words: [], redirects: [] };
    return true;
  };
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (typeof token === 'string') {
      if (token === FD2) {
        pendingFd = 2;
        continue;
      }
      const word = toWord(token, prepared.substitutions);
      const assignment = current.words.length === 0 ? ASSIGNMENT.exec(token) : null;
      if (assignment) {
        current.assignments.push({
          name: assignment[1],
          value: toWord(token.slice(assignment[0].length), prepared.substitutions),
        });
      } else {
        current.words.push(word);
      }
      continue;
    }
    if (!('op' in token)) break; // a comment
    if (token.op === 'glob') {
      current.words.push([{ text: (token as { pattern: string }).pattern }]);
      continue;
    }
    const op: string = token.op;
    if (op === '>' || op === '>>' || op === '<' || op === '>&') {
      const next = tokens[t + 1];
      if (typeof next !== 'string') return syntaxError(next === undefined ? 'newline' : op);
      t++;
      const fd = op === '<' ? 0 : (pendingFd ?? 1);
      current.redirects.push({ fd, op, target: toWord(next, prepared.substitutions) });
      pendingFd = undefined;
      continue;
    }
    if (op === '|' || op === '|&') {
      if (!endCommand()) return syntaxError(op);
      continue;
    }
    if (op === ';' || op === '&&' || op === '||' || op === '&' || op === ';;') {
      if (op === ';;' || !endCommand()) return syntaxError(op);
      items.push({ pipeline: { commands }, connector: op as Connector });
      commands = [];
      continue;
    }
    return syntaxError(op);
  }
  if (pendingFd !== undefined) current.words.push([{ text: '2' }]);
  if (!endCommand()) {
    if (commands.length > 0) return syntaxError('newline');
    const last = items[items.length - 1];
    if (last && (last.connector === '&&' || last.connector === '||')) return syntaxError('newline');
    return { ok: true, items };
  }
  items.push({ pipeline: { commands }, connector: ';' });
  return { ok: true, items };
}

/** The literal text of a word when it has no expansions (used for completion and display). */
export function literal(word: Word): string {
  return word.map((p) => ('text' in p ? p.text : 'variable' in p ? `$${p.variable}` : `$(${p.substitution})`)).join('');
}
