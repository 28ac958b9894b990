import { describe, expect, it } from 'vitest';
import { linkLocalFromMac } from '../../../../src-main/core/sim/net/addrconf.js';
import { createDockerHostWorld } from '../../../../src-main/core/sim/net/outside-world.js';
import { buildKernelLab } from '../lab-fixture.js';

const inet6 = (dev: { inet6: { address: string; prefixLen: number }[] }) => dev.inet6.map((a) => `${a.address}/${a.prefixLen}`);

describe('IPv6 addresses (addrconf)', () => {
  it('makes the link-local address from the MAC by modified EUI-64', () => {
    expect(linkLocalFromMac('00:0c:29:75:99:27')).toBe('fe80::20c:29ff:fe75:9927');
    expect(linkLocalFromMac('02:42:b4:d1:79:f3')).toBe('fe80::42:b4ff:fed1:79f3');
    expect(linkLocalFromMac('02:00:00:00:00:01')).toBe('fe80::ff:fe00:1');
  });

  it('gives lo ::1 and every link that is up with carrier its link-local address', () => {
    const lab = buildKernelLab(['c1']);
    const { hostNs, docker0 } = lab;
    expect(inet6(hostNs.loopback!)).toEqual(['::1/128']);
    expect(inet6(hostNs.device('ens160')!)).toEqual(['fe80::20c:29ff:fe75:9927/64']);
    expect(inet6(docker0)).toEqual(['fe80::42:9aff:fe0c:8aee/64']);
    expect(inet6(lab.containers.get('c1')!.hostEnd)).toHaveLength(1);
  });

  it('waits for carrier: a veth whose peer is down has none, a bridge none before a port brings it up', () => {
    const { world, hostNs } = createDockerHostWorld();
    const br = world.links.createBridge(hostNs, 'br0', '02:42:00:00:00:09');
    hostNs.setLinkUp(br, true);
    const [a, b] = world.links.createVethPair(hostNs, 'va', 'vb');
    br.addPort(a);
    hostNs.setLinkUp(a, true);
    expect(inet6(a)).toEqual([]);
    expect(inet6(br)).toEqual([]);
    hostNs.setLinkUp(b, true);
    expect(inet6(a)).toHaveLength(1);
    expect(inet6(br)).toEqual(['fe80::42:ff:fe00:9/64']);
    // losing carrier keeps the address; going down drops it
    hostNs.setLinkUp(b, false);
    expect(inet6(a)).toHaveLength(1);
    hostNs.setLinkUp(a, false);
    expect(inet6(a)).toEqual([]);
  });

  it('has none where disable_ipv6 is set, and configures them again when it is cleared', () => {
    const lab = buildKernelLab(['c1']);
    const c1 = lab.containers.get('c1')!;
    c1.ns.sysctl.set('net.ipv6.conf.all.disable_ipv6', '1');
    expect(c1.ns.sysctl.get('net.ipv6.conf.eth0.disable_ipv6')).toBe('1');
    expect(inet6(c1.eth0)).toEqual([]);
    expect(inet6(c1.ns.loopback!)).toEqual([]);
    c1.ns.sysctl.set('net.ipv6.conf.all.disable_ipv6', '0');
    expect(inet6(c1.eth0)).toEqual(['fe80::42:acff:fe11:2/64']);
  });
});
