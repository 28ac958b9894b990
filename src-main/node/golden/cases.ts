// Golden cases on disk: test/golden/<case>/script.lab, expected.txt and an
// optional normalize.json. Read here once for the golden tests, the recorder
// and the parity report, so all three see a case the same way.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Replacement } from '../../core/lab/transcript-normalize.js';

export interface GoldenCase {
  name: string;
  dir: string;
  script: string;
  /** The starting state: `# scenario: NAME` in the script, default `article`. */
  scenario: string;
  /** The case's own normalization rules from normalize.json. */
  rules: Replacement[];
}

/** The golden cases folder of this checkout. */
export const GOLDEN_ROOT = join(new URL('../../..', import.meta.url).pathname, 'test/golden');

export function listGoldenCases(root = GOLDEN_ROOT): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'script.lab')))
    .map((d) => d.name)
    .sort();
}

export function readGoldenCase(name: string, root = GOLDEN_ROOT): GoldenCase {
  const dir = join(root, name);
  const script = readFileSync(join(dir, 'script.lab'), 'utf8');
  const scenario = /^#\s*scenario:\s*(\S+)/m.exec(script)?.[1] ?? 'article';
  return { name, dir, script, scenario, rules: readRulesFile(join(dir, 'normalize.json')) };
}

/** A normalize.json: `[pattern, replacement]` pairs, none when the file is absent. */
export function readRulesFile(file: string): Replacement[] {
  const pairs = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as [string, string][]) : [];
  return pairs.map(([pattern, replacement]) => ({ pattern: new RegExp(pattern, 'gm'), with: replacement }));
}

/** The golden transcript format: `$ command` then its output, as the reference transcripts are written. */
export function transcript(commands: { command: string; output: string }[]): string {
  return commands.map((c) => `$ ${c.command}\n${c.output}`).join('');
}
