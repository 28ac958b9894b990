import { describe, expect, it } from 'vitest';
import { readCorpus, sampleCorpus, toolOf } from '../../../../src-main/node/golden/corpus.js';

describe('differential corpus', () => {
  const corpus = readCorpus();
  const count = (groups: typeof corpus) => groups.reduce((n, g) => n + g.directives.filter((d) => d.kind === 'type').length, 0);

  it('holds at least 500 commands in groups that parse', () => {
    expect(count(corpus)).toBeGreaterThanOrEqual(500);
  });

  it('exercises every simulated tool', () => {
    const tools = new Set(corpus.flatMap((g) => g.directives.flatMap((d) => (d.kind === 'type' ? [toolOf(d.command)] : []))));
    for (const tool of ['ip', 'bridge', 'iptables', 'tcpdump', 'ping', 'curl', 'wget', 'nc', 'ss', 'conntrack', 'sysctl', 'nsenter', 'lsns', 'docker', 'jq', 'shell']) {
      expect(tools).toContain(tool);
    }
  });

  it('names the tool of a pipeline by its first simulated stage', () => {
    expect(toolOf("echo '{}' | jq .")).toBe('jq');
    expect(toolOf("iptables-save -t nat | grep -v '^#'")).toBe('iptables');
    expect(toolOf('cat /proc/sys/net/ipv4/ip_forward')).toBe('sysctl');
    expect(toolOf('cd /tmp; pwd')).toBe('shell');
  });

  it('samples about the asked number of commands, the same every time, as group prefixes', () => {
    const sample = sampleCorpus(corpus, 150);
    expect(count(sample)).toBeGreaterThan(130);
    expect(count(sample)).toBeLessThan(190);
    expect(sampleCorpus(corpus, 150)).toEqual(sample);
    sample.forEach((group, i) => expect(corpus[i]!.directives.slice(0, group.directives.length)).toEqual(group.directives));
  });

  it('keeps the traffic after a capture that the sample cuts off', () => {
    const capture = {
      name: 'capture',
      scenario: 'article',
      directives: [
        { kind: 'type' as const, line: 1, terminal: 'host', command: 'tcpdump -c 1 -i docker0' },
        { kind: 'wait' as const, line: 2, seconds: 1 },
        { kind: 'type' as const, line: 3, terminal: 'c1', command: 'ping -c 1 172.17.0.3' },
        { kind: 'wait' as const, line: 4, seconds: 1 },
        { kind: 'type' as const, line: 5, terminal: 'host', command: 'ip neigh' },
      ],
    };
    const other = { name: 'other', scenario: 'article', directives: Array.from({ length: 9 }, (_, i) => ({ kind: 'type' as const, line: i, terminal: 'host', command: 'true' })) };
    const [cut] = sampleCorpus([capture, other], 4);
    expect(cut!.directives.map((d) => d.line)).toEqual([1, 2, 3, 4]);
  });

  it('does not start a capture whose traffic the sample cuts off', () => {
    const captures = {
      name: 'captures',
      scenario: 'article',
      directives: [
        { kind: 'type' as const, line: 1, terminal: 'host', command: 'tcpdump -c 2 -i ens160 icmp' },
        { kind: 'wait' as const, line: 2, seconds: 1 },
        { kind: 'type' as const, line: 3, terminal: 'c1', command: 'ping -c 1 172.16.211.1' },
        { kind: 'wait' as const, line: 4, seconds: 1 },
        { kind: 'type' as const, line: 5, terminal: 'host', command: 'tcpdump -c 2 -i docker0 icmp' },
        { kind: 'wait' as const, line: 6, seconds: 1 },
        { kind: 'type' as const, line: 7, terminal: 'c3', command: 'ping -c 1 172.16.211.1' },
      ],
    };
    const other = { name: 'other', scenario: 'article', directives: Array.from({ length: 4 }, (_, i) => ({ kind: 'type' as const, line: i, terminal: 'host', command: 'true' })) };
    const [cut] = sampleCorpus([captures, other], 4);
    expect(cut!.directives.map((d) => d.line)).toEqual([1, 2, 3, 4]);
  });
});
