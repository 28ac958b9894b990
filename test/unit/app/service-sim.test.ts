import { describe, expect, it } from 'vitest';
import type { EventName, Events } from '../../../src-main/core/api/contract.js';
import { AppService } from '../../../src-main/core/app/service.js';
import { createBackend } from '../../../src-main/node/backends.js';

describe('app service over the simulated lab', () => {
  it('runs a typed command in a terminal and reports it as a lab command', async () => {
    const service = new AppService({
      host: 'web',
      version: '0.0.0-test',
      scheduler: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
      createBackend: (kind) => createBackend(kind),
      backends: ['sim'],
      defaultScenario: 'fresh',
      wallClock: () => new Date(0).toISOString(),
    });
    const events: { event: EventName; payload: unknown }[] = [];
    service.onEvent(<E extends EventName>(event: E, payload: Events[E]) => events.push({ event, payload }));
    try {
      const status = (await service.handle('lab.start', {})) as { phase: string; message?: string };
      expect(status).toMatchObject({ phase: 'ready' });
      const term = (await service.handle('terminal.open', { name: 'host', cols: 100, rows: 30 })) as { id: string; echoOnly: boolean };
      expect(term.echoOnly).toBe(false);
      await service.handle('terminal.input', { id: term.id, data: 'hostname\r' });
      const deadline = Date.now() + 5000;
      let record: Events['lab.command'] | undefined;
      while (!record && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        record = events.find((e) => e.event === 'lab.command')?.payload as Events['lab.command'] | undefined;
      }
      expect(record).toMatchObject({ terminal: 'host', command: 'hostname', exitCode: 0 });
      expect(record!.output).toContain('docker-host');
      const bytes = events
        .filter((e) => e.event === 'terminal.data' && (e.payload as Events['terminal.data']).id === term.id)
        .map((e) => Buffer.from((e.payload as Events['terminal.data']).data).toString())
        .join('');
      expect(bytes).toContain('root@docker-host');
    } finally {
      await service.dispose();
    }
  });
});

describe('lab changes', () => {
  it('run one at a time: overlapping starts leave exactly one live backend, and terminals wait for it', async () => {
    const created: { disposed: boolean }[] = [];
    const service = new AppService({
      host: 'web',
      version: '0.0.0-test',
      scheduler: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
      createBackend: (kind) => {
        const backend = createBackend(kind);
        const entry = { disposed: false };
        created.push(entry);
        const dispose = backend.dispose.bind(backend);
        backend.dispose = async () => {
          entry.disposed = true;
          await dispose();
        };
        return backend;
      },
      backends: ['sim'],
      defaultScenario: 'fresh',
      wallClock: () => new Date(0).toISOString(),
    });
    try {
      const [first, second, term] = await Promise.all([
        service.handle('lab.start', {}),
        service.handle('lab.start', { scenario: 'fresh' }),
        service.handle('terminal.open', { name: 'host01', cols: 80, rows: 24 }),
      ]);
      expect(first).toMatchObject({ phase: 'ready' });
      expect(second).toMatchObject({ phase: 'ready' });
      expect(created.map((c) => c.disposed)).toEqual([true, false]);
      // The terminal opened on the lab that is still running.
      await expect(service.handle('terminal.resize', { id: (term as { id: string }).id, cols: 90, rows: 30 })).resolves.toBeUndefined();
    } finally {
      await service.dispose();
    }
  });
});
