// The frame's plumbing: how fast terminal output moves through the batching
// pipe, and the API round trip over browser mode's WebSocket.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Disposable, TerminalSession } from '../src-main/core/lab/backend.js';
import { AppService } from '../src-main/core/app/service.js';
import { TerminalPipe } from '../src-main/core/app/terminal-pipe.js';
import { startWebHost } from '../src-main/node/web/server.js';
import type { Report } from './index.js';

const nodeScheduler = { setTimeout: (cb: () => void, ms: number) => setTimeout(cb, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };

/** 64 MB of 4 KB chunks through the pipe, acknowledged as soon as sent. */
async function pipeThroughput(report: Report): Promise<void> {
  let listener: ((chunk: Uint8Array) => void) | undefined;
  const session: TerminalSession = {
    name: 'host',
    busy: false,
    write() {},
    resize() {},
    onData: (l) => ((listener = l), { dispose() {} }) as Disposable,
    onExit: () => ({ dispose() {} }),
    dispose() {},
  };
  let received = 0;
  const pipe: TerminalPipe = new TerminalPipe(session, nodeScheduler, (data) => {
    received += data.length;
    pipe.ack(data.length);
  });
  const chunk = new Uint8Array(4096).fill(0x2e);
  const total = 64 * 1024 * 1024;
  const started = performance.now();
  for (let sent = 0; sent < total; sent += chunk.length) {
    listener!(chunk);
    if (sent % (1024 * 1024) === 0) await new Promise((r) => setImmediate(r));
  }
  pipe.flush();
  const seconds = (performance.now() - started) / 1000;
  if (received !== total) throw new Error(`pipe delivered ${received} of ${total} bytes`);
  report('frame.terminal_pipe_mb_s', total / 1024 / 1024 / seconds, 'MB/s');
  pipe.dispose();
}

/** Median time for `lab.status` over the WebSocket, 500 requests one after another. */
async function websocketRoundTrip(report: Report): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'dne-bench-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  const service = new AppService({
    host: 'web',
    version: 'bench',
    scheduler: nodeScheduler,
    backends: ['sim'],
    defaultScenario: 'article',
    wallClock: () => new Date().toISOString(),
  });
  const host = await startWebHost({ service, root, port: 0 });
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const times: number[] = [];
  for (let id = 1; id <= 500; id++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      ws.once('message', () => resolve());
      ws.send(JSON.stringify({ t: 'req', id, m: 'lab.status', p: {} }));
    });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  report('frame.ws_request_roundtrip_median_ms', times[Math.floor(times.length / 2)], 'ms');
  ws.close();
  await host.close();
  await service.dispose();
}

export async function run(report: Report): Promise<void> {
  await pipeThroughput(report);
  await websocketRoundTrip(report);
}
