// Records a golden case's expected transcript from a real Docker engine:
//   npx tsx test/golden/record.ts CASE...
// Runs test/golden/CASE/script.lab on the docker backend (the article's lab
// built on a real engine) and writes test/golden/CASE/expected.txt.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScript, runScript } from '../../src-main/core/lab/runner.js';
import { createBackend } from '../../src-main/node/backends.js';
import { readGoldenCase, transcript } from '../../src-main/node/golden/cases.js';

for (const name of process.argv.slice(2)) {
  const golden = readGoldenCase(name);
  const backend = createBackend('docker');
  try {
    await backend.start(golden.scenario);
    const result = await runScript(backend, parseScript(golden.script), { drainMs: 30_000, pollMs: 50 });
    if (result.error) throw new Error(result.error);
    writeFileSync(join(golden.dir, 'expected.txt'), transcript(result.commands));
    console.log(`${name}: ${result.commands.length} commands recorded`);
  } finally {
    await backend.dispose();
  }
}
