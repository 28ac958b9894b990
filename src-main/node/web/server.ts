// Browser mode's host: serves the built renderer and the app API over one
// WebSocket. Bound to 127.0.0.1; the WebSocket needs the per-run token from
// the printed URL and an Origin of this very server, so another web page open
// in the same browser cannot drive the learner's terminals.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiRequestError, type EventName, type Events } from '../../core/api/contract.js';
import { contentSecurityPolicy } from '../../core/api/csp.js';
import { decodeTerminalInput, encodeTerminalData, parseClientMessage, type ServerMessage } from '../../core/api/wire.js';
import type { AppService } from '../../core/app/service.js';
import { SNAPSHOT_MAX_CHARS } from '../../core/api/practice.js';

export interface WebHostOptions {
  service: AppService;
  /** The built renderer (out/web). */
  root: string;
  port?: number;
  /** Fixed for tests; random per run otherwise. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};


/** Refuses a WebSocket once this many bytes wait to be sent to it (a stuck tab). */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.root);
  const server = createServer((req, res) => void serveFile(root, req, res));
  // Room for the largest snapshot file a request may carry, JSON-escaped on the wire.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: Math.max(2 * 1024 * 1024, 3 * SNAPSHOT_MAX_CHARS) });
  const clients = new Set<WebSocket>();

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const port = (server.address() as AddressInfo).port;
  const allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const reason =
      url.pathname !== '/api'
        ? '404 Not Found'
        : !allowedOrigins.has(req.headers.origin ?? '')
          ? '403 Forbidden'
          : !sameToken(url.searchParams.get('token') ?? '', token)
            ? '401 Unauthorized'
            : undefined;
    if (reason) {
      socket.end(`HTTP/1.1 ${reason}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => {
        if (isBinary) keystrokes(options.service, data as Buffer);
        else void answer(options.service, ws, data.toString());
      });
    });
  });

  const unsubscribe = options.service.onEvent(<E extends EventName>(event: E, payload: Events[E]) => {
    const frame =
      event === 'terminal.data'
        ? encodeTerminalData(payload as Events['terminal.data'])
        : JSON.stringify({ t: 'ev', e: event, p: payload } as ServerMessage);
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) ws.terminate();
      else ws.send(frame);
    }
  });

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      sockets.close();
      await closeServer(server);
    },
  };
}

async function answer(service: AppService, ws: WebSocket, text: string): Promise<void> {
  const request = parseClientMessage(text);
  if (!request) return;
  let reply: ServerMessage;
  try {
    reply = { t: 'res', id: request.id, ok: true, r: (await service.handle(request.m, request.p)) ?? null };
  } catch (error) {
    const e = error instanceof ApiRequestError ? error : new ApiRequestError('failed', String(error));
    reply = { t: 'res', id: request.id, ok: false, e: { code: e.code, message: e.message } };
  }
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
}

/** A binary frame of keystrokes: handled like a `terminal.input` request, with no answer to send. */
function keystrokes(service: AppService, frame: Buffer): void {
  const input = decodeTerminalInput(frame);
  // Keys for a terminal that just closed have nowhere to go.
  if (input) service.handle('terminal.input', input).catch(() => {});
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function serveFile(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  const relative = normalize(pathname === '/' ? '/index.html' : pathname);
  const file = join(root, relative);
  if (!file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}
