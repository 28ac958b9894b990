import { describe, expect, it } from 'vitest';
import { createDockerHostWorld } from '../../../../src-main/core/sim/net/outside-world.js';
import { buildKernelLab } from '../lab-fixture.js';

describe('namespace sysctls', () => {
  it('a new namespace copies ip_forward and the ipv4 conf all/default values from init_net (the real c1 shows 1)', () => {
    const lab = buildKernelLab(['c1']);
    const c1 = lab.containers.get('c1')!.ns;
    expect(c1.sysctl.get('net.ipv4.ip_forward')).toBe('1');
    expect(c1.sysctl.get('net.ipv4.conf.all.forwarding')).toBe('1');
    expect(c1.sysctl.get('net.ipv4.conf.default.forwarding')).toBe('1');
    expect(c1.sysctl.get('net.ipv4.conf.all.accept_redirects')).toBe('0');
    expect(c1.sysctl.get('net.ipv4.conf.default.send_redirects')).toBe('1');
    expect(c1.sysctl.get('net.ipv4.conf.all.rp_filter')).toBe('0');
  });

  it('copies the values init_net has at creation time; later changes stay per namespace', () => {
    const { host } = createDockerHostWorld();
    host.rootNs.sysctl.set('net.ipv4.conf.default.rp_filter', '2');
    const before = host.createNamespace('before');
    host.rootNs.sysctl.set('net.ipv4.ip_forward', '0');
    const after = host.createNamespace('after');
    expect(before.sysctl.get('net.ipv4.conf.default.rp_filter')).toBe('2');
    expect(after.sysctl.get('net.ipv4.ip_forward')).toBe('0');
    after.sysctl.set('net.ipv4.ip_forward', '1');
    expect(host.rootNs.sysctl.get('net.ipv4.ip_forward')).toBe('0');
  });

  it('does not copy non-conf ipv4 settings: they start at the kernel defaults', () => {
    const { host } = createDockerHostWorld();
    host.rootNs.sysctl.set('net.ipv4.ip_default_ttl', '32');
    expect(host.createNamespace('fresh').sysctl.get('net.ipv4.ip_default_ttl')).toBe('64');
  });

  it('ip_forward and conf.all.forwarding are one switch; flipping it sets default.forwarding and the inverse of all.accept_redirects', () => {
    const { host } = createDockerHostWorld();
    const ns = host.createNamespace('n');
    ns.sysctl.set('net.ipv4.conf.all.forwarding', '1');
    expect(ns.sysctl.get('net.ipv4.ip_forward')).toBe('1');
    expect(ns.sysctl.get('net.ipv4.conf.default.forwarding')).toBe('1');
    expect(ns.sysctl.get('net.ipv4.conf.all.accept_redirects')).toBe('0');
    ns.sysctl.set('net.ipv4.ip_forward', '0');
    expect(ns.sysctl.get('net.ipv4.conf.all.forwarding')).toBe('0');
    expect(ns.sysctl.get('net.ipv4.conf.all.accept_redirects')).toBe('1');
  });

  it('every device has its own conf entries, copied from default when it appears and gone when it leaves', () => {
    const lab = buildKernelLab(['c1']);
    const host = lab.hostNs.sysctl;
    const { ns: c1, hostEnd } = lab.containers.get('c1')!;
    expect(host.get('net.ipv4.conf.docker0.forwarding')).toBe('1');
    expect(host.get(`net.ipv4.conf.${hostEnd.name}.send_redirects`)).toBe('1');
    expect(c1.sysctl.get('net.ipv4.conf.eth0.forwarding')).toBe('1');
    // the veth end was made as `tmp` on the host and renamed on its way into c1
    expect([...host.keys()].some((k) => k.startsWith('net.ipv4.conf.tmp.'))).toBe(false);
    lab.world.links.delete(hostEnd);
    expect(host.has(`net.ipv4.conf.${hostEnd.name}.forwarding`)).toBe(false);
    expect(c1.sysctl.has('net.ipv4.conf.eth0.forwarding')).toBe(false);
  });

  it('turning forwarding off turns it off on every device (inet_forward_change)', () => {
    const lab = buildKernelLab(['c1']);
    lab.hostNs.sysctl.set('net.ipv4.ip_forward', '0');
    expect(lab.hostNs.sysctl.get('net.ipv4.conf.docker0.forwarding')).toBe('0');
    expect(lab.hostNs.sysctl.get('net.ipv4.conf.lo.forwarding')).toBe('0');
  });
});
