// dev->promiscuity as Linux counts it: one for being a bridge port, one per
// promiscuous packet tap, released when the tap closes or the device goes.
import { describe, expect, it } from 'vitest';
import { buildKernelLab } from './lab-fixture.js';

describe('device promiscuity', () => {
  it('counts one for each bridge port and drops it when the port leaves the bridge', () => {
    const lab = buildKernelLab(['c1']);
    const { hostEnd, eth0 } = lab.containers.get('c1')!;
    expect(hostEnd.promiscuity).toBe(1);
    expect(eth0.promiscuity).toBe(0);
    expect(lab.docker0.promiscuity).toBe(0);
    lab.docker0.removePort(hostEnd);
    lab.docker0.removePort(hostEnd);
    expect(hostEnd.promiscuity).toBe(0);
    lab.docker0.addPort(hostEnd);
    lab.docker0.addPort(hostEnd);
    expect(hostEnd.promiscuity).toBe(1);
  });

  it('holds one count per promiscuous tap until it is disposed', () => {
    const lab = buildKernelLab(['c1']);
    const first = lab.world.taps.watch(lab.hostNs, 'docker0', () => {}, undefined, { promiscuous: true });
    const second = lab.world.taps.watch(lab.hostNs, 'docker0', () => {}, undefined, { promiscuous: true });
    const plain = lab.world.taps.watch(lab.hostNs, 'docker0', () => {});
    expect(lab.docker0.promiscuous).toBe(true);
    expect(lab.docker0.promiscuity).toBe(2);
    first.dispose();
    first.dispose();
    expect(lab.docker0.promiscuity).toBe(1);
    second.dispose();
    plain.dispose();
    expect(lab.docker0.promiscuous).toBe(false);
  });

  it('releases the count when the watched device leaves the namespace, and only once', () => {
    const lab = buildKernelLab(['c1']);
    const { hostEnd } = lab.containers.get('c1')!;
    let gone = 0;
    const tap = lab.world.taps.watch(lab.hostNs, hostEnd.name, () => {}, () => gone++, { promiscuous: true });
    expect(hostEnd.promiscuity).toBe(2);
    const other = lab.host.createNamespace('elsewhere');
    lab.world.links.move(hostEnd, other);
    expect(gone).toBe(1);
    expect(hostEnd.promiscuity).toBe(0);
    tap.dispose();
    expect(hostEnd.promiscuity).toBe(0);
  });
});
