import { describe, expect, it } from 'vitest';
import { LocalEcho } from '../../../src-renderer/lib/terminal/local-echo.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);
const wide = { cursorX: 20, cols: 80 };

describe('local echo of typed keys', () => {
  it('shows nothing ahead until the shell says it echoes typed keys', () => {
    const echo = new LocalEcho();
    expect(echo.typed('l', wide)).toBe('');
    expect(text(echo.output(bytes('l'), false))).toBe('l');
    expect(echo.typed('s', wide)).toBe('');
  });

  it('shows printable keys at once and drops their echo when it comes back', () => {
    const echo = new LocalEcho();
    echo.output(bytes('root@docker-host:~# '), true);
    expect(echo.typed('l', wide)).toBe('l');
    expect(echo.typed('s', wide)).toBe('s');
    expect(text(echo.output(bytes('l'), true))).toBe('');
    expect(text(echo.output(bytes('s -l'), true))).toBe(' -l');
  });

  it('erases the keys shown when the shell answers them with something else', () => {
    const echo = new LocalEcho();
    echo.output(bytes('# '), true);
    echo.typed('a', wide);
    echo.typed('b', wide);
    // the shell echoed "a", then something else in place of "b"
    expect(text(echo.output(bytes('aX'), true))).toBe('\x1b[1D\x1b[KX');
    expect(text(echo.output(bytes('more'), true))).toBe('more');
  });

  it('leaves keys the shell may not echo as themselves to the shell, until it says so again', () => {
    const echo = new LocalEcho();
    echo.output(bytes('# '), true);
    expect(echo.typed('\r', wide)).toBe('');
    expect(echo.typed('x', wide)).toBe('');
    expect(echo.typed('\t', wide)).toBe('');
    expect(echo.typed('\x1b[A', wide)).toBe('');
    echo.output(bytes('\r\n# '), true);
    expect(echo.typed('x', wide)).toBe('x');
  });

  it('never shows a key that would wrap the line', () => {
    const echo = new LocalEcho();
    echo.output(bytes('# '), true);
    expect(echo.typed('ab', { cursorX: 77, cols: 80 })).toBe('ab');
    expect(echo.typed('c', { cursorX: 77, cols: 80 })).toBe('');
  });

  it('forgets what it showed when the session ends', () => {
    const echo = new LocalEcho();
    echo.output(bytes('# '), true);
    echo.typed('q', wide);
    echo.reset();
    expect(text(echo.output(bytes('[new shell]# '), false))).toBe('[new shell]# ');
    expect(echo.typed('q', wide)).toBe('');
  });
});
