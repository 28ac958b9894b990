// `npm run bench`: runs every bench/*.bench.ts module and prints one line per
// figure, `FIGURE <name> <value> <unit>`. `npm run bench -- NAME` runs only the
// modules whose file name contains NAME.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Report = (name: string, value: number, unit: string) => void;

interface BenchModule {
  run(report: Report): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(here)
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const report: Report = (name, value, unit) => {
  const shown = Number.isInteger(value) ? String(value) : value.toPrecision(4);
  console.log(`FIGURE ${name} ${shown} ${unit}`);
};

let failed = 0;
for (const file of files) {
  console.error(`# ${file}`);
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
    await mod.run(report);
  } catch (err) {
    failed++;
    console.error(`# ${file} failed: ${err instanceof Error ? err.stack : String(err)}`);
  }
}
process.exit(failed ? 1 : 0);
