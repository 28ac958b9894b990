// Splits raw terminal input into keys: printable text, control characters and
// escape sequences (cursor keys, Home/End/Delete in their xterm spellings).

export type Key =
  | { kind: 'text'; text: string }
  | { kind: 'ctrl'; letter: string } // Ctrl-A = 'a'
  | { kind: 'enter' | 'backspace' | 'tab' | 'escape' }
  | { kind: 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'delete' | 'wordLeft' | 'wordRight' }
  | { kind: 'unknown' };

const SEQUENCES: Record<string, Key['kind']> = {
  '[A': 'up',
  '[B': 'down',
  '[C': 'right',
  '[D': 'left',
  '[H': 'home',
  '[F': 'end',
  OA: 'up',
  OB: 'down',
  OC: 'right',
  OD: 'left',
  OH: 'home',
  OF: 'end',
  '[1~': 'home',
  '[7~': 'home',
  '[4~': 'end',
  '[8~': 'end',
  '[3~': 'delete',
  '[1;5C': 'wordRight',
  '[1;5D': 'wordLeft',
  b: 'wordLeft',
  f: 'wordRight',
};

const ESCAPE = /^\x1b(?:\[[0-9;]*[A-Za-z~]|O[A-Za-z]|[^[O])?/;

export function splitKeys(data: string): Key[] {
  const keys: Key[] = [];
  let text = '';
  const flush = (): void => {
    if (text) keys.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < data.length; ) {
    const ch = data[i];
    const code = ch.charCodeAt(0);
    if (ch === '\x1b') {
      flush();
      const seq = ESCAPE.exec(data.slice(i))![0];
      const body = seq.slice(1);
      const kind = body === '' ? 'escape' : SEQUENCES[body];
      keys.push(kind ? ({ kind } as Key) : { kind: 'unknown' });
      i += seq.length;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      flush();
      keys.push({ kind: 'enter' });
      // CR LF from a paste is one Enter.
      i += ch === '\r' && data[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (code === 0x7f || code === 0x08) {
      flush();
      keys.push({ kind: 'backspace' });
    } else if (ch === '\t') {
      flush();
      keys.push({ kind: 'tab' });
    } else if (code < 0x20) {
      flush();
      keys.push({ kind: 'ctrl', letter: String.fromCharCode(code + 0x60) });
    } else {
      text += ch;
    }
    i++;
  }
  flush();
  return keys;
}
