// POSIX EREs (awk's regular expressions) as JavaScript ones: bracket classes
// such as [:digit:] spelled out, `.` matching newlines too.

const CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9', alpha: 'A-Za-z', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f', digit: '0-9', graph: '!-~', lower: 'a-z',
  print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: ' \\t\\n\\r\\f\\v', upper: 'A-Z', xdigit: '0-9A-Fa-f',
};

/** Translates an ERE; throws SyntaxError for one JavaScript cannot take either. */
export function translateEre(source: string, flags = ''): RegExp {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\' && i + 1 < source.length) {
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (ch !== '[') {
      // A brace that opens no interval is a plain character in an ERE.
      out += ch === '{' && !/^\{\d+(,\d*)?\}/.test(source.slice(i)) ? '\\{' : ch === '}' && !/\{\d+(,\d*)?$/.test(source.slice(0, i)) ? '\\}' : ch;
      continue;
    }
    // A bracket expression: `]` first is literal, backslashes are literal in POSIX but escapes in awk.
    let j = i + 1;
    let body = '';
    if (source[j] === '^') {
      body += '^';
      j++;
    }
    if (source[j] === ']') {
      body += '\\]';
      j++;
    }
    while (j < source.length && source[j] !== ']') {
      const cls = /^\[:([a-z]+):\]/.exec(source.slice(j));
      if (cls && CLASSES[cls[1]]) {
        body += CLASSES[cls[1]];
        j += cls[0].length;
        continue;
      }
      if (source[j] === '\\' && j + 1 < source.length) {
        body += source.slice(j, j + 2);
        j += 2;
        continue;
      }
      body += source[j] === '[' ? '\\[' : source[j];
      j++;
    }
    if (j >= source.length) throw new SyntaxError('bad class -- [], [^] or [');
    out += '[' + body + ']';
    i = j;
  }
  return new RegExp(out, 's' + flags);
}
