// Electron main process: kept thin. It serves the renderer over app://,
// locks the window down (context isolation, sandbox, no Node, CSP, no
// navigation, no new windows, no permissions), starts the lab utility
// process and relays validated API requests and events between the two.
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  ipcMain,
  MessageChannelMain,
  net,
  protocol,
  session,
  shell,
  utilityProcess,
  type IpcMainInvokeEvent,
  type MessagePortMain,
  type UtilityProcess,
} from 'electron';
import { ApiRequestError, type Settings } from '../core/api/contract.js';
import { contentSecurityPolicy } from '../core/api/csp.js';
import { isAllowedLink } from '../core/api/links.js';
import { ParamsValidator } from '../core/api/validate.js';
import { APP_ORIGIN, APP_SCHEME, EVENT_CHANNEL, INVOKE_CHANNEL, type FromLabProcess, type LabProcessInit, type ToLabProcess } from './channels.js';

const rendererRoot = join(__dirname, '../renderer');
const validator = new ParamsValidator();

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

let mainWindow: BrowserWindow | undefined;
let labProcess: UtilityProcess | undefined;
let labPort: MessagePortMain | undefined;
let nextRequest = 1;
const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();

/** Serves files of the built renderer only, with the CSP as a header; anything outside it is a 404. */
async function serveBundle(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== new URL(APP_ORIGIN).host) return new Response('not found', { status: 404 });
  const relative = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname));
  const file = join(rendererRoot, relative);
  if (!file.startsWith(rendererRoot + sep)) return new Response('forbidden', { status: 403 });
  const response = await net.fetch(pathToFileURL(file).toString());
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', contentSecurityPolicy);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(response.body, { status: response.status, headers });
}

function startLabProcess(): void {
  labProcess = utilityProcess.fork(join(__dirname, 'lab-process.cjs'), [], { serviceName: 'Docker Networking Explorer lab' });
  const { port1, port2 } = new MessageChannelMain();
  const init: LabProcessInit = { appRoot: app.getAppPath(), dataDir: app.getPath('userData') };
  labProcess.postMessage(init, [port2]);
  labPort = port1;
  port1.on('message', ({ data }) => {
    const message = data as FromLabProcess;
    if (message.t === 'ev') {
      mainWindow?.webContents.send(EVENT_CHANNEL, message.e, message.p);
      return;
    }
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (!waiter) return;
    if (message.ok) waiter.resolve(message.r);
    else waiter.reject(new ApiRequestError(message.code as ApiRequestError['code'], message.message));
  });
  port1.start();
  labProcess.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the lab process stopped (exit ${code})`));
    pending.clear();
    labPort = undefined;
    if (!app.isReady() || !mainWindow) return;
    // Start a fresh lab process and reload the screen so it reconnects to it from a clean state.
    startLabProcess();
    mainWindow.webContents.reload();
  });
}

/** Only our own window's top frame, showing our bundle, may call the API. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    !!mainWindow &&
    event.sender === mainWindow.webContents &&
    !!frame &&
    frame === mainWindow.webContents.mainFrame &&
    frame.url.startsWith(`${APP_ORIGIN}/`)
  );
}

/** Replies carry the outcome as data, so the renderer gets the same error codes as over the WebSocket. */
type InvokeReply = { ok: true; r: unknown } | { ok: false; e: { code: ApiRequestError['code']; message: string } };

/** Sends one request to the lab process; rejects with its ApiRequestError when it fails. */
function requestLab(method: string, params: unknown): Promise<unknown> {
  const port = labPort;
  if (!port) return Promise.reject(new ApiRequestError('unavailable', 'the lab process is not running'));
  const id = nextRequest++;
  const request: ToLabProcess = { t: 'req', id, m: method, p: params };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    port.postMessage(request);
  });
}

ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, params: unknown): Promise<InvokeReply> => {
  if (!isTrustedSender(event)) throw new Error('request from an untrusted sender');
  const check = validator.check(method, params);
  if (!check.ok) return { ok: false, e: { code: validator.isMethod(method) ? 'invalid-params' : 'unknown-method', message: check.message } };
  try {
    return { ok: true, r: await requestLab(method as string, params) };
  } catch (error) {
    const e = error instanceof ApiRequestError ? error : new ApiRequestError('failed', String(error));
    return { ok: false, e: { code: e.code, message: e.message } };
  }
});

/**
 * When the OS reports a screen reader (or other assistive technology), the
 * terminals' screen reader setting is turned on, through the same API request
 * the settings dialog makes, so the renderer follows its `settings.changed`.
 * Turning it off stays with the learner.
 */
function followScreenReader(): void {
  const turnOn = (): void => {
    const settings: Partial<Settings> = { screenReaderMode: true };
    requestLab('settings.set', settings).catch((error: unknown) => console.error(`screen reader setting not saved: ${String(error)}`));
  };
  if (app.accessibilitySupportEnabled) turnOn();
  app.on('accessibility-support-changed', (_event, enabled) => {
    if (enabled) turnOn();
  });
}

function lockDown(): void {
  const allowedPermissions = new Set(['clipboard-sanitized-write', 'clipboard-read']);
  session.defaultSession.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(allowedPermissions.has(permission) && webContents.getURL().startsWith(`${APP_ORIGIN}/`));
  });
  session.defaultSession.setPermissionCheckHandler((_webContents, permission, origin) => allowedPermissions.has(permission) && origin === APP_ORIGIN);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (navigation) => navigation.preventDefault());
    contents.on('will-redirect', (navigation) => navigation.preventDefault());
    contents.on('will-attach-webview', (attach) => attach.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedLink(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'Docker Networking Explorer',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would otherwise open links outside the navigation guards.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = undefined));
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html${backendQuery()}`);
}

/** `--backend=sim|docker` and `--chapter=<id>` on the command line reach the renderer like browser mode's URL. */
function backendQuery(): string {
  const params = new URLSearchParams();
  for (const arg of process.argv) {
    const match = /^--(backend|chapter)=([\w.-]+)$/.exec(arg);
    if (match) params.set(match[1], match[2]);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

app.enableSandbox();
// Chromium holds back every task that follows a key press (a terminal's echo
// arriving from the lab process among them) until the next frame is drawn, so
// an echo always missed that frame and showed one frame (~17 ms) later.
app.commandLine.appendSwitch('disable-features', 'DeferRendererTasksAfterInput');
app.whenReady().then(() => {
  protocol.handle(APP_SCHEME, serveBundle);
  lockDown();
  startLabProcess();
  followScreenReader();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length > 0) return;
    if (!labProcess) startLabProcess(); // macOS keeps the app alive with no window; the lab process was stopped
    createWindow();
  });
});

app.on('window-all-closed', () => {
  const host = labProcess;
  labProcess = undefined;
  mainWindow = undefined;
  host?.kill();
  if (process.platform !== 'darwin') app.quit();
});
