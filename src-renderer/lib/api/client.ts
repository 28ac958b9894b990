// The renderer's one way to the app: the Electron preload bridge when it is
// there, otherwise browser mode's WebSocket. Both give the same AppApi.
import {
  ApiRequestError,
  type ApiError,
  type AppApi,
  type EventName,
  type Events,
  type ParamsOf,
  type RequestName,
  type ResultOf,
} from '../../../src-main/core/api/contract.js';
import { connectWebSocket } from './websocket.js';

/** What the preload script exposes (see src-main/electron/preload.ts). */
export interface PreloadBridge {
  invoke(method: string, params: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    dne?: PreloadBridge;
  }
}

export function bridgeApi(bridge: PreloadBridge): AppApi {
  return {
    async invoke<M extends RequestName>(method: M, params: ParamsOf<M>) {
      // Main answers with the outcome as data (see src-main/electron/main.ts).
      const reply = (await bridge.invoke(method, params)) as { ok: true; r: ResultOf<M> } | { ok: false; e: ApiError };
      if (!reply.ok) throw new ApiRequestError(reply.e.code, reply.e.message);
      return reply.r;
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
  };
}

export async function connectApi(onClose: () => void, location: Location = window.location): Promise<AppApi> {
  if (window.dne) return bridgeApi(window.dne);
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return connectWebSocket(`${scheme}//${location.host}/api?token=${encodeURIComponent(token)}`, onClose);
}
