import { describe, expect, it } from 'vitest';
import { readFacts } from '../../../src-main/core/facts/read.js';
import { fixture, golden, producerOf, reference, type Recorded } from './transcripts.js';

function read(r: Recorded) {
  return readFacts(producerOf(r.command), r.output);
}
const tools = fixture('network-tools.txt');
const recorded = (command: string) => tools.find((r) => r.command === command)!;

describe('ping reader', () => {
  it('reads the replies and statistics of docker exec c1 ping on the real host', () => {
    const facts = read(reference('c1-ping-host.txt'));
    expect(facts[0]).toMatchObject({ kind: 'ping-start', target: '172.16.211.128', address: '172.16.211.128', payloadBytes: 56 });
    expect(facts.filter((f) => f.kind === 'ping-reply')).toMatchObject([
      { from: '172.16.211.128', icmpSeq: 1, ttl: 64, timeMs: 0.791, bytes: 64 },
      { icmpSeq: 2, timeMs: 0.102 },
      { icmpSeq: 3, timeMs: 0.096 },
    ]);
    expect(facts.at(-1)).toEqual({
      kind: 'ping-statistics',
      target: '172.16.211.128',
      transmitted: 3,
      received: 3,
      errors: 0,
      lossPercent: 0,
      timeMs: 2042,
      rtt: { min: 0.096, avg: 0.329, max: 0.791, mdev: 0.326 },
      text: '--- 172.16.211.128 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 2042ms\nrtt min/avg/max/mdev = 0.096/0.329/0.791/0.326 ms',
    });
  });

  it('reads Time to live exceeded and +1 errors from the golden case', () => {
    const r = golden('ping').find((c) => c.command === 'ping -c 1 -t 1 172.16.211.1')!;
    const facts = read(r);
    expect(facts.find((f) => f.kind === 'ping-error')).toMatchObject({ error: 'time-exceeded', from: '172.17.0.1', icmpSeq: 1 });
    expect(facts.find((f) => f.kind === 'ping-statistics')).toMatchObject({ transmitted: 1, received: 0, errors: 1, lossPercent: 100 });
  });

  it('reads the payload size of -s', () => {
    const r = golden('ping').find((c) => c.command === 'ping -c 1 -s 100 172.17.0.1')!;
    expect(read(r).slice(0, 2)).toMatchObject([{ kind: 'ping-start', payloadBytes: 100 }, { kind: 'ping-reply', bytes: 108 }]);
  });

  it('reads a name with its address, and total loss', () => {
    expect(read(recorded('ping -c 1 ns1host')).slice(0, 2)).toMatchObject([
      { kind: 'ping-start', target: 'ns1host', address: '10.1.0.2' },
      { kind: 'ping-reply', from: '10.1.0.2', fromName: 'ns1host' },
    ]);
    const lost = read(recorded('ip netns exec ns1 ping -c 2 -W 1 10.1.0.99')).at(-1);
    expect(lost).toMatchObject({ kind: 'ping-statistics', transmitted: 2, received: 0, lossPercent: 100 });
    expect(lost).not.toHaveProperty('rtt');
  });

  it('reads the error lines', () => {
    expect(read(recorded('ip netns exec ns2 ping -c 1 192.0.2.1'))).toMatchObject([{ kind: 'ping-error', error: 'network-unreachable' }]);
    expect(read(recorded('ping -c 1 nosuchhost.invalid'))).toMatchObject([{ kind: 'ping-error', error: 'unknown-host', target: 'nosuchhost.invalid' }]);
    const unreachable = 'From 172.17.0.2 icmp_seq=1 Destination Host Unreachable\nFrom 172.17.0.2 icmp_seq=2 Destination Host Unreachable\n';
    expect(readFacts({ tool: 'ping', argv: ['172.17.0.9'] }, unreachable)).toMatchObject([
      { kind: 'ping-error', error: 'host-unreachable', from: '172.17.0.2', icmpSeq: 1 },
      { kind: 'ping-error', error: 'host-unreachable', icmpSeq: 2 },
    ]);
    expect(readFacts({ tool: 'ping', argv: ['10.0.0.1'] }, 'Request timeout for icmp_seq 0\n')).toMatchObject([{ error: 'request-timeout', icmpSeq: 0 }]);
    expect(readFacts({ tool: 'ping', argv: ['x'] }, 'ping: unknown host x\n')).toMatchObject([{ error: 'unknown-host', target: 'x' }]);
  });

  it('reads a ping stopped with Ctrl-C and busybox lines', () => {
    const stopped = 'PING 172.17.0.3 (172.17.0.3) 56(84) bytes of data.\n64 bytes from 172.17.0.3: icmp_seq=1 ttl=64 time=0.1 ms\n^C\n--- 172.17.0.3 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\nrtt min/avg/max/mdev = 0.100/0.100/0.100/0.000 ms\n';
    expect(readFacts({ tool: 'ping', argv: ['172.17.0.3'] }, stopped).map((f) => f.kind)).toEqual(['ping-start', 'ping-reply', 'ping-statistics']);
    const busybox = 'PING 172.17.0.1 (172.17.0.1): 56 data bytes\n64 bytes from 172.17.0.1: seq=0 ttl=64 time=0.095 ms\n\n--- 172.17.0.1 ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\nround-trip min/avg/max = 0.095/0.095/0.095 ms\n';
    expect(readFacts({ tool: 'ping', argv: ['-c', '1', '172.17.0.1'] }, busybox)).toMatchObject([
      { kind: 'ping-start', address: '172.17.0.1', payloadBytes: 56 },
      { kind: 'ping-reply', from: '172.17.0.1', icmpSeq: 0, ttl: 64 },
      { kind: 'ping-statistics', transmitted: 1, received: 1, rtt: { min: 0.095, mdev: 0 } },
    ]);
  });

  it('reads what grep kept: statistics without title, one reply', () => {
    const counts = reference('c1-ping-host.txt').output.split('\n').filter((l) => l.includes('received'));
    expect(readFacts({ tool: 'ping', argv: ['-c', '3', '172.16.211.128'] }, counts.join('\n'))).toMatchObject([{ kind: 'ping-statistics', target: undefined, received: 3 }]);
  });
});
