// dev->promiscuity as Linux counts it: one for being a bridge port, one per
// promiscuous packet tap, released when the tap closes or the device goes.
import { describe, expect, it } from 'vitest';
import { ETH_P_IP, ICMP_ECHO_REQUEST, ipv4 } from '../../../../src-main/core/sim/wire/packet.js';
import { buildKernelLab } from '../lab-fixture.js';

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

describe('a NIC MAC filter', () => {
  it('hides frames the lab switch floods to other stations unless a promiscuous tap is open', async () => {
    const lab = buildKernelLab([]);
    const host01Nic = lab.host01.rootNs.devices().find((d) => d.kind === 'ether')!;
    const seen: string[] = [];
    // No station has this MAC, so the switch floods the frame to every port.
    const sendToUnknownStation = async () => {
      const packet = ipv4({ src: '172.16.211.1', dst: '172.16.211.99', payload: { kind: 'icmp', type: ICMP_ECHO_REQUEST, code: 0, id: 7, seq: 1, data: new Uint8Array(8) } });
      host01Nic.transmit({ dst: '02:00:00:00:00:99', src: host01Nic.mac, etherType: ETH_P_IP, payload: packet });
      await lab.world.clock.advance(1);
    };
    const plain = lab.world.taps.watch(lab.hostNs, 'ens160', () => seen.push('plain'));
    const rxBefore = lab.ens160.stats.rxPackets;
    await sendToUnknownStation();
    expect(seen).toEqual([]);
    expect(lab.ens160.stats.rxPackets).toBe(rxBefore);
    const promisc = lab.world.taps.watch(lab.hostNs, 'ens160', () => seen.push('promisc'), undefined, { promiscuous: true });
    await sendToUnknownStation();
    expect(seen).toEqual(['plain', 'promisc']);
    promisc.dispose();
    plain.dispose();
  });
});
