// Netfilter and Docker daemon figures: packets per second through the DNAT
// and MASQUERADE paths (conntrack included), listing 10,000 rules, and
// building a lab with 1,000 containers and 10,000 rules.
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
  docker.start(docker.create({ image: 'lab/debian:bookworm', name: 'web', tty: true, interactive: true, publish: ['172.16.211.128:81:80'] }));
  return { ...env, docker, nf: env.hostNs.netfilter as KernelNetfilter };
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

/** Routes a packet through the host as the kernel does: PREROUTING, FORWARD, POSTROUTING. */
function forward(lab: Lab, p: Ipv4Packet, contexts: HookContext[]): boolean {
  let packet = p;
  for (const ctx of contexts) {
    const r = lab.nf.run(ctx.hook, packet, ctx);
    if (r.verdict !== 'accept') return false;
    packet = r.packet;
  }
  return true;
}

/**
 * Packets per second for 2,000 flows of 100 packets through a fresh host:
 * even packets go `request` (the first opens the flow), odd ones come back as `reply`.
 */
function flowsPerSecond(inIface: string, outIface: string, request: (flow: number, first: boolean) => Ipv4Packet, reply: (flow: number) => Ipv4Packet): number {
  const lab = hostWithDocker();
  const there = path(lab, inIface, outIface);
  const back = path(lab, outIface, inIface);
  const start = performance.now();
  let sent = 0;
  for (let f = 0; f < 2000; f++) {
    for (let n = 0; n < 100; n++) {
      if (!forward(lab, n % 2 === 0 ? request(f, n === 0) : reply(f), n % 2 === 0 ? there : back)) throw new Error(`packet ${n} of flow ${f} dropped`);
      sent++;
    }
  }
  return sent / ((performance.now() - start) / 1000);
}

export async function run(report: Report): Promise<void> {
  // Host01 -> the published port (DNAT) and the server's replies.
  const natPps = flowsPerSecond(
    'ens160',
    'docker0',
    (f, first) => tcp('172.16.211.1', 20000 + f, '172.16.211.128', 81, first),
    (f) => tcp('172.17.0.5', 80, '172.16.211.1', 20000 + f, false),
  );
  report('sim.nat_forward_pps', Math.round(natPps), 'packets/s');

  // A container -> outside (MASQUERADE) and the replies.
  const masqPps = flowsPerSecond(
    'docker0',
    'ens160',
    (f, first) => tcp('172.17.0.5', 30000 + f, '172.16.211.1', 443, first),
    (f) => tcp('172.16.211.1', 443, '172.16.211.128', 30000 + f, false),
  );
  report('sim.masquerade_pps', Math.round(masqPps), 'packets/s');

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
