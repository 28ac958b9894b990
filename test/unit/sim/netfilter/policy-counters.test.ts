// Built-in chain policy counters as x_tables (iptables-legacy 1.8.7, the
// article's host) keeps them: a packet that reaches the end of a built-in
// chain takes the policy and is counted there; one that a rule decides is not.
import { describe, expect, it } from 'vitest';
import { runIptables, runIptablesRestore, runIptablesSave } from '../../../../src-main/core/userspace/iptables/run.js';
import { Netfilter } from '../../../../src-main/core/sim/netfilter/netfilter.js';
import { parseScript, runScript } from '../../../../src-main/core/lab/runner.js';
import { SimBackend } from '../../../../src-main/core/simlab/backend.js';
import { articleNetfilter, hostCtx, icmpEcho, tcp, viewAdapter, type TestPacket } from './helpers.js';

type Nf = Netfilter<TestPacket>;

function iptables(nf: Nf, line: string): string {
  const result = runIptables(nf, line.split(' '));
  expect(result.stderr).toBe('');
  return result.stdout;
}

const policyOf = (nf: Nf, table: 'nat' | 'filter', chain: string) => {
  const c = nf.table(table).chain(chain);
  return [c.packets, c.bytes];
};

describe('policy counters in traversal', () => {
  it('count packets that fall off a built-in chain, not those a rule or a deciding jump settles', () => {
    const nf = new Netfilter(viewAdapter);
    for (const line of ['-N CHECK', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 23 -j CHECK', '-A CHECK -s 10.0.0.0/8 -j DROP', '-A CHECK -s 192.168.0.0/16 -j RETURN']) {
      iptables(nf, line);
    }
    const input = (src: string, dport: number) => nf.run('INPUT', tcp(src, 1000, '172.16.211.128', dport, {}, 100), hostCtx('ens160', undefined)).verdict;
    expect(input('1.1.1.1', 22)).toBe('accept'); // a rule accepts
    expect(input('10.1.1.1', 23)).toBe('drop'); // the jump's chain drops
    expect(policyOf(nf, 'filter', 'INPUT')).toEqual([0, 0]);
    expect(input('192.168.1.1', 23)).toBe('accept'); // RETURN from CHECK, then the end of INPUT
    expect(input('1.1.1.1', 80)).toBe('accept'); // no rule matches
    expect(policyOf(nf, 'filter', 'INPUT')).toEqual([2, 200]);
  });

  it('counts a RETURN in a built-in chain as reaching its policy', () => {
    const nf = new Netfilter(viewAdapter);
    iptables(nf, '-P OUTPUT DROP');
    iptables(nf, '-A OUTPUT -p icmp -j RETURN');
    iptables(nf, '-A OUTPUT -j ACCEPT');
    expect(nf.run('OUTPUT', icmpEcho('172.16.211.128', '172.16.211.1', 1), hostCtx(undefined, 'ens160')).verdict).toBe('drop');
    expect(policyOf(nf, 'filter', 'OUTPUT')).toEqual([1, 84]);
  });

  it('counts connections in nat, packets in filter (c1 pings Host01 on the article rules)', () => {
    const nf = articleNetfilter();
    for (let seq = 0; seq < 3; seq++) {
      const now = seq * 1000;
      const pre = nf.run('PREROUTING', icmpEcho('172.17.0.2', '172.16.211.1', 41), hostCtx('docker0', undefined, now));
      const fwd = nf.run('FORWARD', pre.packet, hostCtx('docker0', 'ens160', now));
      nf.run('POSTROUTING', fwd.packet, hostCtx(undefined, 'ens160', now));
      const back = nf.run('PREROUTING', icmpEcho('172.16.211.1', '172.16.211.128', 41, true), hostCtx('ens160', undefined, now));
      const fwdBack = nf.run('FORWARD', back.packet, hostCtx('ens160', 'docker0', now));
      expect(fwdBack.verdict).toBe('accept');
      nf.run('POSTROUTING', fwdBack.packet, hostCtx(undefined, 'docker0', now));
    }
    // The DOCKER jump wants a local destination: the connection's first packet fell through PREROUTING.
    expect(policyOf(nf, 'nat', 'PREROUTING')).toEqual([1, 84]);
    // MASQUERADE decided in POSTROUTING; Docker's rules accepted every forwarded packet.
    expect(policyOf(nf, 'nat', 'POSTROUTING')).toEqual([0, 0]);
    expect(policyOf(nf, 'filter', 'FORWARD')).toEqual([0, 0]);
  });
});

describe('policy counters in listings', () => {
  function busyInput(): Nf {
    const nf = new Netfilter(viewAdapter);
    iptables(nf, '-A FORWARD -j ACCEPT');
    for (let i = 0; i < 3; i++) nf.run('INPUT', tcp('1.1.1.1', 1000, '172.16.211.128', 22, {}, 100), hostCtx('ens160', undefined));
    nf.table('filter').chain('OUTPUT').packets = 123_456;
    nf.table('filter').chain('OUTPUT').bytes = 98_765_432;
    return nf;
  }

  it('shows them in -L -v, exact with -x, never without -v', () => {
    const nf = busyInput();
    expect(iptables(nf, '-L INPUT -v')).toMatch(/^Chain INPUT \(policy ACCEPT 3 packets, 300 bytes\)\n/);
    expect(iptables(nf, '-L OUTPUT -v')).toMatch(/^Chain OUTPUT \(policy ACCEPT 123K packets, 99M bytes\)\n/);
    expect(iptables(nf, '-L OUTPUT -v -x')).toMatch(/^Chain OUTPUT \(policy ACCEPT 123456 packets, 98765432 bytes\)\n/);
    expect(iptables(nf, '-L INPUT')).toMatch(/^Chain INPUT \(policy ACCEPT\)\n/);
  });

  it('shows them in -S only with -v, and in iptables-save always', () => {
    const nf = busyInput();
    expect(iptables(nf, '-S INPUT')).toBe('-P INPUT ACCEPT\n');
    expect(iptables(nf, '-S INPUT -v')).toBe('-P INPUT ACCEPT -c 3 300\n');
    const saved = runIptablesSave(nf, ['-t', 'filter'], 0).stdout;
    expect(saved).toContain(':INPUT ACCEPT [3:300]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [123456:98765432]\n');
    // -c adds the rules' counters; the policy lines are the same.
    const withRules = runIptablesSave(nf, ['-t', 'filter', '-c'], 0).stdout;
    expect(withRules).toContain(':INPUT ACCEPT [3:300]\n');
    expect(withRules).toContain('[0:0] -A FORWARD -j ACCEPT\n');
  });

  it('-Z CHAIN zeroes that chain only, -Z every chain', () => {
    const nf = busyInput();
    iptables(nf, '-Z OUTPUT');
    expect(policyOf(nf, 'filter', 'OUTPUT')).toEqual([0, 0]);
    expect(policyOf(nf, 'filter', 'INPUT')).toEqual([3, 300]);
    iptables(nf, '-Z');
    expect(policyOf(nf, 'filter', 'INPUT')).toEqual([0, 0]);
  });

  it('-L -Z lists, then zeroes (in either order); -Z CHAIN NUM zeroes one rule', () => {
    const nf = busyInput();
    expect(iptables(nf, '-L INPUT -v -Z')).toMatch(/^Chain INPUT \(policy ACCEPT 3 packets, 300 bytes\)\n/);
    expect(policyOf(nf, 'filter', 'INPUT')).toEqual([0, 0]);
    expect(policyOf(nf, 'filter', 'OUTPUT')).toEqual([123_456, 98_765_432]); // only the listed chain
    expect(iptables(nf, '-Z -S -v')).toContain('-P OUTPUT ACCEPT -c 123456 98765432\n');
    expect(policyOf(nf, 'filter', 'OUTPUT')).toEqual([0, 0]);

    iptables(nf, '-I FORWARD -p tcp');
    for (let i = 0; i < 2; i++) nf.run('FORWARD', tcp('1.1.1.1', 1, '2.2.2.2', 2), hostCtx('ens160', 'docker0'));
    expect(iptables(nf, '-S FORWARD -v')).toBe('-P FORWARD ACCEPT -c 0 0\n-A FORWARD -p tcp -c 2 120\n-A FORWARD -j ACCEPT -c 2 120\n');
    iptables(nf, '-Z FORWARD 2');
    expect(iptables(nf, '-S FORWARD -v')).toBe('-P FORWARD ACCEPT -c 0 0\n-A FORWARD -p tcp -c 2 120\n-A FORWARD -j ACCEPT -c 0 0\n');
    expect(runIptables(nf, ['-Z', 'FORWARD', '3']).stderr).toBe('iptables: Index of counter too big.\n');
    // Other commands still refuse -Z, in 1.8.7's wording.
    const refused = runIptables(nf, ['-Z', '-A', 'FORWARD', '-j', 'ACCEPT']);
    expect([refused.status, refused.stderr.split('\n')[0]]).toEqual([2, 'iptables v1.8.7 (legacy): Cannot use -A with -Z']);
  });
});

describe('policy counters through iptables-restore', () => {
  it('restart at 0 without -c; -c brings back policy and rule counters as saved', () => {
    const nf = new Netfilter(viewAdapter);
    iptables(nf, '-A INPUT -p tcp --dport 22 -j ACCEPT');
    for (const dport of [22, 80, 80]) nf.run('INPUT', tcp('1.1.1.1', 1000, '172.16.211.128', dport, {}, 100), hostCtx('ens160', undefined));
    const saved = runIptablesSave(nf, ['-t', 'filter', '-c'], 0).stdout;
    expect(saved).toContain(':INPUT ACCEPT [2:200]\n');
    expect(saved).toContain('[1:100] -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n');

    expect(runIptablesRestore(nf, saved, []).status).toBe(0);
    expect(iptables(nf, '-S INPUT -v')).toBe('-P INPUT ACCEPT -c 0 0\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT -c 0 0\n');

    const fresh = new Netfilter(viewAdapter);
    expect(runIptablesRestore(fresh, saved, ['-c']).status).toBe(0);
    expect(runIptablesSave(fresh, ['-t', 'filter', '-c'], 0).stdout).toBe(saved);
  });
});

/** `-P CHAIN POLICY -c PKTS BYTES` lines of `iptables -S -v` as `CHAIN -> [packets, bytes]`. */
function policies(output: string): Map<string, [number, number]> {
  const map = new Map<string, [number, number]>();
  for (const m of output.matchAll(/^-P (\S+) \S+ -c (\d+) (\d+)$/gm)) map.set(m[1], [Number(m[2]), Number(m[3])]);
  return map;
}

describe('policy counters on the simulated article lab', () => {
  it('move with c1 -> Host01, c1 -> the host, and a FORWARD that no longer accepts', async () => {
    const backend = new SimBackend();
    await backend.start('article');
    try {
      const step = async (lines: string[]) => {
        const script = ['@host iptables -Z; iptables -t nat -Z', ...lines, 'wait 4', '@host iptables -t nat -S -v', '@host iptables -S -v'];
        const result = await runScript(backend, parseScript(script.join('\n')));
        expect(result.error).toBeUndefined();
        const [nat, filter] = result.commands.slice(-2).map((c) => policies(c.output));
        return { nat, filter };
      };

      // Routed: nat PREROUTING's policy counts the connection, Docker's rules accept in FORWARD.
      let s = await step(['@c1 ping -c 2 172.16.211.1']);
      expect(s.nat.get('PREROUTING')).toEqual([1, 84]);
      expect(s.nat.get('POSTROUTING')).toEqual([0, 0]);
      expect(s.filter.get('FORWARD')).toEqual([0, 0]);
      expect(s.filter.get('INPUT')).toEqual([0, 0]);

      // The host's own traffic: filter INPUT and OUTPUT count every packet, nat INPUT the connection.
      s = await step(['@c1 ping -c 3 172.16.211.128']);
      expect(s.nat.get('PREROUTING')).toEqual([1, 84]); // back from DOCKER's RETURN, then off the end
      expect(s.nat.get('INPUT')).toEqual([1, 84]);
      expect(s.filter.get('INPUT')).toEqual([3, 252]);
      expect(s.filter.get('OUTPUT')).toEqual([3, 252]);
      expect(s.filter.get('FORWARD')).toEqual([0, 0]);

      // Without Docker's outbound ACCEPT, c1's echo request reaches FORWARD's DROP policy.
      s = await step(['@host iptables -D FORWARD -i docker0 ! -o docker0 -j ACCEPT', '@c1 ping -c 1 -W 1 172.16.211.1']);
      expect(s.filter.get('FORWARD')).toEqual([1, 84]);
    } finally {
      await backend.dispose();
    }
  }, 60_000);
});
