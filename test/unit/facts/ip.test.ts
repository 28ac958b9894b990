import { describe, expect, it } from 'vitest';
import { readFacts } from '../../../src-main/core/facts/read.js';
import { fixture, golden, only, read, reference } from './transcripts.js';

const tools = fixture('network-tools.txt');
const recorded = (command: string) => tools.find((r) => r.command === command)!;
const ipCase = golden('ip-commands');
const inCase = (command: string) => ipCase.find((r) => r.command === command)!;

describe('ip reader: links', () => {
  it("reads the host's veths: index, master, peer @ifN and link-netnsid", () => {
    const links = only('ip-link', read(reference('host-ip-link.txt')));
    expect(links.find((l) => l.interface === 'docker0')).toMatchObject({ index: 5, state: 'UP', mtu: 1500, mac: '02:42:f3:34:36:df', master: undefined });
    expect(links.filter((l) => l.master === 'docker0').map((l) => [l.interface, l.peerIndex, l.linkNetnsid])).toEqual([
      ['veth3fe1e90', 68, 1],
      ['vethf65f507', 70, 2],
      ['vetha912e7e', 72, 3],
      ['veth50de665', 74, 4],
    ]);
  });

  it("reads a container's eth0@if69 seen through nsenter", () => {
    expect(only('ip-link', read(reference('c1-nsenter-ip-link.txt')))[1]).toMatchObject({ interface: 'eth0', index: 68, peerIndex: 69, linkNetnsid: 0, mac: '02:42:ac:11:00:02', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'] });
  });

  it('reads -br link, -j link and -d link', () => {
    expect(read(inCase('ip -br link show docker0'))).toMatchObject([{ kind: 'ip-link', interface: 'docker0', state: 'UP', mac: '02:42:97:70:41:e8', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'] }]);
    expect(read(recorded('ip -j link show veth1'))).toMatchObject([{ kind: 'ip-link', interface: 'veth1', index: 3, master: 'br0', peerIndex: 2, linkNetnsid: 0, state: 'UP' }]);
    expect(read(recorded('ip -d link show veth1'))).toMatchObject([{ kind: 'ip-link', interface: 'veth1', master: 'br0', deviceType: 'veth' }]);
  });
});

describe('ip reader: addresses', () => {
  it('reads ip addr show: address, prefix, broadcast, scope, with the link fields of its block', () => {
    expect(read(inCase('ip addr show docker0'))).toMatchObject([
      { kind: 'ip-link', interface: 'docker0' },
      { kind: 'ip-address', interface: 'docker0', index: 2, family: 'inet', address: '172.17.0.1', prefixLength: 16, cidr: '172.17.0.1/16', broadcast: '172.17.255.255', scope: 'global', state: 'UP' },
    ]);
    const container = inCase('ip addr show eth0');
    expect(only('ip-address', read(container))).toMatchObject([{ interface: 'eth0', address: '172.17.0.2', peerIndex: 5, linkNetnsid: 0 }]);
  });

  it('reads inet6 and loopback addresses', () => {
    const addresses = only('ip-address', read(recorded('ip netns exec ns1 ip addr')));
    expect(addresses.map((a) => [a.interface, a.family, a.cidr, a.scope])).toEqual([
      ['lo', 'inet', '127.0.0.1/8', 'host'],
      ['lo', 'inet6', '::1/128', 'host'],
      ['eth0', 'inet', '10.1.0.2/24', 'global'],
      ['eth0', 'inet6', expect.stringMatching(/^fe80::.*\/64$/), 'link'],
    ]);
  });

  it('reads -br, -o and -j address forms alike', () => {
    const brief = only('ip-address', read(inCase('ip -br -4 addr show dev docker0')));
    const oneline = only('ip-address', read(inCase('ip -4 -o addr show dev docker0')));
    expect(brief).toMatchObject([{ interface: 'docker0', cidr: '172.17.0.1/16', state: 'UP' }]);
    expect(oneline).toMatchObject([{ interface: 'docker0', index: 2, cidr: '172.17.0.1/16', broadcast: '172.17.255.255', scope: 'global' }]);
    expect(only('ip-address', read(recorded('ip -j addr show dev br0')))).toMatchObject([{ interface: 'br0', index: 2, address: '10.1.0.1', prefixLength: 24, scope: 'global', state: 'UP' }]);
    const nsenter = golden('sysctl-nsenter').find((r) => r.command.includes('ip -br -4 addr'))!;
    expect(only('ip-address', read(nsenter)).map((a) => [a.interface, a.cidr, a.peerIndex])).toEqual([
      ['lo', '127.0.0.1/8', undefined],
      ['eth0', '172.17.0.3/16', 7],
    ]);
  });

  it('reads an inet line that grep cut from its block, naming the interface by its label', () => {
    const facts = readFacts({ tool: 'ip', argv: ['addr'] }, '    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n    inet6 fe80::1/64 scope link \n');
    expect(facts).toMatchObject([
      { kind: 'ip-address', interface: 'docker0', cidr: '172.17.0.1/16', index: undefined },
      { kind: 'ip-address', interface: undefined, family: 'inet6', cidr: 'fe80::1/64' },
    ]);
  });

  it('reads nothing from an error or from a jq result', () => {
    expect(read(inCase('ip link show nosuchdev'))).toEqual([]);
    expect(read(inCase("ip -j addr show dev docker0 | jq -r '.[0].addr_info[0].local'"))).toEqual([]);
  });
});

describe('ip reader: routes and neighbours', () => {
  it("reads the host's and a container's routes", () => {
    expect(only('ip-route', read(reference('c1-ip-route.txt')))).toMatchObject([
      { dst: '0.0.0.0/0', default: true, via: '172.17.0.1', dev: 'eth0' },
      { dst: '172.17.0.0/16', default: false, dev: 'eth0', proto: 'kernel', scope: 'link', src: '172.17.0.2' },
    ]);
    expect(only('ip-route', read(reference('host-ip-route.txt'))).find((r) => r.dev === 'docker0')).toMatchObject({ dst: '172.17.0.0/16', src: '172.17.0.1' });
  });

  it('reads ip route get, metric and route types', () => {
    const get = ipCase.filter((r) => r.command === 'ip route get 172.16.211.1').at(-1)!;
    expect(read(get)).toMatchObject([{ kind: 'ip-route', dst: '172.16.211.1/32', via: '172.17.0.1', dev: 'eth0', src: '172.17.0.2' }]);
    expect(readFacts({ tool: 'ip', argv: ['r'] }, 'default via 172.16.211.2 dev ens160 proto dhcp src 172.16.211.128 metric 100 \n')).toMatchObject([{ default: true, via: '172.16.211.2', proto: 'dhcp', metric: 100 }]);
    expect(only('ip-route', read(recorded('ip route show table local')))[0]).toMatchObject({ type: 'local', dst: '10.1.0.1/32', dev: 'br0', scope: 'host' });
    expect(read(recorded('ip -j route'))).toMatchObject([{ kind: 'ip-route', dst: '10.1.0.0/24', dev: 'br0', proto: 'kernel', src: '10.1.0.1' }]);
  });

  it('reads neighbours with and without lladdr, and with dev taken from the command', () => {
    expect(read(recorded('ip netns exec ns1 ip neigh'))).toMatchObject([
      { kind: 'ip-neigh', address: '10.1.0.1', dev: 'eth0', lladdr: expect.stringMatching(/^[0-9a-f:]{17}$/), state: ['REACHABLE'] },
      { kind: 'ip-neigh', address: '10.1.0.99', dev: 'eth0', lladdr: undefined, state: ['INCOMPLETE'] },
    ]);
    const afterPing = golden('ip-neigh-netns')[0]!;
    expect(readFacts({ tool: 'ip', argv: ['neigh', 'show', '172.17.0.3'] }, afterPing.output)).toMatchObject([{ address: '172.17.0.3', dev: 'eth0', lladdr: '02:42:ac:11:00:03', state: ['REACHABLE'] }]);
    expect(read(recorded('ip neigh show dev br0'))).toMatchObject([{ address: '10.1.0.2', dev: 'br0', state: ['REACHABLE'] }]);
    expect(readFacts({ tool: 'ip', argv: ['-j', 'neigh'] }, '[{"dst":"172.17.0.3","dev":"eth0","lladdr":"02:42:ac:11:00:03","state":["STALE"]}]\n')).toMatchObject([{ address: '172.17.0.3', lladdr: '02:42:ac:11:00:03', state: ['STALE'] }]);
  });

  it('reads nothing from commands that change state', () => {
    expect(readFacts({ tool: 'ip', argv: ['route', 'add', 'default', 'via', '10.0.0.1'] }, 'default via 10.0.0.1 dev eth0\n')).toEqual([]);
  });
});
