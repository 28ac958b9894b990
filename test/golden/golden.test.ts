// One runner for every golden case: test/golden/<case>/script.lab is run on
// the simulator and the commands' transcript (`$ command` then its output,
// as the reference transcripts are written) must equal expected.txt after
// volatile fields are normalized. A case may add `normalize.json`:
// [["regex", "replacement"], ...] for fields only it has (PIDs, inodes).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from '../../src-main/core/lab/runner.js';
import { normalize } from '../../src-main/core/lab/transcript-normalize.js';
import { SimBackend } from '../../src-main/core/simlab/backend.js';
import { listGoldenCases, readGoldenCase, transcript } from '../../src-main/node/golden/cases.js';

const cases = listGoldenCases();

describe('golden cases', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const name of cases) {
    it(name, async () => {
      const golden = readGoldenCase(name);
      const expected = readFileSync(join(golden.dir, 'expected.txt'), 'utf8');
      const backend = new SimBackend();
      try {
        await backend.start(golden.scenario);
        const result = await runScript(backend, parseScript(golden.script), { drainMs: 60_000 });
        expect(result.error).toBeUndefined();
        expect(normalize(transcript(result.commands), golden.rules)).toBe(normalize(expected, golden.rules));
      } finally {
        await backend.dispose();
      }
    });
  }
});
