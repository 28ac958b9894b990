import { describe, expect, it } from 'vitest';
import { isPacketTraceSource } from '../../../src-main/core/api/trace.js';
import { createTraceSource, flowKey } from '../../../src-main/core/simlab/trace-source.js';
import { ipv4 } from '../../../src-main/core/sim/wire/packet.js';
import { buildKernelLab } from '../sim/lab-fixture.js';

describe('trace source', () => {
  it('lists traced packets with a summary, a shared flow for both directions, and their hops', async () => {
    const lab = buildKernelLab(['c1']);
    const source = createTraceSource(lab.world);
    expect(isPacketTraceSource(source)).toBe(true);
    const announced: string[] = [];
    source.onTrace((t) => announced.push(t.summary));
    const c1 = lab.containers.get('c1')!.ns;
    c1.ip.send(ipv4({ src: '0.0.0.0', dst: '172.16.211.128', payload: { kind: 'icmp', type: 8, code: 0, id: 5, seq: 1, data: new Uint8Array(8) } }));
    await lab.world.clock.advance(10);
    expect(source.recentTraces(10)).toEqual([]);
    lab.world.paths.enabled = true;
    c1.ip.send(ipv4({ src: '0.0.0.0', dst: '172.16.211.128', payload: { kind: 'icmp', type: 8, code: 0, id: 5, seq: 2, data: new Uint8Array(8) } }));
    await lab.world.clock.advance(10);
    const traces = source.recentTraces(10);
    expect(traces.map((t) => t.summary)).toEqual(['IP 172.17.0.2 > 172.16.211.128: ICMP echo request, id 5, seq 2', 'IP 172.16.211.128 > 172.17.0.2: ICMP echo reply, id 5, seq 2']);
    expect(announced).toEqual(traces.map((t) => t.summary));
    expect(traces[0].flow).toBe(traces[1].flow);
    const request = source.traceById(traces[0].id)!;
    expect(request.hops.map((h) => `${h.node}/${h.iface ?? ''}/${h.event}`)).toEqual(['c1/eth0/tx', 'host/veth3fe1e90/rx', 'host/docker0/rx', 'host/docker0/deliver']);
    expect(source.traceById('999')).toBeUndefined();
  });

  it('keys flows by sorted endpoints', () => {
    const tcp = (src: string, sp: number, dst: string, dp: number) =>
      ipv4({ src, dst, payload: { kind: 'tcp', srcPort: sp, dstPort: dp, seq: 0, ack: 0, flags: {}, window: 0, urgent: 0, options: [], payload: new Uint8Array(0) } });
    expect(flowKey(tcp('1.1.1.1', 5, '2.2.2.2', 80))).toBe(flowKey(tcp('2.2.2.2', 80, '1.1.1.1', 5)));
    expect(flowKey(tcp('1.1.1.1', 5, '2.2.2.2', 80))).not.toBe(flowKey(tcp('1.1.1.1', 6, '2.2.2.2', 80)));
  });
});
