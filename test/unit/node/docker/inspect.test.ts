import { describe, expect, it } from 'vitest';
import { bindingsFrom, parseSnapshot, topologyFrom, type IpLink } from '../../../../src-main/node/docker/inspect.js';
import { labPlan } from '../../../../src-main/node/docker/lab-plan.js';

const lo: IpLink = { ifindex: 1, ifname: 'lo', flags: ['LOOPBACK', 'UP'], link_type: 'loopback', address: '00:00:00:00:00:00', addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8 }] };
const hostLinks: IpLink[] = [
  lo,
  { ifindex: 2, ifname: 'docker0', flags: ['UP'], address: '02:42:84:22:48:78', linkinfo: { info_kind: 'bridge' }, addr_info: [{ family: 'inet', local: '172.17.0.1', prefixlen: 16 }] },
  { ifindex: 3, ifname: 'ens160', flags: ['UP'], address: '00:0c:29:75:99:27', link_index: 2, link_netnsid: 0, linkinfo: { info_kind: 'veth' }, addr_info: [{ family: 'inet', local: '172.16.211.128', prefixlen: 24 }] },
  { ifindex: 5, ifname: 'veth8485218', flags: ['UP'], master: 'docker0', link_index: 4, link_netnsid: 1, linkinfo: { info_kind: 'veth' }, addr_info: [] },
];
const c1Links: IpLink[] = [
  lo,
  { ifindex: 4, ifname: 'eth0', flags: ['UP'], address: '02:42:ac:11:00:02', link_index: 5, link_netnsid: 0, linkinfo: { info_kind: 'veth' }, addr_info: [{ family: 'inet', local: '172.17.0.2', prefixlen: 16 }] },
];
const host01Links: IpLink[] = [
  lo,
  { ifindex: 2, ifname: 'eth0', flags: ['UP'], address: '00:50:56:c0:00:08', link_index: 3, linkinfo: { info_kind: 'veth' }, addr_info: [{ family: 'inet', local: '172.16.211.1', prefixlen: 24 }] },
];
const c1 = {
  Id: '4e10a2d4e8eb5d3c9f7a0e1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f',
  Name: '/c1',
  Config: { Hostname: 'c1' },
  State: { Pid: 271, Running: true },
  NetworkSettings: { IPAddress: '172.17.0.2', MacAddress: '02:42:ac:11:00:02', Ports: {} },
};
const web = {
  Id: 'e2c3dadd5aa3' + '0'.repeat(52),
  Name: '/web',
  Config: { Hostname: 'web' },
  State: { Pid: 494, Running: true },
  NetworkSettings: { IPAddress: '172.17.0.5', MacAddress: '02:42:ac:11:00:05', Ports: { '80/tcp': [{ HostIp: '172.16.211.128', HostPort: '81' }] } },
};

const text = [
  '### containers -', JSON.stringify([c1, web]),
  '### links host', JSON.stringify(hostLinks),
  '### netns host', '4026532182',
  '### links c1', JSON.stringify(c1Links),
  '### netns c1', '4026532771',
  '### links host01', JSON.stringify(host01Links),
  '### netns host01', '4026532900',
].join('\n');

describe('reading a lab snapshot', () => {
  const plan = labPlan('article');
  const snapshot = parseSnapshot(text);

  it('parses every section', () => {
    expect(snapshot.containers.map((c) => c.Name)).toEqual(['/c1', '/web']);
    expect(Object.keys(snapshot.links)).toEqual(['host', 'c1', 'host01']);
    expect(snapshot.netns).toEqual({ host: 4026532182, c1: 4026532771, host01: 4026532900 });
  });

  it("binds a container only on a user-defined network to that network's address", () => {
    const a1 = {
      ...c1,
      Name: '/a1',
      NetworkSettings: { IPAddress: '', MacAddress: '', Networks: { apps: { IPAddress: '10.20.0.2', MacAddress: '02:42:0a:14:00:02' } }, Ports: {} },
    };
    const bindings = bindingsFrom(plan, { ...snapshot, containers: [a1] });
    expect(bindings).toMatchObject({ 'a1.ip': '10.20.0.2', 'a1.mac': '02:42:0a:14:00:02' });
  });

  it('binds addresses, ids, pids and the host-side veth', () => {
    const bindings = bindingsFrom(plan, snapshot);
    expect(bindings).toMatchObject({
      'host.ip': '172.16.211.128',
      'host.iface': 'ens160',
      'docker0.ip': '172.17.0.1',
      'host01.ip': '172.16.211.1',
      'c1.ip': '172.17.0.2',
      'c1.mac': '02:42:ac:11:00:02',
      'c1.pid': '271',
      'c1.id': '4e10a2d4e8eb',
      'c1.veth': 'veth8485218',
      'web.ip': '172.17.0.5',
      'web.port': '81',
      'web.hostIp': '172.16.211.128',
      'web.containerPort': '80',
      'docker0.subnet': '172.17.0.0/16',
      'c1.netns': '4026532771',
      'c1.hostname': 'c1',
    });
    expect(bindings['c1.port']).toBeUndefined();
  });

  it('links veth peers across namespaces and lists published ports', () => {
    const topology = topologyFrom(plan, snapshot);
    const host = topology.nodes.find((n) => n.id === 'host')!;
    expect(host.netns).toBe(4026532182);
    expect(host.interfaces.find((i) => i.name === 'veth8485218')).toMatchObject({ kind: 'veth', master: 'docker0', peer: { node: 'c1', iface: 'eth0' } });
    expect(host.interfaces.find((i) => i.name === 'docker0')).toMatchObject({ kind: 'bridge', addresses: ['172.17.0.1/16'] });
    const c1Node = topology.nodes.find((n) => n.id === 'c1')!;
    expect(c1Node.interfaces.find((i) => i.name === 'eth0')?.peer).toEqual({ node: 'host', iface: 'veth8485218' });
    expect(topology.nodes.find((n) => n.id === 'gateway')?.kind).toBe('router');
    expect(topology.publishedPorts).toEqual([{ container: 'web', hostIp: '172.16.211.128', hostPort: 81, containerPort: 80, protocol: 'tcp' }]);
    expect(topology.networks).toEqual([
      { id: 'bridge', label: 'docker0', subnet: '172.17.0.0/16' },
      { id: 'lab', label: 'ens160', subnet: '172.16.211.0/24' },
    ]);
  });
});
