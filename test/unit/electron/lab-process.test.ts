// The Electron utility-process entry, driven the way Electron drives it
// (process.parentPort hands over a MessagePort), without the Electron binary.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FromLabProcess, ToLabProcess } from '../../../src-main/electron/channels.js';

class FakePort extends EventEmitter {
  readonly sent: FromLabProcess[] = [];
  started = false;
  postMessage(message: FromLabProcess): void {
    this.sent.push(message);
  }
  start(): void {
    this.started = true;
  }
  request(message: ToLabProcess): void {
    this.emit('message', { data: message });
  }
}

async function waitFor<T>(find: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('lab utility process', () => {
  it('serves validated API requests over the MessagePort main hands it', async () => {
    const parentPort = new EventEmitter();
    (process as unknown as { parentPort: EventEmitter }).parentPort = parentPort;
    await import('../../../src-main/electron/lab-process.js');
    const port = new FakePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'dne-lab-host-'));
    parentPort.emit('message', { data: { appRoot: resolve(import.meta.dirname, '../../..'), dataDir }, ports: [port] });
    await waitFor(() => (port.started ? true : undefined));

    port.request({ t: 'req', id: 1, m: 'app.info', p: {} });
    const info = await waitFor(() => port.sent.find((m) => m.t === 'res' && m.id === 1));
    expect(info).toMatchObject({ ok: true, r: { host: 'electron' } });

    port.request({ t: 'req', id: 2, m: 'terminal.resize', p: { id: 't1', cols: -5, rows: 2 } });
    const rejected = await waitFor(() => port.sent.find((m) => m.t === 'res' && m.id === 2));
    expect(rejected).toMatchObject({ ok: false, code: 'invalid-params' });

    // Events flow back over the same port (the lab starting up).
    await waitFor(() => port.sent.find((m) => m.t === 'ev' && m.e === 'lab.status'));
  });
});
