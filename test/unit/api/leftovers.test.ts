import { describe, expect, it } from 'vitest';
import { ageOf, describeLeftover, sizeOf } from '../../../src-main/core/api/leftovers.js';
import { ParamsValidator } from '../../../src-main/core/api/validate.js';

const now = Date.parse('2026-12-07T12:00:00Z');

describe('describing a leftover lab host', () => {
  it('gives its age in the largest whole unit', () => {
    expect(ageOf('2026-12-07T11:59:48Z', now)).toBe('12 s');
    expect(ageOf('2026-12-07T11:57:01Z', now)).toBe('2 min');
    expect(ageOf('2026-12-07T09:00:00Z', now)).toBe('3 h');
    expect(ageOf('2026-12-04T11:00:00Z', now)).toBe('3 d');
    expect(ageOf('not a date', now)).toBe('?');
    expect(ageOf('2026-12-08T00:00:00Z', now)).toBe('0 s');
  });

  it('gives its size in decimal units', () => {
    expect(sizeOf(0)).toBe('0 B');
    expect(sizeOf(999)).toBe('999 B');
    expect(sizeOf(1234)).toBe('1.2 kB');
    expect(sizeOf(56_700_000)).toBe('56.7 MB');
    expect(sizeOf(3e12)).toBe('3.0 TB');
  });

  it('puts name, scenario, state, age and size on one line', () => {
    const lab = { id: 'f'.repeat(64), name: 'brave_lab', scenario: 'article', state: 'exited', created: '2026-12-07T10:00:00Z', sizeBytes: 2_500_000 };
    expect(describeLeftover(lab, now)).toBe('brave_lab  article  exited  2 h old  2.5 MB');
    expect(describeLeftover({ ...lab, scenario: '' }, now)).toBe('brave_lab  -  exited  2 h old  2.5 MB');
  });

  it('the removal request takes a list of ids only', () => {
    const validator = new ParamsValidator();
    expect(validator.check('lab.leftovers', {}).ok).toBe(true);
    expect(validator.check('lab.removeLeftovers', { ids: ['abc'] }).ok).toBe(true);
    expect(validator.check('lab.removeLeftovers', { ids: 'abc' }).ok).toBe(false);
    expect(validator.check('lab.removeLeftovers', { ids: [''] }).ok).toBe(false);
    expect(validator.check('lab.removeLeftovers', {}).ok).toBe(false);
  });
});
