import { describe, expect, it } from 'vitest';
import { ParamsValidator, paramSchemas } from '../../../src-main/core/api/validate.js';

const validator = new ParamsValidator();

describe('request params validator', () => {
  it('accepts well-formed params', () => {
    expect(validator.check('terminal.open', { name: 'c1', cols: 80, rows: 24 })).toEqual({ ok: true });
    expect(validator.check('app.info', {})).toEqual({ ok: true });
    expect(validator.check('lab.start', {})).toEqual({ ok: true });
    expect(validator.check('progress.reset', { scope: 'chapter', chapterId: '01-intro' })).toEqual({ ok: true });
    expect(validator.check('settings.set', { theme: 'dark', fontSize: 15 })).toEqual({ ok: true });
  });

  it('rejects unknown methods, including prototype names', () => {
    expect(validator.check('shell.exec', {}).ok).toBe(false);
    expect(validator.check('constructor', {}).ok).toBe(false);
    expect(validator.check('__proto__', {}).ok).toBe(false);
    expect(validator.check(42, {}).ok).toBe(false);
  });

  it('rejects wrong types, extra fields and out-of-range sizes', () => {
    expect(validator.check('terminal.open', { name: 'c1', cols: '80', rows: 24 }).ok).toBe(false);
    expect(validator.check('terminal.open', { name: 'c1', cols: 80, rows: 24, shell: '/bin/sh' }).ok).toBe(false);
    expect(validator.check('terminal.resize', { id: 't1', cols: 0, rows: 24 }).ok).toBe(false);
    expect(validator.check('terminal.open', { name: '../etc', cols: 80, rows: 24 }).ok).toBe(false);
    expect(validator.check('lab.switchBackend', { backend: 'vm' }).ok).toBe(false);
    expect(validator.check('app.info', null).ok).toBe(false);
    expect(validator.check('progress.reset', { scope: 'step', chapterId: 'x' }).ok).toBe(false);
  });

  it('names the method and the field in the message', () => {
    const result = validator.check('terminal.ack', { id: 't1', chars: -1 });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(/^terminal\.ack: \/chars /);
  });

  it('has a schema for every method', () => {
    for (const method of Object.keys(paramSchemas)) expect(validator.isMethod(method)).toBe(true);
  });
});

describe('link allowlist', () => {
  it('opens https links to documentation hosts only', async () => {
    const { isAllowedLink } = await import('../../../src-main/core/api/links.js');
    expect(isAllowedLink('https://docs.docker.com/network/bridge/')).toBe(true);
    expect(isAllowedLink('https://man7.org')).toBe(true);
    expect(isAllowedLink('http://docs.docker.com/')).toBe(false);
    expect(isAllowedLink('https://docs.docker.com.evil.example/')).toBe(false);
    expect(isAllowedLink('https://user@docs.docker.com/')).toBe(false);
    expect(isAllowedLink('https://docs.docker.com:8443/')).toBe(false);
    expect(isAllowedLink('javascript:alert(1)')).toBe(false);
  });
});
