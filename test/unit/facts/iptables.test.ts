import { describe, expect, it } from 'vitest';
import type { Fact, FactOf } from '../../../src-main/core/facts/model.js';
import { readFacts } from '../../../src-main/core/facts/read.js';
import { fixture, golden, producerOf, reference, type Recorded } from './transcripts.js';

function read(r: Recorded): Fact[] {
  return readFacts(producerOf(r.command), r.output);
}
function rules(facts: Fact[]): FactOf<'iptables-rule'>[] {
  return facts.filter((f): f is FactOf<'iptables-rule'> => f.kind === 'iptables-rule');
}
function chains(facts: Fact[]): FactOf<'iptables-chain'>[] {
  return facts.filter((f): f is FactOf<'iptables-chain'> => f.kind === 'iptables-chain');
}
const forms = fixture('iptables-forms.txt');
function form(command: string): Recorded {
  return forms.find((r) => r.command === command)!;
}

describe('iptables reader: -L -v -n on the real host', () => {
  const facts = read(reference('nat-L-v-n.txt'));

  it('reads the MASQUERADE rule of 172.17.0.0/16 with its counters', () => {
    expect(rules(facts).find((r) => r.target === 'MASQUERADE' && r.source.cidr === '172.17.0.0/16')).toMatchObject({
      table: 'nat',
      chain: 'POSTROUTING',
      form: 'list-numeric',
      protocol: 'all',
      inInterface: undefined,
      outInterface: { name: 'docker0', negated: true },
      destination: { cidr: '0.0.0.0/0', negated: false },
      packets: 2,
      bytes: 168,
      countersExact: true,
    });
  });

  it('reads the DNAT to the web container with dpt and to:', () => {
    expect(rules(facts).filter((r) => r.target === 'DNAT')).toMatchObject([
      {
        chain: 'DOCKER',
        protocol: 'tcp',
        inInterface: { name: 'docker0', negated: true },
        destination: { printed: '172.16.211.128', cidr: '172.16.211.128/32' },
        extras: { dport: { port: 81 }, toDestination: '172.17.0.5:80' },
        extraText: 'tcp dpt:81 to:172.17.0.5:80',
        packets: 1,
        bytes: 60,
      },
    ]);
  });

  it('reads chains with policies, policy counters and references', () => {
    expect(chains(facts).map((c) => [c.name, c.policy, c.packets, c.references])).toEqual([
      ['PREROUTING', 'ACCEPT', 0, undefined],
      ['INPUT', 'ACCEPT', 0, undefined],
      ['OUTPUT', 'ACCEPT', 0, undefined],
      ['POSTROUTING', 'ACCEPT', 0, undefined],
      ['DOCKER', undefined, undefined, 2],
    ]);
    expect(rules(facts)).toHaveLength(6);
  });

  it('reads a negated destination and the addrtype match', () => {
    expect(rules(facts).find((r) => r.chain === 'OUTPUT')).toMatchObject({ destination: { cidr: '127.0.0.0/8', negated: true }, extras: { dstType: 'LOCAL' } });
  });

  it('reads ctstate in the filter table', () => {
    const filter = read(reference('filter-L-v-n.txt'));
    expect(rules(filter).find((r) => r.extras.ctstate)).toMatchObject({ table: 'filter', chain: 'FORWARD', target: 'ACCEPT', extras: { ctstate: ['RELATED', 'ESTABLISHED'] }, packets: 12, bytes: 901 });
    expect(chains(filter).find((c) => c.name === 'FORWARD')).toMatchObject({ policy: 'DROP' });
  });
});

