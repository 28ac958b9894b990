import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ipToNumber, numberToIp } from '../../../../src-main/core/sim/netfilter/addr.js';
import { conntrackEventLine, conntrackLine } from '../../../../src-main/core/userspace/conntrack/format.js';
import { runIptables } from '../../../../src-main/core/userspace/iptables/run.js';
import { Netfilter } from '../../../../src-main/core/sim/netfilter/netfilter.js';
import type { TraceStep } from '../../../../src-main/core/sim/netfilter/netfilter.js';
import { articleNetfilter, forward, hostCtx, icmpEcho, tcp, viewAdapter, type TestPacket } from './helpers.js';

type Nf = Netfilter<TestPacket>;

const counts = (nf: Nf, table: 'nat' | 'filter', chain: string) => nf.table(table).chain(chain).rules.map((r) => r.packets);

describe('DNAT to a published port (Host01 -> 172.16.211.128:81)', () => {
  it('rewrites the first packet, follows conntrack for the rest, un-NATs replies', () => {
    const nf = articleNetfilter();
    const syn = forward(nf, tcp('172.16.211.1', 40000, '172.16.211.128', 81, { syn: true }), 'ens160', 'docker0');
    expect(syn.verdict).toBe('accept');
    expect(numberToIp(syn.packet.dst)).toBe('172.17.0.5');
    expect(syn.packet.dport).toBe(80);
    expect(numberToIp(syn.packet.src)).toBe('172.16.211.1');

    const synAck = forward(nf, tcp('172.17.0.5', 80, '172.16.211.1', 40000, { syn: true, ack: true }), 'docker0', 'ens160');
    expect(synAck.verdict).toBe('accept');
    expect(numberToIp(synAck.packet.src)).toBe('172.16.211.128');
    expect(synAck.packet.sport).toBe(81);

    const ack = forward(nf, tcp('172.16.211.1', 40000, '172.16.211.128', 81, { ack: true }), 'ens160', 'docker0');
    expect(numberToIp(ack.packet.dst)).toBe('172.17.0.5');

    // nat counts the connection once; filter counts each packet.
    expect(counts(nf, 'nat', 'PREROUTING')).toEqual([1]);
    expect(counts(nf, 'nat', 'DOCKER')).toEqual([0, 1]);
    expect(counts(nf, 'filter', 'DOCKER')).toEqual([1]);
    expect(counts(nf, 'filter', 'FORWARD')).toEqual([3, 3, 1, 1, 1, 0]);

    const [conn] = nf.conntrack.entries(0);
    expect(conntrackLine(conn, 0)).toBe(
      'tcp      6 432000 ESTABLISHED src=172.16.211.1 dst=172.16.211.128 sport=40000 dport=81 src=172.17.0.5 dst=172.16.211.1 sport=80 dport=40000 [ASSURED] mark=0 use=1',
    );
  });

  it('does not DNAT traffic from docker0 (DOCKER -i docker0 -j RETURN)', () => {
    const nf = articleNetfilter();
    const r = nf.run('PREROUTING', tcp('172.17.0.2', 40000, '172.16.211.128', 81, { syn: true }), hostCtx('docker0', undefined));
    expect(numberToIp(r.packet.dst)).toBe('172.16.211.128');
    expect(counts(nf, 'nat', 'DOCKER')).toEqual([1, 0]);
  });

  it('drops unsolicited traffic to an unpublished container port (FORWARD policy DROP)', () => {
    const nf = articleNetfilter();
    const r = forward(nf, tcp('172.16.211.1', 40000, '172.17.0.2', 22, { syn: true }), 'ens160', 'docker0');
    expect(r.verdict).toBe('drop');
    // The packet fell off the end of FORWARD: the policy decided and counted it (iptables-legacy).
    const policy = nf.table('filter').chain('FORWARD');
    expect([policy.packets, policy.bytes]).toEqual([1, 60]);
    // nat PREROUTING: the DOCKER jump needs a local destination, so the connection fell through to the policy.
    expect(nf.table('nat').chain('PREROUTING').packets).toBe(1);
    expect(counts(nf, 'filter', 'FORWARD')).toEqual([1, 1, 0, 1, 0, 0]);
    expect(nf.conntrack.size).toBe(0);
  });
});

