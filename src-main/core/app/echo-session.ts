// A stand-in terminal used only while no lab backend is available: it echoes
// each line back and says so. The status bar tells the learner the same.
import type { Disposable, TerminalSession, TerminalSize } from '../lab/backend.js';
import type { TerminalName } from '../api/lab.js';

/** UTF-8 bytes of a string (core/ has no TextEncoder in its type environment). */
export function encodeUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(bytes);
}

export class EchoSession implements TerminalSession {
  readonly busy = false;
  private line = '';
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly exitListeners = new Set<(code: number) => void>();

  constructor(readonly name: TerminalName) {}

  /** Prints the banner and first prompt; called once listeners are attached. */
  start(): void {
    this.emit(`\x1b[33mNo lab backend yet: this terminal only echoes lines.\x1b[0m\r\n${this.prompt()}`);
  }

  write(data: string): void {
    for (const ch of data) {
      if (ch === '\r') {
        this.emit(`\r\n${this.line ? `echo: ${this.line}\r\n` : ''}${this.prompt()}`);
        this.line = '';
      } else if (ch === '\x7f') {
        if (this.line) {
          this.line = [...this.line].slice(0, -1).join('');
          this.emit('\b \b');
        }
      } else if (ch === '\x03') {
        this.line = '';
        this.emit(`^C\r\n${this.prompt()}`);
      } else if (ch >= ' ') {
        this.line += ch;
        this.emit(ch);
      }
    }
  }

  resize(_size: TerminalSize): void {}

  onData(listener: (chunk: Uint8Array) => void): Disposable {
    this.dataListeners.add(listener);
    return { dispose: () => this.dataListeners.delete(listener) };
  }

  onExit(listener: (exitCode: number) => void): Disposable {
    this.exitListeners.add(listener);
    return { dispose: () => this.exitListeners.delete(listener) };
  }

  dispose(): void {
    for (const listener of this.exitListeners) listener(0);
    this.dataListeners.clear();
    this.exitListeners.clear();
  }

  private prompt(): string {
    return `${this.name}(echo)$ `;
  }

  private emit(text: string): void {
    const bytes = encodeUtf8(text);
    for (const listener of this.dataListeners) listener(bytes);
  }
}
