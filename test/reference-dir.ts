// Where the real Docker host's reference transcripts are: `shared/` sits beside
// the checkout (on a developer's machine and in CI alike).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function findReferenceDir(): string {
  const candidates = [
    process.env.DNE_SHARED_DIR && resolve(process.env.DNE_SHARED_DIR, 'reference/real-docker-20.10'),
    resolve(repoRoot, '../shared/reference/real-docker-20.10'),
  ].filter((dir): dir is string => Boolean(dir));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`reference transcripts not found; looked in: ${candidates.join(', ')} (set DNE_SHARED_DIR to the shared/ folder)`);
  return found;
}

export const REFERENCE_DIR = findReferenceDir();
