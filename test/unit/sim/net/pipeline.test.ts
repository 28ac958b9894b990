import { describe, expect, it } from 'vitest';
import { buildKernelLab } from '../lab-fixture.js';
import { ipv4, type Ipv4Packet } from '../../../../src-main/core/sim/wire/packet.js';
import type { Hook, HookContext, HookResult, NetfilterHooks } from '../../../../src-main/core/sim/net/hooks.js';
import type { TapEvent } from '../../../../src-main/core/sim/trace/taps.js';
import type { NetNamespace } from '../../../../src-main/core/sim/net/namespace.js';

const echo = (dst: string, ttl = 64, seq = 1): Ipv4Packet =>
  ipv4({ src: '0.0.0.0', dst, ttl, payload: { kind: 'icmp', type: 8, code: 0, id: 7, seq, data: new Uint8Array(56) } });

/** Records every hook call and lets a test decide the verdict. */
class RecordingNetfilter implements NetfilterHooks {
  readonly calls: string[] = [];
  constructor(private readonly decide: (hook: Hook, p: Ipv4Packet, ctx: HookContext) => HookResult | undefined = () => undefined) {}
  run(hook: Hook, packet: Ipv4Packet, ctx: HookContext): HookResult {
    this.calls.push(`${ctx.ns.name}:${hook}:${ctx.inIface ?? '-'}:${ctx.outIface ?? '-'}${ctx.bridged ? ':bridged' : ''}`);
    return this.decide(hook, packet, ctx) ?? { verdict: 'accept', packet };
  }
}

function tapLog(ns: NetNamespace, iface: string): TapEvent[] {
  const events: TapEvent[] = [];
  ns.world.taps.watch(ns, iface, (e) => events.push(e));
  return events;
}

function icmpSummary(e: TapEvent): string {
  const p = e.frame.payload;
  if (p.kind !== 'ipv4' || p.payload.kind !== 'icmp') return 'other';
  return `${e.direction} ${p.src}>${p.dst} type${p.payload.type} ttl${p.ttl}`;
}

