// Browser mode: the API over one WebSocket to the local web host.
import {
  ApiRequestError,
  type AppApi,
  type EventName,
  type Events,
  type ParamsOf,
  type RequestName,
  type ResultOf,
} from '../../../src-main/core/api/contract.js';
import { decodeTerminalData, encodeTerminalInput, type ClientMessage, type ServerMessage } from '../../../src-main/core/api/wire.js';

type Listener = (payload: unknown) => void;

export function connectWebSocket(url: string, onClose: () => void = () => {}): Promise<AppApi> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
    const listeners = new Map<string, Set<Listener>>();
    let nextId = 1;

    const emit = (event: string, payload: unknown) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };

    socket.onmessage = (message) => {
      if (message.data instanceof ArrayBuffer) {
        const event = decodeTerminalData(new Uint8Array(message.data));
        if (event) emit('terminal.data', event);
        return;
      }
      const msg = JSON.parse(String(message.data)) as ServerMessage;
      if (msg.t === 'ev') {
        emit(msg.e, msg.p);
      } else {
        const waiter = pending.get(msg.id);
        pending.delete(msg.id);
        if (!waiter) return;
        if (msg.ok) waiter.resolve(msg.r);
        else waiter.reject(new ApiRequestError(msg.e.code, msg.e.message));
      }
    };

    socket.onclose = () => {
      for (const waiter of pending.values()) waiter.reject(new ApiRequestError('unavailable', 'connection to the app closed'));
      pending.clear();
      onClose();
    };
    socket.onerror = () => reject(new Error(`cannot connect to ${url.replace(/token=[^&]*/, 'token=…')}`));

    socket.onopen = () => {
      resolve({
        invoke<M extends RequestName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
          if (socket.readyState !== WebSocket.OPEN) {
            return Promise.reject(new ApiRequestError('unavailable', 'connection to the app closed'));
          }
          if (method === 'terminal.input') {
            // Keystrokes go as one small binary frame the host does not answer.
            socket.send(encodeTerminalInput(params as ParamsOf<'terminal.input'>));
            return Promise.resolve(undefined as ResultOf<M>);
          }
          const id = nextId++;
          const request: ClientMessage = { t: 'req', id, m: method, p: params };
          socket.send(JSON.stringify(request));
          return new Promise((res, rej) => pending.set(id, { resolve: res as (r: unknown) => void, reject: rej }));
        },
        on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
          const set = listeners.get(event) ?? new Set<Listener>();
          listeners.set(event, set);
          set.add(listener as Listener);
          return () => set.delete(listener as Listener);
        },
      });
    };
  });
}
