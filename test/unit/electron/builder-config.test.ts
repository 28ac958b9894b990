import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../../..');
const schema = JSON.parse(readFileSync(resolve(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

// electron-builder validates the same way: ajv over its scheme.json.
const check = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);

function validate(candidate: unknown) {
  return { ok: check(candidate), errors: check.errors };
}

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s own JSON schema', () => {
    const result = validate(config);
    expect(result.errors ?? []).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('the schema check does catch a broken config', () => {
    expect(validate({ ...config, linux: { target: 42 } }).ok).toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNod: false } }).ok).toBe(false);
  });

  it('names the app, builds every installer and unpacks node-pty', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Docker Networking Explorer');
    expect((config.linux as { target: string[] }).target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect((config.mac as { target: string[] }).target).toEqual(expect.arrayContaining(['dmg', 'zip']));
    expect((config.win as { target: string[] }).target).toContain('nsis');
    expect(config.asarUnpack).toContain('node_modules/node-pty/**');
  });

  it('sets the fuses that close Node-level back doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