describe('IPv4 pipeline', () => {
  it("a container's ping to the host address crosses docker0 only, never ens160", async () => {
    const lab = buildKernelLab();
    const docker0 = tapLog(lab.hostNs, 'docker0');
    const ens160 = tapLog(lab.hostNs, 'ens160');
    const replies: Ipv4Packet[] = [];
    const c1 = lab.containers.get('c1')!.ns;
    c1.ip.openIcmpSocket((p) => replies.push(p));
    expect(c1.ip.send(echo('172.16.211.128'))).toBe('ok');
    await lab.world.clock.advance(10);
    expect(docker0.filter((e) => e.frame.payload.kind === 'ipv4').map(icmpSummary)).toEqual(['in 172.17.0.2>172.16.211.128 type8 ttl64', 'out 172.16.211.128>172.17.0.2 type0 ttl64']);
    expect(ens160).toEqual([]);
    expect(replies.map((r) => `${r.src} ttl${r.ttl}`)).toEqual(['172.16.211.128 ttl64']);
  });

  it('calls netfilter hooks in Linux order for a forwarded packet', async () => {
    const lab = buildKernelLab(['c1']);
    const nf = new RecordingNetfilter();
    lab.hostNs.netfilter = nf;
    lab.containers.get('c1')!.ns.ip.send(echo('172.16.211.1'));
    await lab.world.clock.advance(10);
    expect(nf.calls[0]).toBe('host:PREROUTING:docker0:-');
    expect(nf.calls.slice(0, 3)).toEqual(['host:PREROUTING:docker0:-', 'host:FORWARD:docker0:ens160', 'host:POSTROUTING:-:ens160']);
  });

  it('decrements TTL when forwarding and answers TTL 1 with time exceeded from the router', async () => {
    const lab = buildKernelLab(['c1']);
    const ens160 = tapLog(lab.hostNs, 'ens160');
    const c1 = lab.containers.get('c1')!.ns;
    const errors: string[] = [];
    c1.ip.openIcmpSocket((p, err) => err && errors.push(`${err.from} type${err.type}`));
    c1.ip.send(echo('172.16.211.1', 5));
    c1.ip.send(echo('172.16.211.1', 1, 2));
    await lab.world.clock.advance(10);
    const out = ens160.filter((e) => e.direction === 'out' && e.frame.payload.kind === 'ipv4').map(icmpSummary);
    expect(out).toEqual(['out 172.17.0.2>172.16.211.1 type8 ttl4']);
    expect(errors).toEqual(['172.17.0.1 type11']);
  });

  it('drops what it would forward when ip_forward is 0, silently', async () => {
    const lab = buildKernelLab(['c1']);
    lab.hostNs.sysctl.set('net.ipv4.ip_forward', '0');
    const ens160 = tapLog(lab.hostNs, 'ens160');
    const c1 = lab.containers.get('c1')!.ns;
    const got: Ipv4Packet[] = [];
    c1.ip.openIcmpSocket((p) => got.push(p));
    c1.ip.send(echo('172.16.211.1'));
    await lab.world.clock.advance(5000);
    expect(ens160).toEqual([]);
    expect(got).toEqual([]);
  });

  it('runs bridged IPv4 through FORWARD with in=out=docker0 only when bridge-nf-call-iptables=1', async () => {
    const lab = buildKernelLab(['c1', 'c2']);
    const nf = new RecordingNetfilter();
    lab.hostNs.netfilter = nf;
    const c1 = lab.containers.get('c1')!.ns;
    c1.ip.send(echo('172.17.0.3'));
    await lab.world.clock.advance(10);
    expect(nf.calls).toEqual([]);
    lab.hostNs.sysctl.set('net.bridge.bridge-nf-call-iptables', '1');
    c1.ip.send(echo('172.17.0.3', 64, 2));
    await lab.world.clock.advance(10);
    expect(nf.calls).toContain('host:FORWARD:docker0:docker0:bridged');
    expect(nf.calls.filter((c) => c.includes('FORWARD'))).toHaveLength(2);
  });

  it('a FORWARD drop stops the packet and REJECT answers with port unreachable', async () => {
    const lab = buildKernelLab(['c1']);
    lab.hostNs.netfilter = new RecordingNetfilter((hook, p) => (hook === 'FORWARD' ? { verdict: p.dst === '172.16.211.1' ? 'reject' : 'drop', packet: p } : undefined));
    const ens160 = tapLog(lab.hostNs, 'ens160');
    const c1 = lab.containers.get('c1')!.ns;
    const errors: string[] = [];
    c1.ip.openIcmpSocket((_p, err) => err && errors.push(`${err.from} type${err.type} code${err.code}`));
    c1.ip.send(echo('172.16.211.3'));
    c1.ip.send(echo('172.16.211.1'));
    await lab.world.clock.advance(10);
    expect(ens160).toEqual([]);
    expect(errors).toEqual(['172.17.0.1 type3 code3']);
  });

  it('routes again after DNAT in PREROUTING', async () => {
    const lab = buildKernelLab(['c1', 'web']);
    lab.hostNs.netfilter = new RecordingNetfilter((hook, p) => (hook === 'PREROUTING' && p.dst === '172.16.211.128' && p.payload.kind === 'icmp' && p.payload.type === 8 ? { verdict: 'accept', packet: { ...p, dst: '172.17.0.3' } } : undefined));
    const web = tapLog(lab.containers.get('web')!.ns, 'eth0');
    lab.host01.rootNs.ip.send(echo('172.16.211.128'));
    await lab.world.clock.advance(10);
    expect(web.filter((e) => e.frame.payload.kind === 'ipv4').map(icmpSummary)[0]).toBe('in 172.16.211.1>172.17.0.3 type8 ttl63');
  });

  it('reports Destination Host Unreachable to the local sender after three unanswered ARP requests', async () => {
    const lab = buildKernelLab(['c1']);
    const c1 = lab.containers.get('c1')!.ns;
    const errors: Array<{ at: number; text: string }> = [];
    c1.ip.openIcmpSocket((_p, err) => err && errors.push({ at: lab.world.clock.now(), text: `${err.from} code${err.code}` }));
    c1.ip.send(echo('172.17.0.50'));
    await lab.world.clock.advance(2500);
    expect(c1.neigh.get(c1.device('eth0')!, '172.17.0.50')?.state).toBe('INCOMPLETE');
    await lab.world.clock.advance(1000);
    // the error comes back over lo, a few microseconds after the third request went unanswered
    expect(errors.map((e) => e.text)).toEqual(['172.17.0.2 code1']);
    expect(errors[0]!.at).toBeGreaterThanOrEqual(3000);
    expect(errors[0]!.at).toBeLessThan(3001);
    expect(c1.neigh.get(c1.device('eth0')!, '172.17.0.50')?.state).toBe('FAILED');
  });

  it('walks a neighbour through REACHABLE, STALE, DELAY, PROBE and back to REACHABLE', async () => {
    const lab = buildKernelLab(['c1']);
    const c1 = lab.containers.get('c1')!.ns;
    const eth0 = c1.device('eth0')!;
    const state = () => c1.neigh.get(eth0, '172.17.0.1')?.state;
    c1.ip.send(echo('172.16.211.128'));
    await lab.world.clock.advance(10);
    expect(state()).toBe('REACHABLE');
    await lab.world.clock.advance(50_000);
    expect(state()).toBe('STALE');
    c1.ip.send(echo('172.16.211.128', 64, 2));
    await lab.world.clock.advance(10);
    expect(state()).toBe('DELAY');
    await lab.world.clock.advance(5000);
    expect(state()).toBe('REACHABLE');
  });
});

