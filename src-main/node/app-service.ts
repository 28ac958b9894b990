// Builds the app service for a Node host (browser mode here, the Electron
// utility process there): lessons from the lessons folder, the lab backends
// this build has, settings in a small JSON file written atomically.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Settings } from '../core/api/contract.js';
import { AppService, type AppServiceOptions, type LabFileStore, type PracticeOptions, type SettingsStore } from '../core/app/service.js';
import { STARTER_LAB_FILE } from '../core/labfile/model.js';
import { findScenario, labFileScenario, MY_LAB, PRACTICE_SCENARIOS, type ScenarioResolver } from '../core/simlab/scenarios.js';
import { createBackend, realTimePacer } from './backends.js';
import { folderSource } from './lessons-source.js';
import { PROGRESS_FILE_NAME, ProgressFileStore } from './progress/store.js';

export interface NodeServiceOptions {
  host: AppServiceOptions['host'];
  /** The repository (or packaged app) root holding `lessons/` and `package.json`. */
  appRoot: string;
  /** Where settings and progress are kept. */
  dataDir: string;
}

export function fileSettingsStore(file: string): SettingsStore {
  return {
    load() {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as Partial<Settings>;
      } catch {
        return undefined;
      }
    },
    save(settings) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileAtomic.sync(file, JSON.stringify(settings, null, 2));
    },
  };
}

/** The learner's lab file in the data folder, replaced atomically on every save. */
export function fileLabFileStore(file: string): LabFileStore {
  return {
    load() {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    async save(text) {
      mkdirSync(dirname(file), { recursive: true });
      await writeFileAtomic(file, text, { fsync: true });
    },
  };
}

/** Practice mode's scenarios, and how a backend finds them: the built-in ones, and `my-lab` from the learner's saved file. */
export function practiceSetup(labFiles: LabFileStore): { practice: PracticeOptions; scenarios: ScenarioResolver } {
  const scenarios: ScenarioResolver = (name) => {
    if (name !== MY_LAB) return findScenario(name);
    const found = labFileScenario(labFiles.load() ?? STARTER_LAB_FILE);
    if ('errors' in found) throw new Error(`The saved lab file cannot be started:\n${found.errors.join('\n')}`);
    return found.scenario;
  };
  const builtIn = PRACTICE_SCENARIOS.map((id) => ({ id, title: id, description: findScenario(id)?.description ?? '' }));
  const mine = { id: MY_LAB, title: 'my lab', description: 'Your own lab, from the file you edit here: containers, networks, published ports, outside machines.' };
  return { practice: { scenarios: [...builtIn, mine], labFiles }, scenarios };
}

export async function createNodeService(options: NodeServiceOptions): Promise<AppService> {
  mkdirSync(options.dataDir, { recursive: true });
  const progressStore = new ProgressFileStore(join(options.dataDir, PROGRESS_FILE_NAME));
  const { progress, problem } = await progressStore.load();
  if (problem) console.warn(`Progress: ${problem}`);
  const { practice, scenarios } = practiceSetup(fileLabFileStore(join(options.dataDir, `${MY_LAB}.yaml`)));
  const manifest = JSON.parse(readFileSync(join(options.appRoot, 'package.json'), 'utf8')) as { version: string };
  return new AppService({
    host: options.host,
    version: manifest.version,
    scheduler: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    // Interactive use: the simulator's lab time follows the wall clock.
    createBackend: (kind) => createBackend(kind, { sim: { pace: realTimePacer(), scenarios }, docker: { scenarios } }),
    backends: ['sim', 'docker'],
    lessons: folderSource(join(options.appRoot, 'lessons')),
    progress: { initial: progress, store: progressStore },
    // The scenario every chapter starts from so far; a chapter naming another restarts the lab.
    defaultScenario: 'article',
    settings: fileSettingsStore(join(options.dataDir, 'settings.json')),
    wallClock: () => new Date().toISOString(),
    practice,
  });
}
