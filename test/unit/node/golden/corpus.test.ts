import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../../src-main/core/lab/runner.js';
import { normalize } from '../../../../src-main/core/lab/transcript-normalize.js';
import { readCorpus, readCorpusRules, sampleCorpus, toolOf } from '../../../../src-main/node/golden/corpus.js';

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

  // A corpus group from lab-script lines; directives keep their line numbers.
  const group = (name: string, ...lines: string[]) => ({ name, scenario: 'article', directives: parseScript(lines.join('\n')) });
  const filler = (commands: number) => group('other', ...Array.from({ length: commands }, () => '@host true'));

  it('keeps the traffic after a capture that the sample cuts off', () => {
    const capture = group('capture', '@host tcpdump -c 1 -i docker0', 'wait 1', '@c1 ping -c 1 172.17.0.3', 'wait 1', '@host ip neigh');
    const [cut] = sampleCorpus([capture, filler(9)], 4);
    expect(cut!.directives.map((d) => d.line)).toEqual([1, 2, 3, 4]);
  });

  it('does not start a capture whose traffic the sample cuts off', () => {
    const captures = group(
      'captures',
      '@host tcpdump -c 2 -i ens160 icmp',
      'wait 1',
      '@c1 ping -c 1 172.16.211.1',
      'wait 1',
      '@host tcpdump -c 2 -i docker0 icmp',
      'wait 1',
      '@c3 ping -c 1 172.16.211.1',
    );
    const [cut] = sampleCorpus([captures, filler(4)], 4);
    expect(cut!.directives.map((d) => d.line)).toEqual([1, 2, 3, 4]);
  });

  it('normalizes what runs in real time or is drawn at random on both backends: the DHCP lease, bridge timers and ids', () => {
    const rules = readCorpusRules();
    const sim = 'valid_lft 1799sec preferred_lft 1799sec gc_timer    0.00 bridge_id 8000.2:42:4b:ab:a3:4a "valid_life_time":1799,"preferred_life_time":1799\n';
    const real = 'valid_lft 1778sec preferred_lft 1778sec gc_timer  290.83 bridge_id 8000.2:42:8d:6a:be:2 "valid_life_time":1778,"preferred_life_time":1778\n';
    expect(normalize(real, rules)).toBe(normalize(sim, rules));
    const forever = '"valid_life_time":4294967295,"preferred_life_time":4294967295\n';
    expect(normalize(forever, rules)).toBe(forever);
  });

  it("names the solicited-node groups of randomly made link-local addresses, not those of Docker's container MACs", () => {
    expect(normalize('\tinet6 ff02::1:ffab:a34a\n\tinet6 ff02::1:ff11:2\n', [])).toBe('\tinet6 ff02::1:ff<eui64>\n\tinet6 ff02::1:ff11:2\n');
  });
});