describe('iptables reader: names instead of numbers', () => {
  it('reads -L -v without -n as the same rules as with -n', () => {
    const named = rules(read(reference('nat-L-v.txt')));
    const numeric = rules(read(reference('nat-L-v-n.txt')));
    const essence = (r: FactOf<'iptables-rule'>) => [r.chain, r.target, r.protocol, r.inInterface, r.outInterface, r.source.cidr, r.destination.cidr, r.extras.dport?.port, r.extras.toDestination, r.packets, r.bytes];
    expect(named.map(essence)).toEqual(numeric.map(essence));
    expect(named[0]!.form).toBe('list-names');
    expect(named.find((r) => r.extras.dport?.printed === 'http')).toMatchObject({ extras: { dport: { port: 80 } }, source: { printed: '172.17.0.5' } });
    expect(named[0]!.source).toEqual({ printed: 'anywhere', cidr: '0.0.0.0/0', negated: false });
  });

  it('reads -L without -v (no counters, no interfaces), SNAT to: and REDIRECT ports', () => {
    const facts = rules(read(form('iptables -t nat -L')));
    expect(facts.find((r) => r.target === 'SNAT')).toMatchObject({ extras: { toSource: '192.0.2.7' }, packets: undefined, outInterface: undefined });
    expect(facts.find((r) => r.target === 'REDIRECT')).toMatchObject({ protocol: 'udp', extras: { dport: { printed: 'domain', port: 53 }, toPorts: '5353' } });
    expect(chains(read(form('iptables -t nat -L')))[0]).toMatchObject({ name: 'PREROUTING', policy: 'ACCEPT', packets: undefined });
  });

  it('reads multiport, comments, icmp types, host names, port ranges, negated ports and a rule without target', () => {
    const named = rules(read(form('iptables -L -v')));
    expect(named[0]).toMatchObject({ extras: { dports: [22, 443], comment: 'admin ports' } });
    expect(named[1]).toMatchObject({ protocol: 'icmp', extras: { icmpType: 'echo-request', state: ['NEW'] } });
    expect(named[2]).toMatchObject({ source: { printed: 'localhost', cidr: '127.0.0.1/32' }, extras: { sport: { port: 1000, lastPort: 2000 }, rejectWith: 'icmp-port-unreachable' } });
    expect(named[3]).toMatchObject({ target: undefined, protocol: 'tcp', extras: { dport: { printed: 'http-alt', port: 8080, negated: true } } });
    const numeric = rules(read(form('iptables -L INPUT -n')));
    expect(numeric.map((r) => r.chain)).toEqual(['INPUT', 'INPUT', 'INPUT', 'INPUT']);
    expect(numeric[1]).toMatchObject({ extras: { icmpType: '8' } });
  });
});

describe('iptables reader: -x, --line-numbers, bundled flags', () => {
  it('reads line numbers and exact counters', () => {
    const facts = rules(read(form('iptables -t nat -L -n -v -x --line-numbers')));
    expect(facts.filter((r) => r.chain === 'POSTROUTING').map((r) => [r.lineNumber, r.target, r.packets, r.bytes])).toEqual([
      [1, 'MASQUERADE', 10, 694],
      [2, 'MASQUERADE', 0, 0],
      [3, 'SNAT', 0, 0],
    ]);
  });

  it('reads rounded counters as the numbers they stand for, marked inexact', () => {
    const [rule] = rules(readFacts({ tool: 'iptables', argv: ['-t', 'nat', '-L', '-v', '-n'] }, '  123K   12M MASQUERADE  all  --  *      !docker0  172.17.0.0/16        0.0.0.0/0\n'));
    expect(rule).toMatchObject({ packets: 123000, bytes: 12000000, countersExact: false, chain: undefined, table: 'nat' });
  });

  it('reads -nvL CHAIN: the chain named on the command line', () => {
    const facts = read(form('iptables -nvL FORWARD'));
    expect(rules(facts).map((r) => [r.chain, r.form, r.outInterface?.name])).toEqual([
      ['FORWARD', 'list-numeric', 'docker0'],
      ['FORWARD', 'list-numeric', 'docker0'],
    ]);
  });

  it('reads --line-numbers without -v from the golden case', () => {
    const r = golden('iptables-ops').find((c) => c.command === 'iptables -L DOCKER -n --line-numbers')!;
    expect(rules(read(r))).toMatchObject([{ lineNumber: 1, chain: 'DOCKER', target: 'ACCEPT', destination: { cidr: '172.17.0.5/32' }, extras: { dport: { port: 80 } } }]);
  });
});

