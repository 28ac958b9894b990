// The sandboxed preload: the renderer's only door to the app. It exposes
// exactly `invoke(method, params)` and `on(event, listener)`; main validates
// the sender and every request's params before anything runs.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventNames } from '../core/api/contract.js';
import { INVOKE_CHANNEL, EVENT_CHANNEL } from './channels.js';

const knownEvents = new Set<string>(eventNames);

contextBridge.exposeInMainWorld('dne', {
  invoke(method: string, params: unknown): Promise<unknown> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, String(method), params);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!knownEvents.has(event)) throw new Error(`unknown event ${event}`);
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});
