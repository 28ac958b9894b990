import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppService } from '../../../../src-main/core/app/service.js';
import { decodeTerminalData, encodeTerminalInput } from '../../../../src-main/core/api/wire.js';
import { startWebHost, type WebHost } from '../../../../src-main/node/web/server.js';
import { folderSource } from '../../../../src-main/node/lessons-source.js';

let host: WebHost;
let service: AppService;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'dne-web-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  service = new AppService({
    host: 'web',
    version: '0.0.0-test',
    scheduler: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    backends: ['sim'],
    lessons: folderSource(resolve(import.meta.dirname, '../../../../lessons')),
    defaultScenario: 'article',
    wallClock: () => new Date(0).toISOString(),
  });
  host = await startWebHost({ service, root, port: 0, token: 'test-token' });
});

afterAll(async () => {
  await host.close();
  await service.dispose();
});

function connect(token: string, origin: string): Promise<WebSocket> {
  return new Promise((resolveSocket, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${token}`, { origin });
    ws.once('open', () => resolveSocket(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('browser-mode host', () => {
  it('listens on loopback only and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=test-token`);
  });

  it('serves the renderer with a CSP and refuses paths outside it', async () => {
    const page = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`http://127.0.0.1:${host.port}/%2e%2e/%2e%2e/etc/passwd`);
    expect([403, 404]).toContain(escape.status);
  });

  it('refuses a wrong token and a foreign Origin', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    await expect(connect('wrong', origin)).rejects.toThrow('HTTP 401');
    await expect(connect('test-token', 'http://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('answers requests and streams terminal output as binary frames', async () => {
    const ws = await connect('test-token', `http://localhost:${host.port}`);
    const messages: (string | Buffer)[] = [];
    ws.on('message', (data, isBinary) => messages.push(isBinary ? (data as Buffer) : data.toString()));
    const reply = async (id: number) => {
      for (let i = 0; i < 200; i++) {
        const found = messages.find((m) => typeof m === 'string' && JSON.parse(m).id === id);
        if (found) return JSON.parse(found as string);
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no reply ${id}`);
    };
    ws.send(JSON.stringify({ t: 'req', id: 1, m: 'terminal.open', p: { name: 'c1', cols: 80, rows: 24 } }));
    const opened = await reply(1);
    expect(opened.ok).toBe(true);
    ws.send(JSON.stringify({ t: 'req', id: 2, m: 'terminal.open', p: { name: 'c1', cols: 'x', rows: 24 } }));
    expect((await reply(2)).e.code).toBe('invalid-params');
    ws.send(JSON.stringify({ t: 'req', id: 3, m: 'terminal.input', p: { id: opened.r.id, data: 'hello\r' } }));
    await reply(3);
    const output = async (expected: string) => {
      let text = '';
      for (let i = 0; i < 100 && !text.includes(expected); i++) {
        await new Promise((r) => setTimeout(r, 10));
        text = messages
          .filter((m): m is Buffer => typeof m !== 'string')
          .map((m) => decodeTerminalData(new Uint8Array(m)))
          .filter((e) => e?.id === opened.r.id)
          .map((e) => Buffer.from(e!.data).toString())
          .join('');
      }
      return text;
    };
    expect(await output('hello')).toContain('hello');
    // Keystrokes as a binary frame reach the shell and get no answer.
    const repliesBefore = messages.filter((m) => typeof m === 'string').length;
    ws.send(encodeTerminalInput({ id: opened.r.id, data: 'grüß\r' }));
    expect(await output('grüß')).toContain('grüß');
    expect(messages.filter((m) => typeof m === 'string')).toHaveLength(repliesBefore);
    ws.close();
  });
});
