// GNU sed 4.7's script language: addresses, commands and their errors
// (`sed: -e expression #1, char 5: unterminated `s' command`).
import { translateEre } from '../awk/regex.js';

export type Address =
  | { t: 'line'; n: number }
  | { t: 'last' }
  | { t: 'regex'; re: RegExp | null }
  | { t: 'step'; first: number; step: number };

export type RangeEnd = Address | { t: 'plus'; n: number } | { t: 'multiple'; n: number };

export interface SedCommand {
  a1?: Address;
  a2?: RangeEnd;
  negate: boolean;
  name: string;
  /** a/i/c text, label of b/t/T/:, file of r/w. */
  text?: string;
  /** s: the pattern (null: the last regex used), replacement and flags. */
  re?: RegExp | null;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: number;
  writeFile?: string;
  /** y: the mapping. */
  map?: Map<string, string>;
  /** q/Q: exit status. */
  status?: number;
  /** `{`: index of its matching `}`; b/t/T: index jumped to (commands.length for the end). */
  jump?: number;
}

export class SedScriptError extends Error {}

/** Converts a BRE (or with `extended`, an ERE) with GNU's extensions to a JavaScript RegExp. */
export function sedRegex(source: string, extended: boolean, flags: string): RegExp {
  let ere = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[++i];
      if (next === '<' || next === '>') ere += '\\b';
      else if (next === '`') ere += '^';
      else if (next === "'") ere += '$';
      else if (next === 'n') ere += '\\n';
      else if (next === 't') ere += '\\t';
      else if (!extended && '(){}|+?'.includes(next)) ere += next;
      else ere += '\\' + next;
      continue;
    }
    if (ch === '[') {
      // Copy a bracket expression whole: nothing inside is special to the BRE/ERE difference.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '[' && /^\[[:=.]/.test(source.slice(j)) ? source.indexOf(']', j + 2) - j + 1 : 1;
      ere += source.slice(i, j + 1);
      i = j;
      continue;
    }
    if (!extended && '(){}|+?'.includes(ch)) ere += '\\' + ch;
    else if (!extended && ch === '*' && (ere === '' || ere.endsWith('(') || ere.endsWith('|') || ere === '^')) ere += '\\*';
    else ere += ch;
  }
  return translateEre(ere, flags);
}

const NEEDS_NO_ADDRESS = new Set([':', '}']);
const ONE_ADDRESS = new Set(['=', 'a', 'i', 'q', 'Q', 'r', 'R']);

