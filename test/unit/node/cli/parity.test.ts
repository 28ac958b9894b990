import { describe, expect, it } from 'vitest';
import { compareCommands, formatReport } from '../../../../src-main/node/cli/parity.js';

const cmd = (command: string, output: string) => ({ terminal: 'host', command, output, exitCode: 0 });

describe('parity comparison', () => {
  it('counts outputs equal after normalization as identical and diffs the rest', () => {
    const sim = [
      cmd('ping -c 1 172.16.211.1', '64 bytes from 172.16.211.1: icmp_seq=1 ttl=63 time=0.100 ms\n'),
      cmd('iptables -t nat -S POSTROUTING', '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n'),
    ];
    const real = [
      cmd('ping -c 1 172.16.211.1', '64 bytes from 172.16.211.1: icmp_seq=1 ttl=63 time=0.532 ms\n'),
      cmd('iptables -t nat -S POSTROUTING', '-P POSTROUTING ACCEPT\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n'),
    ];
    const result = compareCommands('nat', sim, real, []);
    expect(result).toMatchObject({ name: 'nat', compared: 2, identical: 1 });
    expect(result.differences).toHaveLength(1);
    expect(result.differences[0]).toContain('host$ iptables -t nat -S POSTROUTING');
    expect(result.differences[0]).toContain('+-P POSTROUTING ACCEPT');
  });

  it('counts a command only one backend ran as differing', () => {
    const result = compareCommands('short', [cmd('true', '')], [], []);
    expect(result).toMatchObject({ compared: 1, identical: 0 });
    expect(result.differences[0]).toContain('+<not run>');
  });

  it('applies a case\'s own rules and prints the figure over all cases', () => {
    const rules = [{ pattern: /pid \d+/g, with: 'pid <pid>' }];
    const a = compareCommands('a', [cmd('x', 'pid 12\n')], [cmd('x', 'pid 873\n')], rules);
    const b = compareCommands('b', [cmd('y', 'one\n'), cmd('z', 'same\n')], [cmd('y', 'two\n'), cmd('z', 'same\n')], []);
    const report = formatReport([a, b]);
    expect(report).toContain('=== a: 1 compared, 1 identical, 0 differing');
    expect(report).toContain('=== b: 2 compared, 1 identical, 1 differing');
    expect(report).toContain('parity: 2 cases, 3 commands compared, 2 identical, 1 differing');
    expect(report.trimEnd().split('\n').at(-1)).toBe('FIGURE parity.identical_pct 66.7 %');
  });
});
