// One runner for every golden case: test/golden/<case>/script.lab is run on
// the simulator and the commands' transcript (`$ command` then its output,
// as the reference transcripts are written) must equal expected.txt after
// volatile fields are normalized. A case may add `normalize.json`:
// [["regex", "replacement"], ...] for fields only it has (PIDs, inodes).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from '../../src-main/core/lab/runner.js';
import { SimBackend } from '../../src-main/core/sim/backend.js';
import { normalize, type Replacement } from './normalize.js';
import { scenarioOf, transcript } from './transcript.js';

const ROOT = new URL('.', import.meta.url).pathname;
const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'script.lab')))
  .map((d) => d.name)
  .sort();

function extraRules(dir: string): Replacement[] {
  const file = join(dir, 'normalize.json');
  if (!existsSync(file)) return [];
  const pairs = JSON.parse(readFileSync(file, 'utf8')) as [string, string][];
  return pairs.map(([pattern, replacement]) => ({ pattern: new RegExp(pattern, 'gm'), with: replacement }));
}

describe('golden cases', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const name of cases) {
    it(name, async () => {
      const dir = join(ROOT, name);
      const script = readFileSync(join(dir, 'script.lab'), 'utf8');
      const expected = readFileSync(join(dir, 'expected.txt'), 'utf8');
      const backend = new SimBackend();
      try {
        await backend.start(scenarioOf(script));
        const result = await runScript(backend, parseScript(script), { drainMs: 60_000 });
        expect(result.error).toBeUndefined();
        const rules = extraRules(dir);
        expect(normalize(transcript(result.commands), rules)).toBe(normalize(expected, rules));
      } finally {
        await backend.dispose();
      }
    });
  }
});