/** Parses the joined -e/-f scripts; `expressionOf` names the expression a character belongs to for messages. */
export function parseScript(script: string, extended: boolean): SedCommand[] {
  const commands: SedCommand[] = [];
  const blocks: number[] = [];
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new SedScriptError(`-e expression #1, char ${at}: ${message}`);
  };
  const skipBlanks = (): void => {
    while (i < script.length && (script[i] === ' ' || script[i] === '\t')) i++;
  };
  const readNumber = (): number => {
    const digits = /^\d+/.exec(script.slice(i))![0];
    i += digits.length;
    return Number(digits);
  };
  /** Text up to an unescaped delimiter, with `\delim` becoming delim (and `\n` a newline). */
  const delimited = (delim: string, what: string): string => {
    let out = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\n' && what !== 'regex') fail(`unterminated \`${what}' command`, i + 1);
      if (script[i] === '\\' && i + 1 < script.length) {
        const next = script[i + 1];
        out += next === delim ? (delim === '&' ? '\\&' : delim) : next === 'n' && what === 'y' ? '\n' : '\\' + next;
        i += 2;
        continue;
      }
      out += script[i++];
    }
    if (i >= script.length) fail(what === 'regex' ? 'unterminated address regex' : `unterminated \`${what}' command`, script.length);
    i++;
    return out;
  };
  const regexAddress = (delim: string): Address => {
    const source = delimited(delim, 'regex');
    let flags = '';
    while (script[i] === 'I' || script[i] === 'M') flags += script[i++] === 'I' ? 'i' : 'm';
    return { t: 'regex', re: source === '' ? null : compile(source, flags) };
  };
  const compile = (source: string, flags: string): RegExp => {
    try {
      return sedRegex(source, extended, flags);
    } catch {
      return fail('Invalid preceding regular expression');
    }
  };
  const address = (): Address | undefined => {
    if (/\d/.test(script[i] ?? '')) {
      const n = readNumber();
      if (script[i] === '~') {
        i++;
        const step = /\d/.test(script[i] ?? '') ? readNumber() : 0;
        return { t: 'step', first: n, step };
      }
      return { t: 'line', n };
    }
    if (script[i] === '$') {
      i++;
      return { t: 'last' };
    }
    if (script[i] === '/') {
      i++;
      return regexAddress('/');
    }
    if (script[i] === '\\') {
      i += 2;
      return regexAddress(script[i - 1]);
    }
    return undefined;
  };
  /** Rest of an a/i/c command: GNU's one-line form or the `\` newline form. */
  const commandText = (): string => {
    skipBlanks();
    if (script[i] === '\\') {
      i++;
      if (script[i] === '\n') i++;
    }
    let text = '';
    while (i < script.length && script[i] !== '\n') {
      if (script[i] === '\\' && i + 1 < script.length) {
        text += script[i + 1];
        i += 2;
        continue;
      }
      text += script[i++];
    }
    return text;
  };
  const endOfCommand = (): void => {
    skipBlanks();
    if (i < script.length && !';\n}#'.includes(script[i])) fail('extra characters after command', i + 1);
  };
  while (i < script.length) {
    while (i < script.length && ' \t\n;'.includes(script[i])) i++;
    if (i >= script.length) break;
    if (script[i] === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    const command: SedCommand = { negate: false, name: '' };
    command.a1 = address();
    if (command.a1 && script[i] === ',') {
      i++;
      skipBlanks();
      if (script[i] === '+' || script[i] === '~') {
        const kind = script[i++] === '+' ? 'plus' : 'multiple';
        if (!/\d/.test(script[i] ?? '')) fail('expected newer version of sed', i);
        command.a2 = { t: kind, n: readNumber() };
      } else {
        command.a2 = address();
        if (!command.a2) fail('unexpected `,\'', i);
      }
    }
    if (command.a1?.t === 'line' && command.a1.n === 0 && !(command.a2 && command.a2.t === 'regex')) fail('invalid usage of line address 0');
    skipBlanks();
    while (script[i] === '!') {
      command.negate = true;
      i++;
      skipBlanks();
    }
    if (i >= script.length) fail('missing command');
    const name = script[i++];
    command.name = name;
    if (command.a1 && NEEDS_NO_ADDRESS.has(name)) fail(name === '}' ? 'unexpected `}\'' : ': doesn\'t want any addresses');
    if (command.a2 && ONE_ADDRESS.has(name)) fail('command only uses one address');
    switch (name) {
      case '{':
        blocks.push(commands.length);
        commands.push(command);
        continue;
      case '}': {
        const open = blocks.pop();
        if (open === undefined) fail('unexpected `}\'');
        commands[open!].jump = commands.length + 1;
        commands.push(command);
        endOfCommand();
        continue;
      }
      case 'a':
      case 'i':
      case 'c':
        command.text = commandText();
        if (command.text === '' && script[i - 1] !== '\n' && i >= script.length) fail('expected \\ after `a\', `c\' or `i\'');
        break;
      case ':': {
        skipBlanks();
        const label = /^[^;\n]*/.exec(script.slice(i))![0].trim();
        if (label === '') fail('":" lacks a label');
        i += /^[^;\n]*/.exec(script.slice(i))![0].length;
        command.text = label;
        break;
      }
      case 'b':
      case 't':
      case 'T': {
        skipBlanks();
        const label = /^[^;\n}]*/.exec(script.slice(i))![0].trim();
        i += /^[^;\n}]*/.exec(script.slice(i))![0].length;
        command.text = label;
        break;
      }
      case 'r':
      case 'R':
      case 'w':
      case 'W': {
        skipBlanks();
        const file = /^[^\n]*/.exec(script.slice(i))![0];
        i += file.length;
        if (file === '') fail('missing filename in r/R/w/W commands');
        command.text = file;
        break;
      }
      case 'q':
      case 'Q':
      case 'l':
      case 'L':
        skipBlanks();
        if (/\d/.test(script[i] ?? '')) command.status = readNumber();
        endOfCommand();
        break;
      case 's': {
        const delim = script[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') fail('unterminated `s\' command');
        const source = delimited(delim, 's');
        const replacement = delimited(delim, 's');
        let flags = '';
        command.global = false;
        for (;;) {
          const f = script[i];
          if (f === 'g') command.global = true;
          else if (f === 'p') command.print = (command.print ?? 0) + 1;
          else if (f === 'i' || f === 'I') flags += 'i';
          else if (f === 'm' || f === 'M') flags += 'm';
          else if (f === 'e') {
            // Running the pattern space as a command is left out: no shell inside sed here.
          } else if (f !== undefined && /\d/.test(f)) {
            const n = readNumber();
            if (n === 0) fail('number option to `s\' command may not be zero', i);
            command.occurrence = n;
            continue;
          } else if (f === 'w') {
            i++;
            skipBlanks();
            const file = /^[^\n]*/.exec(script.slice(i))![0];
            i += file.length;
            command.writeFile = file;
            break;
          } else break;
          i++;
        }
        if (i < script.length && !' \t;\n}#'.includes(script[i])) fail('unknown option to `s\'', i + 1);
        command.re = source === '' ? null : compile(source, flags);
        command.replacement = replacement;
        endOfCommand();
        break;
      }
      case 'y': {
        const delim = script[i++];
        const from = [...delimited(delim, 'y')];
        const to = [...delimited(delim, 'y')];
        if (from.length !== to.length) fail('strings for `y\' command are different lengths');
        command.map = new Map(from.map((c, k) => [c.replace(/^\\\\$/, '\\'), to[k]]));
        endOfCommand();
        break;
      }
      case '=':
      case 'd':
      case 'D':
      case 'g':
      case 'G':
      case 'h':
      case 'H':
      case 'n':
      case 'N':
      case 'p':
      case 'P':
      case 'x':
      case 'z':
      case 'F':
        endOfCommand();
        break;
      default:
        fail(`unknown command: \`${name}'`);
    }
    commands.push(command);
  }
  if (blocks.length > 0) throw new SedScriptError(`-e expression #1, char 0: unmatched \`{'`);
  // Resolve branch targets.
  for (const c of commands) {
    if (!'btT'.includes(c.name) || c.name === '') continue;
    if (c.text === '') c.jump = commands.length;
    else {
      const at = commands.findIndex((l) => l.name === ':' && l.text === c.text);
      if (at < 0) throw new SedScriptError(`can't find label for jump to \`${c.text}'`);
      c.jump = at;
    }
  }
  return commands;
}
