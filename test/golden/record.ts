// Records a golden case's expected transcript from a real Docker engine:
//   npx tsx test/golden/record.ts CASE...
// Runs test/golden/CASE/script.lab on the docker backend (the article's lab
// built on a real engine) and writes test/golden/CASE/expected.txt.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScript, runScript } from '../../src-main/core/lab/runner.js';
import { createBackend } from '../../src-main/node/backends.js';
import { scenarioOf, transcript } from './transcript.js';

const root = new URL('.', import.meta.url).pathname;
for (const name of process.argv.slice(2)) {
  const dir = join(root, name);
  const script = readFileSync(join(dir, 'script.lab'), 'utf8');
  const backend = createBackend('docker');
  try {
    await backend.start(scenarioOf(script));
    const result = await runScript(backend, parseScript(script), { drainMs: 30_000, pollMs: 50 });
    if (result.error) throw new Error(result.error);
    writeFileSync(join(dir, 'expected.txt'), transcript(result.commands));
    console.log(`${name}: ${result.commands.length} commands recorded`);
  } finally {
    await backend.dispose();
  }
}
