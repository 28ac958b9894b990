// IPC channel names shared by main and preload, and the messages main and the
// lab utility process exchange over their MessagePort.
export const INVOKE_CHANNEL = 'dne:invoke';
export const EVENT_CHANNEL = 'dne:event';

/** The custom protocol the renderer is served from (never file://). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://bundle`;

export type ToLabProcess = { t: 'req'; id: number; m: string; p: unknown };
export type FromLabProcess =
  | { t: 'res'; id: number; ok: true; r: unknown }
  | { t: 'res'; id: number; ok: false; code: string; message: string }
  | { t: 'ev'; e: string; p: unknown };

export interface LabProcessInit {
  appRoot: string;
  /** Settings and progress live here (Electron's userData folder). */
  dataDir: string;
}
