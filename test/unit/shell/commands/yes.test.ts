import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('yes', () => {
  it('repeats until head has its lines', async () => {
    const t = new TestTerminal();
    expect((await t.run('yes | head -3')).output).toBe('y\ny\ny\n');
    expect((await t.run('yes a b | head -n 2')).output).toBe('a b\na b\n');
  });
});