describe('MASQUERADE (c1 pings Host01)', () => {
  it('rewrites the source to ens160, un-NATs the reply, counts one connection', () => {
    const nf = articleNetfilter();
    const steps: TraceStep[] = [];
    const ctx = { ...hostCtx(undefined, 'ens160'), trace: (s: TraceStep) => steps.push(s) };
    const pre = nf.run('PREROUTING', icmpEcho('172.17.0.2', '172.16.211.1', 41), hostCtx('docker0', undefined));
    const fwd = nf.run('FORWARD', pre.packet, hostCtx('docker0', 'ens160'));
    const post = nf.run('POSTROUTING', fwd.packet, ctx);
    expect(numberToIp(post.packet.src)).toBe('172.16.211.128');
    expect(steps.some((s) => s.target === 'MASQUERADE' && s.chain === 'POSTROUTING')).toBe(true);

    const reply = forward(nf, icmpEcho('172.16.211.1', '172.16.211.128', 41, true), 'ens160', 'docker0');
    expect(reply.verdict).toBe('accept');
    expect(numberToIp(reply.packet.dst)).toBe('172.17.0.2');

    forward(nf, icmpEcho('172.17.0.2', '172.16.211.1', 41), 'docker0', 'ens160', 1000);
    const post2 = nf.table('nat').chain('POSTROUTING').rules[0];
    expect([post2.packets, post2.bytes]).toEqual([1, 84]);
    expect(counts(nf, 'filter', 'FORWARD')[2]).toBe(1); // ctstate RELATED,ESTABLISHED saw the reply
  });

  it('gives a second connection with a clashing reply tuple another source port', () => {
    const nf = articleNetfilter();
    const a = forward(nf, tcp('172.17.0.2', 5000, '172.16.211.1', 80, { syn: true }), 'docker0', 'ens160');
    const b = forward(nf, tcp('172.17.0.3', 5000, '172.16.211.1', 80, { syn: true }), 'docker0', 'ens160');
    expect(a.packet.sport).toBe(5000);
    expect(b.packet.sport).toBe(5001);
  });
});

describe('chain traversal', () => {
  it('follows jump, goto and RETURN, ending at the policy', () => {
    const nf = new Netfilter(viewAdapter);
    for (const line of [
      '-N A',
      '-N B',
      '-A INPUT -j A',
      '-A INPUT -p tcp --dport 22 -j ACCEPT',
      '-A A -g B',
      '-A A -j DROP',
      '-A B -s 10.0.0.0/8 -j RETURN',
      '-A B -j REJECT',
    ]) expect(runIptables(nf, line.split(' ')).status).toBe(0);
    const steps: TraceStep[] = [];
    const ctx = { ...hostCtx('ens160', undefined), trace: (s: TraceStep) => steps.push(s) };
    // From 10/8: B returns to INPUT (goto skipped A's DROP), then the ssh rule.
    expect(nf.run('INPUT', tcp('10.1.1.1', 1, '172.16.211.128', 22), ctx).verdict).toBe('accept');
    expect(nf.run('INPUT', tcp('10.1.1.1', 1, '172.16.211.128', 23), ctx).verdict).toBe('accept');
    expect(steps.filter((s) => s.rule === 0).map((s) => `${s.chain} ${s.target}`)).toEqual(['INPUT ACCEPT']);
    expect(nf.run('INPUT', tcp('192.168.1.1', 1, '172.16.211.128', 22), ctx).verdict).toBe('reject');
    expect(counts(nf, 'filter', 'A')).toEqual([3, 0]);
  });

  it('matches interface wildcards and negations', () => {
    const nf = new Netfilter(viewAdapter);
    runIptables(nf, ['-A', 'FORWARD', '-i', 'veth+', '!', '-o', 'eth0', '-j', 'DROP']);
    const p = tcp('1.1.1.1', 1, '2.2.2.2', 2);
    expect(nf.run('FORWARD', p, hostCtx('veth1a2b3c4', 'docker0')).verdict).toBe('drop');
    expect(nf.run('FORWARD', p, hostCtx('veth1a2b3c4', 'eth0')).verdict).toBe('accept');
    expect(nf.run('FORWARD', p, hostCtx('docker0', 'ens160')).verdict).toBe('accept');
  });
});

