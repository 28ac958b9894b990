// bash's pattern matching (`*`, `?`, `[...]`) for case, [[ == ]], ${x%pat} and
// pathname expansion against the simulated file system. A pattern is text in
// which a backslash quotes the next character (quoted parts of a word arrive
// escaped that way).
import { FileSystem } from '../fs.js';

const cache = new Map<string, RegExp>();

/** Regular expression source for a pattern (no anchors). */
export function patternSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      out += i < pattern.length ? escapeRegex(pattern[i]) : '\\\\';
    } else if (ch === '*') out += '[\\s\\S]*';
    else if (ch === '?') out += '[\\s\\S]';
    else if (ch === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) out += '\\[';
      else {
        out += bracketClass(pattern.slice(i + 1, end));
        i = end;
      }
    } else out += escapeRegex(ch);
  }
  return out;
}

/** Index of the `]` closing a bracket expression opened at `start`, or -1. */
function bracketEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close > 0) i = close + 1;
    } else if (pattern[i] === ']') return i;
  }
  return -1;
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', word: '\\w', cntrl: '\\x00-\\x1f', print: ' -~', graph: '!-~',
};

function bracketClass(body: string): string {
  let negate = false;
  let i = 0;
  if (body[0] === '!' || body[0] === '^') {
    negate = true;
    i = 1;
  }
  let out = '';
  for (; i < body.length; i++) {
    const ch = body[i];
    if (ch === '[' && body[i + 1] === ':') {
      const close = body.indexOf(':]', i + 2);
      if (close > 0) {
        out += CLASSES[body.slice(i + 2, close)] ?? '';
        i = close + 1;
        continue;
      }
    }
    if (ch === '\\' && i + 1 < body.length) {
      out += '\\' + body[++i];
      continue;
    }
    out += ch === '-' && i > 0 && i < body.length - 1 ? '-' : escapeClassChar(ch);
  }
  return `[${negate ? '^' : ''}${out}]`;
}

function escapeClassChar(ch: string): string {
  return /[\]\\^-]/.test(ch) ? '\\' + ch : ch;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Backslash-quotes the characters a pattern treats specially (a quoted part of a word). */
export function quotePattern(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** True when the whole of `text` matches `pattern`. */
export function matchPattern(pattern: string, text: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = safeRegExp(`^${patternSource(pattern)}$`);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(text);
}

function safeRegExp(source: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch {
    return /(?!)/;
  }
}

/** `${x#pat}` `${x##pat}` `${x%pat}` `${x%%pat}`: `text` without the shortest or longest matching prefix or suffix. */
export function removeAffix(text: string, pattern: string, side: 'prefix' | 'suffix', longest: boolean): string {
  const re = safeRegExp(`^${patternSource(pattern)}$`);
  if (side === 'prefix') {
    for (let n = longest ? text.length : 0; longest ? n >= 0 : n <= text.length; n += longest ? -1 : 1) {
      if (re.test(text.slice(0, n))) return text.slice(n);
    }
  } else {
    for (let n = longest ? 0 : text.length; longest ? n <= text.length : n >= 0; n += longest ? 1 : -1) {
      if (re.test(text.slice(n))) return text.slice(0, n);
    }
  }
  return text;
}

/** `${x/pat/with}` and `${x//pat/with}` (`#`/`%` anchor the pattern at the start or end). */
export function replacePattern(text: string, pattern: string, replacement: string, all: boolean): string {
  let anchor = '';
  if (pattern.startsWith('#') || pattern.startsWith('%')) {
    anchor = pattern[0];
    pattern = pattern.slice(1);
  }
  if (pattern === '' && anchor === '') return text;
  const source = patternSource(pattern);
  // Greedy `*` gives bash's longest match at each position.
  const re = safeRegExp(anchor === '#' ? `^${source}` : anchor === '%' ? `${source}$` : source);
  if (anchor) return text.replace(re, () => replacement);
  const global = safeRegExp(re.source === '(?!)' ? '(?!)' : source);
  if (!all) return text.replace(global, () => replacement);
  let out = '';
  let i = 0;
  while (i <= text.length) {
    const sticky = new RegExp(global.source, 'uy');
    sticky.lastIndex = i;
    const m = sticky.exec(text);
    if (m && m[0].length > 0) {
      out += replacement;
      i += m[0].length;
    } else {
      if (i < text.length) out += text[i];
      i++;
    }
  }
  return out;
}

/** True when a pattern has an unquoted `*`, `?` or `[`: the word is a pathname pattern. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '*' || pattern[i] === '?' || (pattern[i] === '[' && bracketEnd(pattern, i) > 0)) return true;
  }
  return false;
}

/** Unquotes a pattern into the plain text it stands for. */
export function unquotePattern(pattern: string): string {
  return pattern.replace(/\\([\s\S])/g, '$1');
}

/** Pathname expansion: the sorted paths matching `pattern`, or none. Hidden names only match a leading `.`. */
export function globFiles(fs: FileSystem, cwd: string, home: string, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let matches: string[] = [absolute ? '/' : ''];
  for (const segment of segments) {
    if (segment === '') continue;
    const next: string[] = [];
    for (const base of matches) {
      const dir = FileSystem.resolve(cwd, base === '' ? '.' : base, home);
      const join = (name: string): string => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
      if (!hasGlob(segment)) {
        const name = unquotePattern(segment);
        if (fs.exists(FileSystem.resolve(dir, name, home))) next.push(join(name));
        continue;
      }
      const names = fs.list(dir) ?? [];
      for (const name of names) {
        if (name.startsWith('.') && !segment.startsWith('.') && !segment.startsWith('\\.')) continue;
        if (matchPattern(segment, name)) next.push(join(name));
      }
    }
    matches = next;
    if (matches.length === 0) return [];
  }
  return matches.sort();
}
