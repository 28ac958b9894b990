// Electron's binary for `npm start`: found where npm put it, or fetched with
// Electron's own installer (node_modules/electron/install.js, which verifies the
// download against the package's checksums) within a time limit. Every way it
// cannot be had comes back as one sentence saying why.
import { spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

/** The binary's path when it is installed, else undefined (node_modules/electron/index.js, without its throw). */
export function installedElectron(root) {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

/** Why no window can be shown here, or undefined when one can. */
export function noDisplayReason(platform = process.platform, env = process.env) {
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  return undefined;
}

/** The host the installer downloads from: a mirror when one is set. */
export function downloadHost(env = process.env) {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || DEFAULT_MIRROR;
  try {
    return new URL(mirror).hostname;
  } catch {
    return undefined;
  }
}

/** Resolves with a reason when the download host's name does not resolve (no internet), quickly. */
async function unreachableReason(env, timeoutMs) {
  // Behind a proxy the name is resolved by the proxy, not here.
  if (env.HTTPS_PROXY || env.https_proxy || env.ELECTRON_GET_USE_PROXY) return undefined;
  const host = downloadHost(env);
  if (!host) return `ELECTRON_MIRROR is not a URL: ${env.ELECTRON_MIRROR}`;
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  const found = await Promise.race([lookup(host).then(() => 'ok', () => 'failed'), timeout]);
  if (found === 'ok') return undefined;
  return `${host} ${found === 'timeout' ? 'did not resolve in time' : 'does not resolve'} (no internet connection?)`;
}

/**
 * Fetches the binary with Electron's installer. Resolves with `{ binary }` or `{ reason }`.
 * `timeoutMs` bounds the whole download; the installer is stopped when it runs out.
 */
export async function fetchElectron(root, { timeoutMs = 300_000, lookupTimeoutMs = 3000, env = process.env } = {}) {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { reason: 'its download is turned off (ELECTRON_SKIP_BINARY_DOWNLOAD is set)' };
  const installer = join(root, 'node_modules/electron/install.js');
  if (!existsSync(installer)) return { reason: 'the electron package is not installed' };
  const unreachable = await unreachableReason(env, lookupTimeoutMs);
  if (unreachable) return { reason: `it could not be downloaded: ${unreachable}` };
  const outcome = await new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: join(root, 'node_modules/electron'), env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    const timer = setTimeout(() => {
      child.kill();
      resolve(`its download took longer than ${Math.round(timeoutMs / 1000)} s`);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`its installer could not run: ${error.message}`);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const firstLine = stderr.split('\n').find((line) => line.trim()) ?? `exit ${code}`;
      resolve(code === 0 ? undefined : `its download failed: ${firstLine.trim()}`);
    });
  });
  if (outcome) return { reason: outcome };
  const binary = installedElectron(root);
  return binary ? { binary } : { reason: 'its installer finished but left no binary' };
}
