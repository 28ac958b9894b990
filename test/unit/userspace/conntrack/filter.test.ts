// conntrack's tuple filters: which options it knows, how it reads their values,
// and which entries they keep.
import { describe, expect, it } from 'vitest';
import { matchesConntrackFilter, parseConntrackFilter, type ConntrackFilter } from '../../../../src-main/core/userspace/conntrack/filter.js';
import { ipToNumber } from '../../../../src-main/core/sim/netfilter/addr.js';
import type { Connection } from '../../../../src-main/core/sim/netfilter/conntrack.js';

// Host01 fetching the published port: the reply comes from web, to Host01.
const published: Connection = {
  id: 1,
  orig: { proto: 6, src: ipToNumber('172.16.211.1'), dst: ipToNumber('172.16.211.128'), sport: 40000, dport: 81 },
  reply: { proto: 6, src: ipToNumber('172.17.0.5'), dst: ipToNumber('172.16.211.1'), sport: 80, dport: 40000 },
  seenReply: true,
  assured: true,
  confirmed: true,
  expires: 0,
  natDecided: { src: true, dst: true },
};

function parsed(args: string[]): ConntrackFilter {
  const filter = parseConntrackFilter(args);
  if ('error' in filter) throw new Error(filter.error);
  return filter;
}

describe('conntrack filters', () => {
  it('match the original and the reply tuple separately', () => {
    expect(matchesConntrackFilter(published, parsed(['-p', 'tcp', '-d', '172.16.211.128', '--dport', '81']))).toBe(true);
    expect(matchesConntrackFilter(published, parsed(['-r', '172.17.0.5', '--proto', '6', '--reply-port-src', '80']))).toBe(true);
    // web's address is only in the reply tuple
    expect(matchesConntrackFilter(published, parsed(['-d', '172.17.0.5']))).toBe(false);
    expect(matchesConntrackFilter(published, parsed(['-p', 'tcp', '--sport', '80']))).toBe(false);
  });

  it('match nothing for a protocol or a port the tool cannot read, as conntrack does', () => {
    expect(matchesConntrackFilter(published, parsed(['-p', 'bogus']))).toBe(false);
    expect(matchesConntrackFilter(published, parsed(['-p', 'tcp', '--dport', 'http']))).toBe(false);
  });

  it('name the option a learner got wrong', () => {
    expect(parseConntrackFilter(['--dport', '81'])).toEqual({ error: "unknown option `--dport'" });
    expect(parseConntrackFilter(['-s'])).toEqual({ error: "option `-s' requires an argument" });
    expect(parseConntrackFilter(['-q', '172.17.0'])).toEqual({ error: "Invalid IP address `172.17.0'" });
  });
});
