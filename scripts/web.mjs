// `npm run web`: builds the renderer when the build is missing or older than
// its sources, then starts the browser-mode host (src-main/node/web/main.ts).
// Arguments pass through, e.g. `npm run web -- --port 0`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const built = join(root, 'out/web/index.html');
const sources = ['src-renderer', 'src-main/core/api', 'vite.web.config.ts', 'svelte.config.js'].map((p) => join(root, p));

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), info.mtimeMs);
}

export function rendererIsStale() {
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((source) => newestMtime(source) > builtAt);
}

export function buildRenderer() {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Starts the host; resolves with the child process once it has printed its URL. */
export function startHost(args = []) {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'src-main/node/web/main.ts'), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (rendererIsStale()) {
    console.log('Building the renderer for browser mode…');
    buildRenderer();
  }
  const child = startHost(process.argv.slice(2));
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
