// bash's history expansion of an interactive line: `!!`, `!N`, `!-N`, `!PREFIX`
// and `!$` (the last word of the previous line). Not inside single quotes, and
// not for a `!` before a blank, `=` or `(` (bash leaves those alone).

export type Expansion = { ok: true; line: string; changed: boolean } | { ok: false; error: string };

const EVENT = /^!(!|-?\d+|\$|[^\s=(!$'"][^\s'"]*)/;

function lastWord(line: string): string {
  const words = line.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}

export function expandHistory(line: string, history: readonly string[]): Expansion {
  let out = '';
  let changed = false;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === "'") {
      if (ch === "'") quote = '';
      out += ch;
      continue;
    }
    if (ch === '\\' && line[i + 1] === '!') {
      out += '\\!';
      i++;
      continue;
    }
    if (ch === "'" && quote === '') quote = "'";
    else if (ch === '"') quote = quote === '"' ? '' : '"';
    const m = ch === '!' ? EVENT.exec(line.slice(i)) : null;
    if (!m) {
      out += ch;
      continue;
    }
    const spec = m[1];
    let found: string | undefined;
    if (spec === '!') found = history[history.length - 1];
    else if (spec === '$') found = history.length > 0 ? lastWord(history[history.length - 1]) : undefined;
    else if (/^-?\d+$/.test(spec)) {
      const n = Number(spec);
      found = n > 0 ? history[n - 1] : history[history.length + n];
    } else {
      for (let h = history.length - 1; h >= 0 && found === undefined; h--) if (history[h].startsWith(spec)) found = history[h];
    }
    if (found === undefined) return { ok: false, error: `bash: ${m[0]}: event not found` };
    out += found;
    changed = true;
    i += m[0].length - 1;
  }
  return { ok: true, line: out, changed };
}
