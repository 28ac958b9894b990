// Messages of the API over a byte/text channel (browser mode's WebSocket).
// Requests, results and events are JSON text; terminal output and keystrokes
// go as binary frames, [kind][id length][id, ASCII][data]: output so bytes stay
// bytes, keystrokes so each costs no JSON and no reply on its way to the shell.
// Output after which the shell echoes typed keys as themselves has a kind of its own.
import { encodeUtf8, utf8Decoder } from '../base/utf8.js';
import type { ApiError, EventName, Events, ParamsOf } from './contract.js';

export type ClientMessage = { t: 'req'; id: number; m: string; p: unknown };

export type ServerMessage =
  | { t: 'res'; id: number; ok: true; r: unknown }
  | { t: 'res'; id: number; ok: false; e: ApiError }
  | { t: 'ev'; e: Exclude<EventName, 'terminal.data'>; p: unknown };

const TERMINAL_DATA = 1;
const TERMINAL_INPUT = 2;
const TERMINAL_DATA_ECHOING = 3;

/** A fresh frame on its own ArrayBuffer (what WebSocket.send accepts). */
function encodeFrame(kind: number, id: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  if (id.length > 255 || !/^[\x20-\x7e]*$/.test(id)) throw new Error(`terminal id not encodable: ${id}`);
  const frame = new Uint8Array(2 + id.length + data.length);
  frame[0] = kind;
  frame[1] = id.length;
  for (let i = 0; i < id.length; i++) frame[2 + i] = id.charCodeAt(i);
  frame.set(data, 2 + id.length);
  return frame;
}

function decodeFrame(kind: number, frame: Uint8Array): { id: string; data: Uint8Array } | undefined {
  if (frame.length < 2 || frame[0] !== kind) return undefined;
  const idLength = frame[1];
  if (frame.length < 2 + idLength) return undefined;
  const id = String.fromCharCode(...frame.subarray(2, 2 + idLength));
  return { id, data: frame.slice(2 + idLength) };
}

export function encodeTerminalData(event: Events['terminal.data']): Uint8Array {
  return encodeFrame(event.echoesTyping ? TERMINAL_DATA_ECHOING : TERMINAL_DATA, event.id, event.data);
}

export function decodeTerminalData(frame: Uint8Array): Events['terminal.data'] | undefined {
  const echoesTyping = frame[0] === TERMINAL_DATA_ECHOING;
  const decoded = decodeFrame(echoesTyping ? TERMINAL_DATA_ECHOING : TERMINAL_DATA, frame);
  return decoded && (echoesTyping ? { ...decoded, echoesTyping } : decoded);
}

/** Keystrokes for a terminal (a `terminal.input` request that wants no answer). */
export function encodeTerminalInput(input: ParamsOf<'terminal.input'>): Uint8Array<ArrayBuffer> {
  return encodeFrame(TERMINAL_INPUT, input.id, encodeUtf8(input.data));
}

export function decodeTerminalInput(frame: Uint8Array): ParamsOf<'terminal.input'> | undefined {
  const decoded = decodeFrame(TERMINAL_INPUT, frame);
  return decoded && { id: decoded.id, data: utf8Decoder().decode(decoded.data) };
}

/** Parses a client's text message; anything malformed is `undefined`. */
export function parseClientMessage(text: string): ClientMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const m = value as Partial<ClientMessage> | null;
  if (!m || typeof m !== 'object' || m.t !== 'req' || !Number.isSafeInteger(m.id) || typeof m.m !== 'string') return undefined;
  return { t: 'req', id: m.id!, m: m.m, p: m.p ?? {} };
}
