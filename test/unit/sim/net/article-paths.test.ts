// The article's experiments at the packet level, on the lab the daemon model
// builds: who sees which packet on which interface, with which addresses.
import { describe, expect, it } from 'vitest';
import { articleLab } from '../../userspace/dockerd/article-lab.js';
import { ipv4, type Ipv4Packet } from '../../../../src-main/core/sim/wire/packet.js';
import type { TapEvent } from '../../../../src-main/core/sim/trace/taps.js';
import type { NetNamespace } from '../../../../src-main/core/sim/net/namespace.js';

function watch(ns: NetNamespace, iface: string): string[] {
  const lines: string[] = [];
  ns.world.taps.watch(ns, iface, (e: TapEvent) => {
    const p = e.frame.payload;
    if (p.kind !== 'ipv4') return;
    const t = p.payload;
    if (t.kind === 'icmp') lines.push(`${p.src} > ${p.dst} icmp ${t.type === 8 ? 'request' : t.type === 0 ? 'reply' : t.type}`);
    if (t.kind === 'tcp') lines.push(`${p.src}.${t.srcPort} > ${p.dst}.${t.dstPort} tcp${t.flags.syn ? ' S' : ''}${t.flags.ack ? ' .' : ''}${t.flags.rst ? ' R' : ''}`);
  });
  return lines;
}

const echo = (dst: string): Ipv4Packet => ipv4({ src: '0.0.0.0', dst, payload: { kind: 'icmp', type: 8, code: 0, id: 41, seq: 1, data: new Uint8Array(56) } });

function containerNs(lab: ReturnType<typeof articleLab>, name: string): NetNamespace {
  const c = lab.docker.containers.find((x) => x.name === name);
  if (!c?.ns) throw new Error(`no ${name}`);
  return c.ns;
}

describe("the article's packet paths", () => {
  it('c1 -> host IP: seen on docker0 with the container address, never on ens160', async () => {
    const lab = articleLab();
    const docker0 = watch(lab.hostNs, 'docker0');
    const ens160 = watch(lab.hostNs, 'ens160');
    containerNs(lab, 'c1').ip.send(echo('172.16.211.128'));
    await lab.world.clock.advance(100);
    expect(docker0).toEqual(['172.17.0.2 > 172.16.211.128 icmp request', '172.16.211.128 > 172.17.0.2 icmp reply']);
    expect(ens160).toEqual([]);
  });

  it('c1 -> Host01: MASQUERADE rewrites the source on ens160 and the reply comes back to c1 with TTL 63', async () => {
    const lab = articleLab();
    const docker0 = watch(lab.hostNs, 'docker0');
    const ens160 = watch(lab.hostNs, 'ens160');
    const host01 = watch(lab.host01.rootNs, 'eth0');
    const c1 = containerNs(lab, 'c1');
    const replies: Ipv4Packet[] = [];
    c1.ip.openIcmpSocket((p) => replies.push(p));
    c1.ip.send(echo('172.16.211.1'));
    await lab.world.clock.advance(100);
    expect(docker0).toEqual(['172.17.0.2 > 172.16.211.1 icmp request', '172.16.211.1 > 172.17.0.2 icmp reply']);
    expect(ens160).toEqual(['172.16.211.128 > 172.16.211.1 icmp request', '172.16.211.1 > 172.16.211.128 icmp reply']);
    expect(host01).toEqual(['172.16.211.128 > 172.16.211.1 icmp request', '172.16.211.1 > 172.16.211.128 icmp reply']);
    expect(replies.map((r) => `${r.src} ttl=${r.ttl}`)).toEqual(['172.16.211.1 ttl=63']);
  });

  it('Host01 -> 172.16.211.128:81: DNAT to 172.17.0.5:80 on docker0, source address unchanged', async () => {
    const lab = articleLab();
    const ens160 = watch(lab.hostNs, 'ens160');
    const docker0 = watch(lab.hostNs, 'docker0');
    lab.host01.rootNs.ip.send(
      ipv4({
        src: '172.16.211.1',
        dst: '172.16.211.128',
        payload: { kind: 'tcp', srcPort: 44652, dstPort: 81, seq: 1000, ack: 0, flags: { syn: true }, window: 64240, urgent: 0, options: [], payload: new Uint8Array(0) },
      }),
    );
    await lab.world.clock.advance(100);
    expect(ens160[0]).toBe('172.16.211.1.44652 > 172.16.211.128.81 tcp S');
    expect(docker0[0]).toBe('172.16.211.1.44652 > 172.17.0.5.80 tcp S');
    // Whatever web answers (SYN-ACK when serving, RST when not) is un-DNATed on the way out.
    expect(ens160[1]).toMatch(/^172\.16\.211\.128\.81 > 172\.16\.211\.1\.44652 tcp/);
  });

  it('c1 -> c2 stays on the bridge: the veths see it, docker0 itself does not', async () => {
    const lab = articleLab();
    const docker0 = watch(lab.hostNs, 'docker0');
    const c2 = watch(containerNs(lab, 'c2'), 'eth0');
    containerNs(lab, 'c1').ip.send(echo('172.17.0.3'));
    await lab.world.clock.advance(100);
    expect(c2).toEqual(['172.17.0.2 > 172.17.0.3 icmp request', '172.17.0.3 > 172.17.0.2 icmp reply']);
    expect(docker0).toEqual([]);
  });

  it('c1 -> an internet address: out through the gateway, about 10 ms away, TTL 62 on the way back', async () => {
    const lab = articleLab();
    const ens160 = watch(lab.hostNs, 'ens160');
    const c1 = containerNs(lab, 'c1');
    const replies: Array<{ p: Ipv4Packet; at: number }> = [];
    c1.ip.openIcmpSocket((p) => replies.push({ p, at: lab.world.clock.now() }));
    c1.ip.send(echo('8.8.8.8'));
    await lab.world.clock.advance(100);
    expect(ens160).toEqual(['172.16.211.128 > 8.8.8.8 icmp request', '8.8.8.8 > 172.16.211.128 icmp reply']);
    expect(replies.map((r) => `${r.p.src} ttl=${r.p.ttl}`)).toEqual(['8.8.8.8 ttl=62']);
    // The first round trip also waits for ARP across the slow link; the next one is the plain ~10 ms.
    expect(replies[0].at).toBeGreaterThan(20);
    const sentAt = lab.world.clock.now();
    c1.ip.send(echo('8.8.8.8'));
    await lab.world.clock.advance(100);
    expect(replies[1].at - sentAt).toBeGreaterThan(10);
    expect(replies[1].at - sentAt).toBeLessThan(11);
  });

  it('records a path with the hooks and NAT rewrite when tracing is on', async () => {
    const lab = articleLab();
    lab.world.paths.enabled = true;
    containerNs(lab, 'c1').ip.send(echo('172.16.211.1'));
    await lab.world.clock.advance(100);
    const first = lab.world.paths.paths()[0];
    const hooks = first.hops.filter((h) => h.event === 'hook' && h.node === 'host').map((h) => `${h.hook}/${h.table}/${h.chain}`);
    expect(hooks).toContain('FORWARD/filter/FORWARD');
    const nat = first.hops.find((h) => h.nat);
    expect(nat?.nat).toMatch(/172\.16\.211\.128/);
    expect(first.hops.some((h) => h.node === 'host01' && h.event === 'deliver')).toBe(true);
  });
});