describe('conntrack table', () => {
  it('expires entries on the sim clock', () => {
    const nf = articleNetfilter();
    forward(nf, icmpEcho('172.17.0.2', '172.16.211.1', 7), 'docker0', 'ens160', 0);
    expect(nf.conntrack.entries(29_000)).toHaveLength(1);
    expect(nf.conntrack.entries(30_000)).toHaveLength(0);
  });

  it('reports NEW, UPDATE and DESTROY events as conntrack -E shows them', () => {
    const nf = articleNetfilter();
    const events: string[] = [];
    nf.conntrack.onEvent((event, conn) => events.push(conntrackEventLine(event, conn, 0)));
    forward(nf, tcp('172.16.211.1', 40000, '172.16.211.128', 81, { syn: true }), 'ens160', 'docker0');
    forward(nf, tcp('172.17.0.5', 80, '172.16.211.1', 40000, { syn: true, ack: true }), 'docker0', 'ens160');
    nf.conntrack.expire(61_000);
    expect(events).toEqual([
      '    [NEW] tcp      6 120 SYN_SENT src=172.16.211.1 dst=172.16.211.128 sport=40000 dport=81 [UNREPLIED] src=172.17.0.5 dst=172.16.211.1 sport=80 dport=40000',
      ' [UPDATE] tcp      6 60 SYN_RECV src=172.16.211.1 dst=172.16.211.128 sport=40000 dport=81 src=172.17.0.5 dst=172.16.211.1 sport=80 dport=40000',
      '[DESTROY] tcp      6 src=172.16.211.1 dst=172.16.211.128 sport=40000 dport=81 src=172.17.0.5 dst=172.16.211.1 sport=80 dport=40000',
    ]);
  });

  it('stays bounded and never throws for random rules and packets', () => {
    const ruleArb = fc.record({
      chain: fc.constantFrom('INPUT', 'FORWARD', 'OUTPUT'),
      proto: fc.constantFrom('', '-p tcp', '-p udp', '! -p tcp', '-p icmp'),
      src: fc.option(fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })), { nil: undefined }),
      port: fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined }),
      iface: fc.constantFrom('', '-i docker0', '! -i eth+', '-o ens160'),
      target: fc.constantFrom('ACCEPT', 'DROP', 'REJECT', 'RETURN', 'LOG', ''),
      state: fc.constantFrom('', '-m conntrack --ctstate NEW', '-m state --state ESTABLISHED,RELATED'),
    });
    const packetArb = fc.record({
      src: fc.ipV4(),
      dst: fc.ipV4(),
      proto: fc.constantFrom(1, 6, 17, 47),
      sport: fc.integer({ min: 0, max: 65535 }),
      dport: fc.integer({ min: 0, max: 65535 }),
      syn: fc.boolean(),
      hook: fc.constantFrom('PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING' as const),
    });
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 20 }), fc.array(packetArb, { maxLength: 200 }), (rules, packets) => {
        const nf = new Netfilter(viewAdapter, { max: 16 });
        runIptables(nf, '-t nat -A POSTROUTING -o ens160 -j MASQUERADE'.split(' '));
        for (const r of rules) {
          const words = [`-A ${r.chain}`, r.proto, r.src ? `-s ${r.src[0]}/${r.src[1]}` : '', r.port !== undefined && r.proto.startsWith('-p t') ? `--dport ${r.port}` : '', r.iface, r.state, r.target ? `-j ${r.target}` : '']
            .join(' ')
            .split(' ')
            .filter(Boolean);
          runIptables(nf, words);
        }
        let now = 0;
        for (const p of packets) {
          now += 100;
          const packet: TestPacket = {
            src: ipToNumber(p.src),
            dst: ipToNumber(p.dst),
            proto: p.proto,
            length: 60,
            sport: p.sport,
            dport: p.dport,
            tcpFlags: { syn: p.syn, ack: !p.syn, fin: false, rst: false },
            icmpType: 8,
            icmpId: p.sport,
          };
          const r = nf.run(p.hook, packet, hostCtx('docker0', 'ens160', now));
          expect(['accept', 'drop', 'reject']).toContain(r.verdict);
          if (p.hook === 'PREROUTING' || p.hook === 'OUTPUT') nf.run('POSTROUTING', r.packet, hostCtx(undefined, 'ens160', now));
          expect(nf.conntrack.size).toBeLessThanOrEqual(16);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// cspell:words UNREPLIED
