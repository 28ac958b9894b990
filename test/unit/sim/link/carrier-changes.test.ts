// dev->carrier_up_count + carrier_down_count, which `ip -s -s` prints as transns.
import { describe, expect, it } from 'vitest';
import { buildKernelLab } from '../lab-fixture.js';

describe('carrier changes', () => {
  it('counts two for a veth that came up (the carrier off at creation and the on), none for lo', () => {
    const lab = buildKernelLab(['c1']);
    const { hostEnd, eth0 } = lab.containers.get('c1')!;
    expect(eth0.carrierChanges).toBe(2);
    expect(hostEnd.carrierChanges).toBe(2);
    expect(lab.hostNs.device('lo')!.carrierChanges).toBe(0);
  });

  it('counts each later change once: the peer down takes the carrier, the peer up brings it back', () => {
    const lab = buildKernelLab(['c1']);
    const c1 = lab.containers.get('c1')!;
    c1.ns.setLinkUp(c1.eth0, false);
    expect(c1.hostEnd.carrierChanges).toBe(3);
    c1.ns.setLinkUp(c1.eth0, true);
    expect(c1.hostEnd.carrierChanges).toBe(4);
  });

  it('counts a bridge carrier from its ports: lost with its last port, back with a port', () => {
    const lab = buildKernelLab(['c1']);
    const { hostEnd } = lab.containers.get('c1')!;
    const before = lab.docker0.carrierChanges;
    lab.docker0.removePort(hostEnd);
    expect(lab.docker0.carrierChanges).toBe(before + 1);
    lab.docker0.addPort(hostEnd);
    expect(lab.docker0.carrierChanges).toBe(before + 2);
  });
});
