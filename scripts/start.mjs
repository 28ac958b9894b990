// `npm start`: works on a fresh clone. Installs npm packages if they are
// missing (without Electron's binary, so the install never waits on it), then
// makes sure the binary is there, fetching it with Electron's own installer
// within a time limit, builds and opens the desktop window. Where Electron
// cannot run (no display, the download failed or is turned off) it says why in
// one line and starts browser mode, printing the address to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fetchElectron, installedElectron, noDisplayReason } from './electron-binary.mjs';

const root = resolve(import.meta.dirname, '..');
/** Seconds the Electron download may take (DNE_ELECTRON_DOWNLOAD_TIMEOUT overrides). */
const downloadTimeoutMs = Number(process.env.DNE_ELECTRON_DOWNLOAD_TIMEOUT ?? 300) * 1000;

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
  console.log('Installing npm packages…');
  run('npm', ['install', '--no-audit', '--no-fund'], { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
}

/** Electron's binary, or why the desktop window cannot open here. */
async function electron() {
  const noDisplay = noDisplayReason();
  if (noDisplay) return { reason: noDisplay };
  const installed = installedElectron(root);
  if (installed) return { binary: installed };
  console.log(`Downloading Electron's binary (at most ${downloadTimeoutMs / 1000} s)…`);
  return fetchElectron(root, { timeoutMs: downloadTimeoutMs });
}

const { binary, reason } = await electron();
if (binary) {
  run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
  const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
} else {
  console.log(`Electron cannot run here: ${reason}. Starting browser mode instead; open the address below.`);
  const { buildRenderer, rendererIsStale, startHost } = await import('./web.mjs');
  if (rendererIsStale()) buildRenderer();
  const child = startHost(process.argv.slice(2));
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
}
