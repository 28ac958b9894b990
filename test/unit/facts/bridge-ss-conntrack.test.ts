import { describe, expect, it } from 'vitest';
import { readFacts } from '../../../src-main/core/facts/read.js';
import { fixture, golden, producerOf, type Recorded } from './transcripts.js';

function read(r: Recorded) {
  return readFacts(producerOf(r.command), r.output);
}
const tools = fixture('network-tools.txt');
const recorded = (command: string) => tools.find((r) => r.command === command)!;
const bridgeSs = golden('bridge-ss');

describe('bridge reader', () => {
  it('reads the ports of docker0 with their state', () => {
    const ports = read(bridgeSs.find((r) => r.command === 'bridge link')!);
    expect(ports).toHaveLength(4);
    expect(ports[0]).toMatchObject({ kind: 'bridge-link', port: 'vethc6208b1', index: 5, peerIndex: 4, master: 'docker0', state: 'forwarding', priority: 32, cost: 2, mtu: 1500 });
    expect(read(recorded('bridge -d link show dev veth1'))).toMatchObject([{ port: 'veth1', master: 'br0', state: 'forwarding' }]);
  });

  it('reads the forwarding database: learned, permanent and self entries', () => {
    const fdb = read(recorded('bridge fdb show br br0'));
    const learned = fdb.filter((f) => f.kind === 'bridge-fdb' && !f.permanent);
    expect(learned).toMatchObject([{ dev: 'veth1', master: 'br0', self: false, permanent: false }]);
    expect(fdb.find((f) => f.kind === 'bridge-fdb' && f.mac === '33:33:00:00:00:01')).toMatchObject({ dev: 'br0', self: true, permanent: true });
    expect(readFacts({ tool: 'bridge', argv: ['-j', 'fdb'] }, '[{"mac":"02:42:ac:11:00:02","ifname":"veth1","master":"docker0","state":""}]')).toMatchObject([{ mac: '02:42:ac:11:00:02', dev: 'veth1', master: 'docker0', permanent: false }]);
  });
});

describe('ss reader', () => {
  it('reads the docker-proxy listener of the published port', () => {
    const [listener] = read(bridgeSs.find((r) => r.command === 'ss -tln')!);
    expect(listener).toMatchObject({ kind: 'socket', proto: 'tcp', state: 'LISTEN', recvQ: 0, sendQ: 4096, local: { address: '172.16.211.128', port: 81 }, peer: { address: '0.0.0.0', port: undefined } });
  });

  it('reads processes of -p and sockets in other states', () => {
    expect(read(recorded('ss -tlnp'))).toMatchObject([{ local: { address: '10.1.0.1', port: 80 }, processes: [{ name: 'python3', pid: expect.any(Number), fd: 3 }] }]);
    expect(read(recorded('ss -tan'))).toMatchObject([{ proto: 'tcp', state: 'LISTEN', local: { address: '10.1.0.1', port: 80 }, processes: [] }]);
    expect(read(recorded('ss -ulpn'))).toEqual([]);
    expect(read(recorded('ss -s'))).toEqual([]);
  });

  it('reads Netid, IPv6 and service names', () => {
    const text = 'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nudp   UNCONN 0      0      127.0.0.11:53       0.0.0.0:*\ntcp   ESTAB  0      0      [::ffff:172.17.0.1]:http [::ffff:172.17.0.2]:51000\n';
    expect(readFacts({ tool: 'ss', argv: ['-tuan'] }, text)).toMatchObject([
      { proto: 'udp', state: 'UNCONN', local: { address: '127.0.0.11', port: 53 } },
      { proto: 'tcp', state: 'ESTAB', local: { address: '::ffff:172.17.0.1', port: 80 }, peer: { port: 51000 } },
    ]);
  });
});

describe('conntrack reader', () => {
  const entries = read(recorded('conntrack -L'));

  it('reads TCP entries with state, both tuples and [ASSURED]', () => {
    expect(entries.find((e) => e.kind === 'conntrack-entry' && e.proto === 'tcp')).toMatchObject({
      protoNumber: 6,
      timeout: expect.any(Number),
      state: 'TIME_WAIT',
      original: { src: '10.1.0.2', dst: '10.1.0.1', dport: 80 },
      reply: { src: '10.1.0.1', dst: '10.1.0.2', sport: 80 },
      flags: ['ASSURED'],
      mark: 0,
      use: 1,
    });
  });

  it('reads UDP [UNREPLIED] and ICMP type/code/id; the summary on stderr is not an entry', () => {
    expect(entries.find((e) => e.kind === 'conntrack-entry' && e.proto === 'udp')).toMatchObject({ state: undefined, original: { dport: 5353 }, flags: ['UNREPLIED'] });
    expect(entries.find((e) => e.kind === 'conntrack-entry' && e.proto === 'icmp')).toMatchObject({ original: { icmpType: 8, icmpCode: 0 }, reply: { icmpType: 0 } });
    expect(entries).toHaveLength(7);
  });

  it('reads a NATed entry: the reply tuple comes from the container', () => {
    const nat = 'tcp      6 431999 ESTABLISHED src=172.16.211.1 dst=172.16.211.128 sport=44652 dport=81 src=172.17.0.5 dst=172.16.211.1 sport=80 dport=44652 [ASSURED] mark=0 use=1\n';
    expect(readFacts({ tool: 'conntrack', argv: ['-L'] }, nat)).toMatchObject([{ state: 'ESTABLISHED', original: { dst: '172.16.211.128', dport: 81 }, reply: { src: '172.17.0.5', sport: 80 } }]);
  });
});
