// Practice mode through the API: the scenario list, the learner's lab file
// (checked, refused when broken with the saved one kept, started), snapshots.
import { describe, expect, it } from 'vitest';
import type { LabFileView, LabStatus } from '../../../src-main/core/api/contract.js';
import { AppService, type LabFileStore } from '../../../src-main/core/app/service.js';
import { createBackend } from '../../../src-main/node/backends.js';
import { practiceSetup } from '../../../src-main/node/app-service.js';

function memoryStore(): LabFileStore & { text?: string } {
  const store: LabFileStore & { text?: string } = {
    load: () => store.text,
    save: async (text) => {
      store.text = text;
    },
  };
  return store;
}

function practiceService(store: LabFileStore): AppService {
  const { practice, scenarios } = practiceSetup(store);
  return new AppService({
    host: 'web',
    version: '0.0.0-test',
    scheduler: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    createBackend: (kind) => createBackend(kind, { sim: { scenarios } }),
    backends: ['sim'],
    defaultScenario: 'fresh',
    wallClock: () => new Date(0).toISOString(),
    practice,
  });
}

const MY_LAB = `containers:
  - name: solo
    ports: ["8080:80"]
    command: python3 -m http.server 80
`;

describe('practice mode through the API', () => {
  it('offers fresh, article, two-bridges and my lab', async () => {
    const service = practiceService(memoryStore());
    const scenarios = (await service.handle('practice.scenarios', {})) as Array<{ id: string }>;
    expect(scenarios.map((s) => s.id)).toEqual(['fresh', 'article', 'two-bridges', 'my-lab']);
    await service.dispose();
  });

  it('refuses a broken lab file with what is wrong and keeps the saved one; starts the good one', async () => {
    const store = memoryStore();
    const service = practiceService(store);
    try {
      const starter = (await service.handle('labfile.get', {})) as LabFileView;
      expect(starter).toMatchObject({ saved: false, errors: [] });
      expect(starter.text).toContain('containers:');
      expect(await service.handle('labfile.save', { text: MY_LAB })).toEqual({ text: MY_LAB, saved: true, errors: [] });
      const broken = (await service.handle('labfile.save', { text: 'containers:\n  - name: web\n    networks: [nowhere]\n' })) as LabFileView;
      expect(broken.saved).toBe(false);
      expect(broken.errors).toEqual(['my-lab.yaml:3:16: containers[0].networks[0]: no network "nowhere": declare it under "networks:" or use "bridge"']);
      expect(store.text).toBe(MY_LAB);
      expect(((await service.handle('labfile.get', {})) as LabFileView).text).toBe(MY_LAB);

      const status = (await service.handle('lab.start', { scenario: 'my-lab' })) as LabStatus;
      expect(status).toMatchObject({ phase: 'ready', scenario: 'my-lab' });
      const topology = (await service.handle('topology.get', {})) as { nodes: Array<{ id: string; kind: string }> };
      expect(topology.nodes.filter((n) => n.kind === 'container').map((n) => n.id)).toEqual(['solo']);
    } finally {
      await service.dispose();
    }
  }, 30_000);

  it('saves a snapshot and loads it over another lab; a bad one is refused and the lab stays', async () => {
    const service = practiceService(memoryStore());
    try {
      await service.handle('lab.start', { scenario: 'article' });
      await service.handle('terminal.open', { name: 'host', cols: 80, rows: 24 });
      const saved = (await service.handle('snapshot.save', {})) as { fileName: string; data: string };
      expect(saved.fileName).toBe('lab-article.snapshot.json');
      await service.handle('lab.start', { scenario: 'fresh' });
      await expect(service.handle('snapshot.load', { data: saved.data.replace('"version":1', '"version":7') })).rejects.toThrow(/newer version of the app/);
      expect(await service.handle('lab.status', {})).toMatchObject({ phase: 'ready', scenario: 'fresh' });
      expect(await service.handle('snapshot.load', { data: saved.data })).toMatchObject({ phase: 'ready', scenario: 'article' });
      const topology = (await service.handle('topology.get', {})) as { nodes: Array<{ id: string; kind: string }> };
      expect(topology.nodes.filter((n) => n.kind === 'container').map((n) => n.id).sort()).toEqual(['c1', 'c2', 'c3', 'web']);
    } finally {
      await service.dispose();
    }
  }, 30_000);
});
