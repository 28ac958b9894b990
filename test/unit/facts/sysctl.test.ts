import { describe, expect, it } from 'vitest';
import { readFacts } from '../../../src-main/core/facts/read.js';
import { golden, producerOf } from './transcripts.js';

describe('sysctl reader', () => {
  const recorded = golden('sysctl-nsenter');

  it('reads key = value from the golden case', () => {
    const r = recorded.find((c) => c.command === 'sysctl net.ipv4.ip_forward')!;
    expect(readFacts(producerOf(r.command), r.output)).toEqual([{ kind: 'sysctl', key: 'net.ipv4.ip_forward', value: '1', text: 'net.ipv4.ip_forward = 1' }]);
  });

  it('gives a bare -n value the key named on the command line', () => {
    const r = recorded.find((c) => c.command === 'sysctl -n net.ipv4.ip_forward')!;
    expect(readFacts(producerOf(r.command), r.output)).toMatchObject([{ kind: 'sysctl', key: 'net.ipv4.ip_forward', value: '1' }]);
  });

  it('proves nothing from an error', () => {
    for (const command of ['sysctl -w net.ipv4.ip_forward=1', 'sysctl net.ipv4.no_such_key']) {
      const r = recorded.find((c) => c.command === command)!;
      expect(readFacts(producerOf(r.command), r.output)).toEqual([]);
    }
  });

  it('writes slashes of a path-style key as dots', () => {
    expect(readFacts({ tool: 'sysctl', argv: ['net/ipv4/ip_forward'] }, 'net/ipv4/ip_forward = 0\n')).toMatchObject([{ key: 'net.ipv4.ip_forward', value: '0' }]);
  });
});
