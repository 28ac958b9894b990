// Runs every test/e2e/*.e2e.mjs file's tests, one after another, and prints
// one line per test and a `N passed, N failed` summary. Exit status 1 on any failure.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registered } from './harness.mjs';

const here = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let passed = 0;
let failed = 0;
for (const file of files) {
  const before = registered.length;
  try {
    await import(pathToFileURL(join(here, file)).href);
  } catch (error) {
    failed++;
    console.log(`✗ ${file}: could not load: ${error.stack ?? error}`);
    continue;
  }
  for (const { name, fn } of registered.slice(before)) {
    const started = Date.now();
    try {
      await fn();
      passed++;
      console.log(`✓ ${file} › ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`✗ ${file} › ${name}\n  ${String(error.stack ?? error).replace(/\n/g, '\n  ')}`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