describe('fragmentation', () => {
  it('fragments a large local packet, reassembles it at the receiver and answers with a fragmented reply', async () => {
    const lab = buildKernelLab(['c1']);
    const docker0 = tapLog(lab.hostNs, 'docker0');
    const c1 = lab.containers.get('c1')!.ns;
    const replies: Ipv4Packet[] = [];
    c1.ip.openIcmpSocket((p) => replies.push(p));
    c1.ip.send(ipv4({ src: '0.0.0.0', dst: '172.16.211.128', id: 77, payload: { kind: 'icmp', type: 8, code: 0, id: 9, seq: 1, data: new Uint8Array(3000).map((_, i) => i & 0xff) } }));
    await lab.world.clock.advance(10);
    const inbound = docker0.filter((e) => e.direction === 'in' && e.frame.payload.kind === 'ipv4').map((e) => (e.frame.payload as Ipv4Packet).fragment);
    expect(inbound).toEqual([
      { offset: 0, more: true },
      { offset: 1480, more: true },
      { offset: 2960, more: false },
    ]);
    expect(replies).toHaveLength(1);
    const reply = replies[0].payload;
    expect(reply.kind === 'icmp' && reply.data.length).toBe(3000);
    expect(reply.kind === 'icmp' && reply.data[2999]).toBe(2999 & 0xff);
  });

  it('a router answers a DF packet larger than the next MTU with fragmentation needed and the MTU', async () => {
    const lab = buildKernelLab(['c1']);
    lab.docker0.mtu = 1000;
    const host01 = lab.host01.rootNs;
    host01.routes.add({ dst: '172.17.0.0', prefixLen: 16, type: 'unicast', gateway: '172.16.211.128', dev: host01.device('eth0')!, proto: 'static', scope: 'global' });
    const errors: string[] = [];
    host01.ip.openIcmpSocket((p, err) => err && p.payload.kind === 'icmp' && errors.push(`${err.from} ${err.type}/${err.code} mtu ${p.payload.seq}`));
    host01.ip.send(ipv4({ src: '0.0.0.0', dst: '172.17.0.2', dontFragment: true, payload: { kind: 'icmp', type: 8, code: 0, id: 1, seq: 1, data: new Uint8Array(1200) } }));
    await lab.world.clock.advance(10);
    expect(errors).toEqual(['172.16.211.128 3/4 mtu 1000']);
  });
});
