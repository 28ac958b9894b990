import { describe, expect, it } from 'vitest';
import { decodeTerminalData, decodeTerminalInput, encodeTerminalData, encodeTerminalInput, parseClientMessage } from '../../../src-main/core/api/wire.js';
import { AckBatcher } from '../../../src-renderer/lib/terminal/ack.js';
import { terminalKeyAction } from '../../../src-renderer/lib/terminal/keys.js';

describe('wire format', () => {
  it('round-trips terminal output bytes, including split UTF-8 and NUL', () => {
    const data = new Uint8Array([0xe2, 0x82, 0, 0x1b, 0x5b, 0x41, 0xff]);
    const decoded = decodeTerminalData(encodeTerminalData({ id: 't12', data }));
    expect(decoded?.id).toBe('t12');
    expect([...decoded!.data]).toEqual([...data]);
  });

  it('carries whether the shell now echoes typed keys as themselves', () => {
    const data = new Uint8Array([0x24, 0x20]);
    expect(decodeTerminalData(encodeTerminalData({ id: 't1', data, echoesTyping: true }))?.echoesTyping).toBe(true);
    expect(decodeTerminalData(encodeTerminalData({ id: 't1', data, echoesTyping: false }))?.echoesTyping).toBeUndefined();
    expect(decodeTerminalData(encodeTerminalData({ id: 't1', data }))?.echoesTyping).toBeUndefined();
  });

  it('round-trips keystrokes as text and keeps them apart from output frames', () => {
    const frame = encodeTerminalInput({ id: 't3', data: 'é\x1b[A\r' });
    expect(decodeTerminalInput(frame)).toEqual({ id: 't3', data: 'é\x1b[A\r' });
    expect(decodeTerminalData(frame)).toBeUndefined();
    expect(decodeTerminalInput(encodeTerminalData({ id: 't3', data: new Uint8Array([65]) }))).toBeUndefined();
  });

  it('rejects frames that are not terminal data or are truncated', () => {
    expect(decodeTerminalData(new Uint8Array([2, 1, 65]))).toBeUndefined();
    expect(decodeTerminalData(new Uint8Array([1, 5, 65]))).toBeUndefined();
    expect(() => encodeTerminalData({ id: 'é', data: new Uint8Array() })).toThrow();
  });

  it('parses only well-formed requests', () => {
    expect(parseClientMessage('{"t":"req","id":3,"m":"app.info","p":{}}')).toEqual({ t: 'req', id: 3, m: 'app.info', p: {} });
    expect(parseClientMessage('{"t":"req","id":"3","m":"app.info"}')).toBeUndefined();
    expect(parseClientMessage('{"t":"ev","id":3,"m":"x"}')).toBeUndefined();
    expect(parseClientMessage('not json')).toBeUndefined();
    expect(parseClientMessage('null')).toBeUndefined();
  });
});

describe('renderer terminal helpers', () => {
  it('acknowledges written output in chunks and keeps the remainder', () => {
    const sent: number[] = [];
    const acks = new AckBatcher((n) => sent.push(n), 5000);
    acks.written(3000);
    expect(sent).toEqual([]);
    acks.written(2500);
    expect(sent).toEqual([5500]);
    acks.written(4999);
    expect(sent).toEqual([5500]);
  });

  it('maps copy/paste/zoom shortcuts and leaves plain Ctrl+C to the shell', () => {
    const key = (k: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean }> = {}) =>
      terminalKeyAction({ key: k, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });
    expect(key('C', { ctrlKey: true, shiftKey: true })).toBe('copy');
    expect(key('V', { ctrlKey: true, shiftKey: true })).toBe('paste');
    expect(key('c', { ctrlKey: true })).toBeUndefined();
    expect(key('=', { ctrlKey: true })).toBe('zoom-in');
    expect(key('-', { ctrlKey: true })).toBe('zoom-out');
    expect(key('0', { ctrlKey: true })).toBe('zoom-reset');
    expect(key('c')).toBeUndefined();
  });
});
