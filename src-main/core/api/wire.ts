// Messages of the API over a byte/text channel (browser mode's WebSocket).
// Requests, results and events are JSON text; terminal output goes as binary
// frames so bytes stay bytes: [kind=1][id length][id, ASCII][data].
import type { ApiError, EventName, Events } from './contract.js';

export type ClientMessage = { t: 'req'; id: number; m: string; p: unknown };

export type ServerMessage =
  | { t: 'res'; id: number; ok: true; r: unknown }
  | { t: 'res'; id: number; ok: false; e: ApiError }
  | { t: 'ev'; e: Exclude<EventName, 'terminal.data'>; p: unknown };

const TERMINAL_DATA = 1;

export function encodeTerminalData(event: Events['terminal.data']): Uint8Array {
  const { id, data } = event;
  if (id.length > 255 || !/^[\x20-\x7e]*$/.test(id)) throw new Error(`terminal id not encodable: ${id}`);
  const frame = new Uint8Array(2 + id.length + data.length);
  frame[0] = TERMINAL_DATA;
  frame[1] = id.length;
  for (let i = 0; i < id.length; i++) frame[2 + i] = id.charCodeAt(i);
  frame.set(data, 2 + id.length);
  return frame;
}

export function decodeTerminalData(frame: Uint8Array): Events['terminal.data'] | undefined {
  if (frame.length < 2 || frame[0] !== TERMINAL_DATA) return undefined;
  const idLength = frame[1];
  if (frame.length < 2 + idLength) return undefined;
  const id = String.fromCharCode(...frame.subarray(2, 2 + idLength));
  return { id, data: frame.slice(2 + idLength) };
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
