// The renderer's one way to the app: the Electron preload bridge when it is
// there, otherwise browser mode's WebSocket. Both give the same AppApi.
import type { AppApi, EventName, Events, ParamsOf, RequestName, ResultOf } from '../../../src-main/core/api/contract.js';
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
    invoke<M extends RequestName>(method: M, params: ParamsOf<M>) {
      return bridge.invoke(method, params) as Promise<ResultOf<M>>;
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
