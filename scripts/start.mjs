// `npm start`: works on a fresh clone. Installs npm packages if they are
// missing (never downloading Electron's binary, which these machines cannot
// reach), builds, and launches the desktop app where Electron can run;
// otherwise starts browser mode and prints its URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '1' };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
  console.log('Installing npm packages (skipping the Electron binary download)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

/** Electron's binary, when it was downloaded and a display exists to show a window on. */
function electronBinary() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return undefined;
  try {
    const path = createRequire(import.meta.url)('electron'); // throws when the binary was never downloaded
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (binary) {
  run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
  const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron cannot run here (no binary downloaded or no display): starting browser mode; open the URL below.');
  const { buildRenderer, rendererIsStale, startHost } = await import('./web.mjs');
  if (rendererIsStale()) buildRenderer();
  const child = startHost(process.argv.slice(2));
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
