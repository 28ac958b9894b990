// Typing at the prompt shows at once. While the shell says its line editor
// echoes typed keys as themselves (at the end of its line, nothing running), a
// printable key is written into the terminal as it is typed and its echo is
// dropped when it comes back. The shell's output stays the truth: an echo that
// is not the key shown (a key still in flight changed what the shell does) has
// the shown keys erased before it is written. A real pty never says so, so its
// terminal only ever shows what comes back.

/** Where the cursor is, in the terminal the keys would be written to. */
export interface EchoScreen {
  cursorX: number;
  cols: number;
}

const PRINTABLE = /^[\x20-\x7e]+$/;

export class LocalEcho {
  /** The latest output said the next key is echoed as itself. */
  private echoing = false;
  /** Keys shown ahead of their echo, in order. */
  private shown = '';

  /** What to write at once for keys just typed: the keys themselves, or nothing. */
  typed(keys: string, screen: EchoScreen): string {
    // A key that would wrap the line is left to the shell, so erasing stays on one line.
    const fits = screen.cursorX + this.shown.length + keys.length < screen.cols;
    if (!this.echoing || !PRINTABLE.test(keys) || !fits) {
      // The shell may answer this key with anything: no more guesses until it says again.
      this.echoing = false;
      return '';
    }
    this.shown += keys;
    return keys;
  }

  /** The shell's output: what of it to write, given the keys already shown. */
  output(data: Uint8Array, echoesTyping: boolean): Uint8Array {
    this.echoing = echoesTyping;
    if (!this.shown) return data;
    let confirmed = 0;
    while (confirmed < data.length && confirmed < this.shown.length && data[confirmed] === this.shown.charCodeAt(confirmed)) confirmed++;
    const rest = data.subarray(confirmed);
    this.shown = this.shown.slice(confirmed);
    if (rest.length === 0 || !this.shown) return rest;
    // The shell did something else: take the unconfirmed keys back off the screen first.
    const erase = `\x1b[${this.shown.length}D\x1b[K`;
    this.shown = '';
    const out = new Uint8Array(erase.length + rest.length);
    for (let i = 0; i < erase.length; i++) out[i] = erase.charCodeAt(i);
    out.set(rest, erase.length);
    return out;
  }

  /** The session ended or was replaced: nothing shown is waiting for an echo any more. */
  reset(): void {
    this.echoing = false;
    this.shown = '';
  }
}
