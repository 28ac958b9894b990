// How `npm start` gets Electron's binary, and the one-line reasons it gives
// when it cannot. Downloads only ever go to a closed loopback port here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { downloadHost, fetchElectron, noDisplayReason } from '../../../scripts/electron-binary.mjs';

const root = resolve(import.meta.dirname, '../../..');
const cache = mkdtempSync(join(tmpdir(), 'dne-electron-cache-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe("Electron's binary for npm start", () => {
  it('needs a display on Linux only', () => {
    expect(noDisplayReason('linux', {})).toBe('no display (neither DISPLAY nor WAYLAND_DISPLAY is set)');
    expect(noDisplayReason('linux', { DISPLAY: ':0' })).toBeUndefined();
    expect(noDisplayReason('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeUndefined();
    expect(noDisplayReason('darwin', {})).toBeUndefined();
  });

  it('downloads from GitHub unless a mirror is set', () => {
    expect(downloadHost({})).toBe('github.com');
    expect(downloadHost({ ELECTRON_MIRROR: 'https://mirror.example.org/electron/' })).toBe('mirror.example.org');
    expect(downloadHost({ ELECTRON_MIRROR: 'not a url' })).toBeUndefined();
  });

  it('respects ELECTRON_SKIP_BINARY_DOWNLOAD', async () => {
    expect(await fetchElectron(root, { env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } })).toEqual({
      reason: 'its download is turned off (ELECTRON_SKIP_BINARY_DOWNLOAD is set)',
    });
  });

  it('says so when the electron package is missing', async () => {
    expect(await fetchElectron(cache, { env: {} })).toEqual({ reason: 'the electron package is not installed' });
  });

  it("reports the installer's failure in one line, quickly", async () => {
    const started = Date.now();
    const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '', ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache };
    const { reason, binary } = await fetchElectron(root, { env });
    expect(binary).toBeUndefined();
    expect(reason).toMatch(/^its download failed: .*ECONNREFUSED 127\.0\.0\.1:9$/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('stops a download that takes longer than its time limit', async () => {
    const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '', ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache };
    expect(await fetchElectron(root, { env, timeoutMs: 1 })).toEqual({ reason: 'its download took longer than 0 s' });
  });
});