describe('iptables reader: -S and iptables-save', () => {
  it('reads -S rules with negation, matches and the DNAT destination', () => {
    const r = golden('iptables-ops').find((c) => c.command === 'iptables -t nat -S DOCKER')!;
    const facts = read(r);
    expect(chains(facts)).toMatchObject([{ name: 'DOCKER', policy: undefined, form: 'spec', table: 'nat' }]);
    expect(rules(facts)[1]).toMatchObject({
      form: 'spec',
      table: 'nat',
      chain: 'DOCKER',
      target: 'DNAT',
      protocol: 'tcp',
      inInterface: { name: 'docker0', negated: true },
      destination: { cidr: '172.16.211.128/32' },
      extras: { dport: { port: 81 }, toDestination: '172.17.0.5:80' },
      extraText: '-m tcp --dport 81 --to-destination 172.17.0.5:80',
    });
  });

  it('reads -S -v counters and policies', () => {
    const facts = read(form('iptables -t nat -S -v'));
    expect(chains(facts).find((c) => c.name === 'OUTPUT')).toMatchObject({ policy: 'ACCEPT', packets: 10, bytes: 694 });
    expect(rules(facts).find((r) => r.target === 'MASQUERADE')).toMatchObject({ source: { cidr: '172.17.0.0/16' }, outInterface: { name: 'docker0', negated: true }, packets: 10, bytes: 694 });
    expect(rules(facts).find((r) => r.target === 'SNAT')).toMatchObject({ extras: { toSource: '192.0.2.7' } });
  });

  it('reads iptables-save -c with tables, chain declarations and [packets:bytes]', () => {
    const facts = read(form('iptables-save -c'));
    expect(chains(facts).map((c) => `${c.table}/${c.name}`)).toContain('nat/DOCKER');
    expect(rules(facts).find((r) => r.target === 'MASQUERADE' && r.source.cidr === '172.17.0.0/16')).toMatchObject({ form: 'save', table: 'nat', chain: 'POSTROUTING', packets: 10, bytes: 694 });
    expect(rules(facts).find((r) => r.extras.comment)).toMatchObject({ table: 'filter', extras: { comment: 'admin ports', dports: [22, 443] } });
    expect(rules(facts).find((r) => r.extras.dport?.negated)).toMatchObject({ target: undefined, extras: { dport: { port: 8080 } } });
  });

  it('reads iptables-save -t nat of the golden case (table from argv and from *nat)', () => {
    const r = golden('iptables-ops').find((c) => c.command.startsWith('iptables-save -t nat'))!;
    const facts = read(r);
    expect(rules(facts)).toHaveLength(6);
    expect(rules(facts).every((f) => f.table === 'nat')).toBe(true);
  });
});

describe('iptables reader: partial output', () => {
  it('keeps what grep left: a rule without its chain title', () => {
    const masq = reference('nat-L-v-n.txt').output.split('\n').filter((l) => l.includes('MASQ')).join('\n');
    const facts = readFacts({ tool: 'iptables', argv: ['-t', 'nat', '-L', '-v', '-n'] }, masq);
    expect(facts.map((f) => f.kind)).toEqual(['iptables-rule', 'iptables-rule']);
    expect(rules(facts)[0]).toMatchObject({ chain: undefined, table: 'nat', target: 'MASQUERADE', packets: 2, source: { cidr: '172.17.0.0/16' } });
  });

  it('reads -S output cut by grep: the chain named on the command line, no chain declaration', () => {
    const r = golden('docker-run-network').find((c) => c.command === 'iptables -t nat -S DOCKER | grep 8080')!;
    expect(read(r)).toMatchObject([
      { kind: 'iptables-rule', table: 'nat', chain: 'DOCKER', target: 'DNAT', destination: { cidr: '0.0.0.0/0' }, extras: { dport: { port: 8080 }, toDestination: '172.17.0.6:80' } },
    ]);
  });

  it('reads nothing from an error or from commands that list nothing', () => {
    expect(readFacts({ tool: 'iptables', argv: ['-L', 'LAB-TEST'] }, 'iptables: No chain/target/match by that name.\n')).toEqual([]);
    expect(readFacts({ tool: 'iptables', argv: ['-A', 'FORWARD', '-j', 'ACCEPT'] }, 'Chain FORWARD (policy DROP)\n')).toEqual([]);
  });
});
