// Netfilter and Docker daemon figures: packets per second through the DNAT
// and MASQUERADE paths (conntrack included; the replies come from where the
// requests were NATed to, so they take the established path and are un-NATed),
// the established path alone, listing 10,000 rules, and building a lab with
// 1,000 containers and 10,000 rules.
import type { Report } from './index.js';
import { createDockerHostWorld } from '../src-main/core/sim/net/outside-world.js';
import { DockerDaemon } from '../src-main/core/userspace/dockerd/daemon.js';
import { KernelNetfilter } from '../src-main/core/sim/netfilter/kernel.js';
import { runIptables } from '../src-main/core/userspace/iptables/run.js';
import { ipv4, type Ipv4Packet } from '../src-main/core/sim/wire/packet.js';
import type { HookContext } from '../src-main/core/sim/net/hooks.js';

function hostWithDocker() {
  const env = createDockerHostWorld({ seed: 1 });
  const docker = new DockerDaemon(env.world, env.host);
  const web = docker.create({ image: 'lab/debian:bookworm', name: 'web', tty: true, interactive: true, publish: ['172.16.211.128:81:80'] });
  docker.start(web);
  return { ...env, docker, nf: env.hostNs.netfilter as KernelNetfilter, webIp: web.endpoints[0]!.ip };
}

function tcp(src: string, sport: number, dst: string, dport: number, syn: boolean): Ipv4Packet {
  return ipv4({ src, dst, payload: { kind: 'tcp', srcPort: sport, dstPort: dport, seq: 1, ack: 0, flags: syn ? { syn: true } : { ack: true }, window: 64240, urgent: 0, options: [], payload: new Uint8Array(0) } });
}

type Lab = ReturnType<typeof hostWithDocker>;

/** The kernel's contexts for one direction through the host, built once (only `now` moves). */
function path(lab: Lab, inIface: string, outIface: string): HookContext[] {
  const ns = lab.hostNs;
  const make = (hook: HookContext['hook'], i?: string, o?: string): HookContext => ({
    ns,
    hook,
    inIface: i,
    outIface: o,
    bridged: false,
    now: 0,
    isLocalAddress: (ip) => ns.isLocalAddress(ip),
    primaryAddress: (iface) => {
      const d = ns.device(iface);
      return d ? ns.primaryAddress(d) : undefined;
    },
    record: () => {},
  });
  return [make('PREROUTING', inIface), make('FORWARD', inIface, outIface), make('POSTROUTING', undefined, outIface)];
}

/** Routes a packet through the host as the kernel does: PREROUTING, FORWARD, POSTROUTING; undefined when dropped. */
function forward(lab: Lab, p: Ipv4Packet, contexts: HookContext[]): Ipv4Packet | undefined {
  let packet = p;
  for (const ctx of contexts) {
    const r = lab.nf.run(ctx.hook, packet, ctx);
    if (r.verdict !== 'accept') return undefined;
    packet = r.packet;
  }
  return packet;
}

const FLOWS = 2000;
const PACKETS_PER_FLOW = 100;

interface FlowSpec {
  inIface: string;
  outIface: string;
  /** A packet of flow `f` toward the server; `first` opens the flow (SYN). */
  request: (lab: Lab, f: number, first: boolean) => Ipv4Packet;
  /** The server's answer, from the address the request was NATed to. */
  reply: (lab: Lab, f: number) => Ipv4Packet;
  /** The answer as it must leave the host after un-NAT: `src:port > dst:port`. */
  replyLeaves: (lab: Lab, f: number) => string;
}

/** The packets of `FLOWS` flows of `PACKETS_PER_FLOW`: even ones go as `request` (the first opens the flow), odd ones come back as `reply`. */
function* flowPackets(spec: FlowSpec, lab: Lab, packets = PACKETS_PER_FLOW): Generator<{ f: number; n: number; packet: Ipv4Packet; isReply: boolean }> {
  for (let f = 0; f < FLOWS; f++) {
    for (let n = 0; n < packets; n++) {
      const isReply = n % 2 === 1;
      yield { f, n, isReply, packet: isReply ? spec.reply(lab, f) : spec.request(lab, f, n === 0) };
    }
  }
}

/** Sends one packet through the host; throws if it is dropped or a reply leaves without its un-NAT. */
function pass(lab: Lab, spec: FlowSpec, there: HookContext[], back: HookContext[], p: { f: number; n: number; packet: Ipv4Packet; isReply: boolean }): void {
  const out = forward(lab, p.packet, p.isReply ? back : there);
  if (!out) throw new Error(`packet ${p.n} of flow ${p.f} dropped`);
  const pl = out.payload;
  if (p.isReply && pl.kind === 'tcp') {
    const left = `${out.src}:${pl.srcPort} > ${out.dst}:${pl.dstPort}`;
    if (left !== spec.replyLeaves(lab, p.f)) throw new Error(`reply of flow ${p.f} left as ${left}, not un-NATed to ${spec.replyLeaves(lab, p.f)}`);
  }
}

/** Packets counted by FORWARD's `-o docker0 ... RELATED,ESTABLISHED -j ACCEPT` rule. */
function establishedCount(lab: Lab): number {
  const listing = runIptables(lab.nf.nf, ['-L', 'FORWARD', '-v', '-n', '-x']).stdout;
  const line = listing.split('\n').find((l) => l.includes('RELATED,ESTABLISHED') && /\bdocker0\b/.test(l));
  if (!line) throw new Error('no RELATED,ESTABLISHED rule in FORWARD');
  return Number(line.trim().split(/\s+/)[0]);
}

