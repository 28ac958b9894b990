// awk's tokens. A `/` starts a regular expression where an operand is
// expected and divides after one; newlines are tokens (they end statements).

export type TokenKind = 'number' | 'string' | 'regex' | 'name' | 'funcName' | 'builtin' | 'keyword' | 'punct' | 'newline' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Numbers' values. */
  value?: number;
  line: number;
}

export class AwkSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt', 'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush']);
const PUNCT = ['**=', '...', '&&', '||', '==', '<=', '>=', '!=', '++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '**', '>>', '!~', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

const STRING_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const operandEnded = (): boolean => {
    const last = tokens[tokens.length - 1];
    if (!last) return false;
    if (last.kind === 'number' || last.kind === 'string' || last.kind === 'regex' || last.kind === 'name' || last.kind === 'builtin') return true;
    return last.kind === 'punct' && [')', ']', '$', '++', '--'].includes(last.text);
  };
  while (i < source.length) {
    const ch = source[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '\\' && source[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (ch === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (ch === '\n') {
      tokens.push({ kind: 'newline', text: '\n', line });
      line++;
      i++;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0]), line });
      i += number[0].length;
      continue;
    }
    if (ch === '"') {
      let text = '';
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === '\n') throw new AwkSyntaxError(line, 'runaway string constant "' + text.slice(0, 10) + ' ...');
        if (source[i] === '\\' && i + 1 < source.length) {
          const next = source[i + 1];
          const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1));
          if (octal) {
            text += String.fromCharCode(parseInt(octal[0], 8));
            i += 1 + octal[0].length;
            continue;
          }
          if (next === '\n') {
            line++;
            i += 2;
            continue;
          }
          text += STRING_ESCAPES[next] ?? '\\' + next;
          i += 2;
          continue;
        }
        text += source[i++];
      }
      if (i >= source.length) throw new AwkSyntaxError(line, 'runaway string constant "' + text.slice(0, 10) + ' ...');
      i++;
      tokens.push({ kind: 'string', text, line });
      continue;
    }
    if (ch === '/' && !operandEnded()) {
      let text = '';
      let inBracket = false;
      i++;
      while (i < source.length && (source[i] !== '/' || inBracket)) {
        if (source[i] === '\n') throw new AwkSyntaxError(line, 'runaway regular expression /' + text.slice(0, 10) + ' ...');
        if (source[i] === '\\' && i + 1 < source.length) {
          text += source[i + 1] === '/' ? '/' : source.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (source[i] === '[' && !inBracket) {
          inBracket = true;
          text += source[i++];
          if (source[i] === '^') text += source[i++];
          if (source[i] === ']') text += source[i++];
          continue;
        }
        if (source[i] === ']' && inBracket) inBracket = false;
        text += source[i++];
      }
      if (i >= source.length) throw new AwkSyntaxError(line, 'runaway regular expression /' + text.slice(0, 10) + ' ...');
      i++;
      tokens.push({ kind: 'regex', text, line });
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (word) {
      const text = word[0];
      i += text.length;
      if (KEYWORDS.has(text)) tokens.push({ kind: 'keyword', text: text === 'func' ? 'function' : text, line });
      else if (BUILTINS.has(text)) tokens.push({ kind: 'builtin', text, line });
      else tokens.push({ kind: source[i] === '(' ? 'funcName' : 'name', text, line });
      continue;
    }
    const punct = PUNCT.find((p) => source.startsWith(p, i));
    if (!punct) throw new AwkSyntaxError(line, `syntax error at or near ${ch}`);
    tokens.push({ kind: 'punct', text: punct === '**' ? '^' : punct === '**=' ? '^=' : punct, line });
    i += punct.length;
  }
  tokens.push({ kind: 'eof', text: 'end of file', line });
  return tokens;
}
