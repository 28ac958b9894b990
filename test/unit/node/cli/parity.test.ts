import { describe, expect, it } from 'vitest';
import {
  compareCommands,
  DEFAULT_THRESHOLD,
  formatCorpusSummary,
  formatDifferences,
  formatReport,
  passes,
} from '../../../../src-main/node/cli/parity.js';

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
    expect(result).toMatchObject({ name: 'nat', compared: 2, identical: 1, tools: ['ping', 'iptables'] });
    expect(result.differences).toHaveLength(1);
    expect(result.differences[0]).toMatchObject({ key: 'host$ iptables -t nat -S POSTROUTING', tool: 'iptables' });
    expect(result.differences[0]!.patch).toContain('+-P POSTROUTING ACCEPT');
  });

  it('counts a command only one backend ran as differing', () => {
    const result = compareCommands('short', [cmd('true', '')], [], []);
    expect(result).toMatchObject({ compared: 1, identical: 0 });
    expect(result.differences[0]!.patch).toContain('+<not run>');
  });

  it("applies a case's own rules and prints the figure over all cases", () => {
    const rules = [{ pattern: /pid \d+/g, with: 'pid <pid>' }];
    const a = compareCommands('a', [cmd('x', 'pid 12\n')], [cmd('x', 'pid 873\n')], rules);
    const b = compareCommands('b', [cmd('y', 'one\n'), cmd('z', 'same\n')], [cmd('y', 'two\n'), cmd('z', 'same\n')], []);
    const report = formatReport([a, b]);
    expect(report).toContain('=== a: 1 compared, 1 identical, 0 differing');
    expect(report).toContain('=== b: 2 compared, 1 identical, 1 differing');
    expect(report).toContain('parity: 2 cases, 3 commands compared, 2 identical, 1 differing');
    expect(report.trimEnd().split('\n').at(-1)).toBe('FIGURE parity.identical_pct 66.7 %');
  });

  it('treats a tool version named in the version profiles as the same output', () => {
    const sim = [cmd('tcpdump -i docker0', 'tcpdump: verbose output suppressed, use -v or -vv for full protocol decode\n')];
    const real = [cmd('tcpdump -i docker0', 'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n')];
    expect(compareCommands('v', sim, real, [])).toMatchObject({ compared: 1, identical: 1 });
  });
});

describe('parity gate', () => {
  const same = compareCommands('same', [cmd('ip -br link', 'lo UNKNOWN\n')], [cmd('ip -br link', 'lo UNKNOWN\n')], []);
  const differing = compareCommands('differing', [cmd('ip -6 addr', '')], [cmd('ip -6 addr', '1: lo: <LOOPBACK,UP,LOWER_UP>\n')], []);

  it('passes golden cases only when every command is identical', () => {
    expect(passes([same], DEFAULT_THRESHOLD.golden)).toBe(true);
    expect(passes([same, differing], DEFAULT_THRESHOLD.golden)).toBe(false);
  });

  it('fails below the threshold and passes at or above it', () => {
    const many = compareCommands(
      'many',
      Array.from({ length: 33 }, (_, i) => cmd(`echo ${i}`, `${i}\n`)),
      Array.from({ length: 33 }, (_, i) => cmd(`echo ${i}`, `${i}\n`)),
      [],
    );
    // 34 of 35 identical: 97.1%
    expect(passes([many, same, differing], DEFAULT_THRESHOLD.corpus)).toBe(true);
    expect(passes([many, same, differing], 98)).toBe(false);
  });

  it('fails when a backend could not run a case, whatever the share', () => {
    expect(passes([same, { ...same, name: 'broken', error: 'docker is not running' }], 0)).toBe(false);
  });

  it('summarizes per tool and ends with the corpus figures', () => {
    const summary = formatCorpusSummary([same, differing]);
    expect(summary).toMatch(/^ip +2 +1 +1$/m);
    expect(summary.trimEnd().split('\n').slice(-2)).toEqual(['FIGURE parity.corpus_commands 2 count', 'FIGURE parity.corpus_identical_pct 50 %']);
  });

  it('writes each difference with its recorded reason, or says none is recorded', () => {
    const text = formatDifferences([differing], new Map([['host$ ip -6 addr', 'no IPv6 on lo yet']]));
    expect(text).toContain('### differing: host$ ip -6 addr\nreason: no IPv6 on lo yet\n');
    expect(formatDifferences([differing], new Map())).toContain('reason: no reason recorded');
  });
});