/** Packets per second for every packet of every flow through a fresh host; checks what the established rule counted. */
function flowsPerSecond(spec: FlowSpec, establishedExpected: number): number {
  const lab = hostWithDocker();
  const there = path(lab, spec.inIface, spec.outIface);
  const back = path(lab, spec.outIface, spec.inIface);
  const start = performance.now();
  let sent = 0;
  for (const p of flowPackets(spec, lab)) {
    pass(lab, spec, there, back, p);
    sent++;
  }
  const pps = sent / ((performance.now() - start) / 1000);
  const counted = establishedCount(lab);
  if (counted !== establishedExpected) throw new Error(`the RELATED,ESTABLISHED rule counted ${counted} packets, expected ${establishedExpected}`);
  return pps;
}

/** Packets per second on flows already open (SYN and first reply sent before the clock starts): the established path alone. */
function establishedPerSecond(spec: FlowSpec): number {
  const lab = hostWithDocker();
  const there = path(lab, spec.inIface, spec.outIface);
  const back = path(lab, spec.outIface, spec.inIface);
  for (const p of flowPackets(spec, lab, 2)) pass(lab, spec, there, back, p);
  const before = establishedCount(lab);
  const start = performance.now();
  let sent = 0;
  for (const p of flowPackets(spec, lab)) {
    if (p.n === 0) continue;
    pass(lab, spec, there, back, p);
    sent++;
  }
  const pps = sent / ((performance.now() - start) / 1000);
  // every request after the opening one is ESTABLISHED toward docker0
  const expected = FLOWS * (PACKETS_PER_FLOW / 2 - 1);
  if (establishedCount(lab) - before !== expected) throw new Error(`the RELATED,ESTABLISHED rule counted ${establishedCount(lab) - before} packets, expected ${expected}`);
  return pps;
}

/** Host01 -> the published port (DNAT to web) and web's replies, un-NATed back to the published address. */
const PUBLISHED_PORT: FlowSpec = {
  inIface: 'ens160',
  outIface: 'docker0',
  request: (_lab, f, first) => tcp('172.16.211.1', 20000 + f, '172.16.211.128', 81, first),
  reply: (lab, f) => tcp(lab.webIp, 80, '172.16.211.1', 20000 + f, false),
  replyLeaves: (_lab, f) => `172.16.211.128:81 > 172.16.211.1:${20000 + f}`,
};

/** A container -> outside (MASQUERADE) and the replies to the host's address, un-NATed back to the container. */
const MASQUERADED: FlowSpec = {
  inIface: 'docker0',
  outIface: 'ens160',
  request: (lab, f, first) => tcp(lab.webIp, 30000 + f, '172.16.211.1', 443, first),
  reply: (_lab, f) => tcp('172.16.211.1', 443, '172.16.211.128', 30000 + f, false),
  replyLeaves: (lab, f) => `172.16.211.1:443 > ${lab.webIp}:${30000 + f}`,
};

export async function run(report: Report): Promise<void> {
  // Requests after each flow's first are ESTABLISHED toward docker0.
  report('sim.nat_forward_pps', Math.round(flowsPerSecond(PUBLISHED_PORT, FLOWS * (PACKETS_PER_FLOW / 2 - 1))), 'packets/s');
  report('sim.nat_established_pps', Math.round(establishedPerSecond(PUBLISHED_PORT)), 'packets/s');
  // Every reply is ESTABLISHED toward docker0.
  report('sim.masquerade_pps', Math.round(flowsPerSecond(MASQUERADED, FLOWS * (PACKETS_PER_FLOW / 2))), 'packets/s');

  const listLab = hostWithDocker();
  const nf = listLab.nf.nf;
  for (let i = 0; i < 10_000; i++) {
    runIptables(nf, ['-A', 'DOCKER-USER', '-s', `10.${(i >> 8) & 255}.${i & 255}.0/24`, '-p', 'tcp', '--dport', String(1000 + (i % 5000)), '-j', 'DROP']);
  }
  const listStart = performance.now();
  const listing = runIptables(nf, ['-L', '-v', '-n']).stdout;
  report('sim.iptables_list_10k_ms', Number((performance.now() - listStart).toFixed(1)), 'ms');
  if (listing.split('\n').length < 10_000) throw new Error('listing too short');

  const buildStart = performance.now();
  const env = createDockerHostWorld({ seed: 2 });
  const docker = new DockerDaemon(env.world, env.host);
  for (let i = 0; i < 1000; i++) {
    const publish = [0, 1, 2].map((k) => `${10000 + i * 3 + k}:${80 + k}`);
    docker.start(docker.create({ image: 'lab/debian:bookworm', name: `c${i}`, tty: true, interactive: true, publish }));
  }
  const hostNf = (env.hostNs.netfilter as KernelNetfilter).nf;
  for (let i = 0; i < 1000; i++) runIptables(hostNf, ['-A', 'DOCKER-USER', '-s', `10.0.${i >> 8}.${i & 255}`, '-j', 'DROP']);
  const buildMs = performance.now() - buildStart;
  const rules = hostNf.existingTables().reduce((n, t) => n + [...t.chains.values()].reduce((m, c) => m + c.rules.length, 0), 0);
  if (rules < 10_000) throw new Error(`only ${rules} rules`);
  report('sim.lab_build_1000c_ms', Math.round(buildMs), 'ms');
}

// cspell:words masq
