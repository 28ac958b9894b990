// Kernel figures: ICMP packets per second through the whole simulated stack
// (veth, bridge, routing, FORWARD with MASQUERADE, ARP, the lab switch), and a
// 60-second simulated `ping -f` from c1 to Host01 with `tcpdump -i docker0`
// running: wall time and heap.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Report } from './index.js';
import { createDockerHostWorld } from '../src-main/core/sim/net/outside-world.js';
import { DockerDaemon } from '../src-main/core/userspace/dockerd/daemon.js';
import { ipv4, type Ipv4Packet } from '../src-main/core/sim/wire/packet.js';
import type { NetNamespace } from '../src-main/core/sim/net/namespace.js';
import type { World } from '../src-main/core/sim/world.js';
import type { Command, CommandContext } from '../src-main/core/shell/command.js';
import { FileSystem } from '../src-main/core/shell/fs.js';
import { ping } from '../src-main/core/shell/commands/ping.js';
import { tcpdump } from '../src-main/core/shell/commands/tcpdump/index.js';
import { createCommandRegistry } from '../src-main/core/shell/commands/index.js';

function articleLab() {
  const env = createDockerHostWorld({ seed: 1 });
  const docker = new DockerDaemon(env.world, env.host);
  for (const name of ['c1', 'c2', 'c3']) docker.start(docker.create({ image: 'lab/debian:bookworm', name, hostname: name, tty: true, interactive: true }));
  docker.start(docker.create({ image: 'lab/debian:bookworm', name: 'web', hostname: 'web', tty: true, interactive: true, publish: ['172.16.211.128:81:80'] }));
  const c1 = docker.containers.find((c) => c.name === 'c1')?.ns;
  if (!c1) throw new Error('c1 did not start');
  return { ...env, c1 };
}

/** Echo requests c1 -> Host01, 10 µs apart; counts every forwarded packet (requests and replies). */
async function icmpForwardPps(): Promise<number> {
  const lab = articleLab();
  const count = 20_000;
  let replies = 0;
  lab.c1.ip.openIcmpSocket((p) => {
    if (p.payload.kind === 'icmp' && p.payload.type === 0) replies++;
  });
  const data = new Uint8Array(56);
  const send = (seq: number): Ipv4Packet => ipv4({ src: '172.17.0.2', dst: '172.16.211.1', payload: { kind: 'icmp', type: 8, code: 0, id: 1, seq: seq & 0xffff, data } });
  // Warm ARP caches and conntrack so the figure measures the steady path.
  lab.c1.ip.send(send(0));
  await lab.world.clock.advance(100);
  replies = 0;
  const start = performance.now();
  for (let i = 1; i <= count; i++) lab.world.clock.setTimer(i * 0.01, () => lab.c1.ip.send(send(i)));
  await lab.world.clock.advance(count * 0.01 + 100);
  const seconds = (performance.now() - start) / 1000;
  if (replies !== count) throw new Error(`expected ${count} replies, got ${replies}`);
  return (2 * count) / seconds;
}

function context(command: Command, argv: string[], world: World, ns: NetNamespace, sink: { bytes: number }, interrupt: { signalled: boolean; promise: Promise<void> }): CommandContext {
  const clock = world.clock;
  const out = { isTTY: true, write: (t: string) => void (sink.bytes += t.length) };
  return {
    argv,
    stdin: { isTTY: true, readAll: async () => '', readLine: async () => null, lines: async function* () {} },
    stdout: out,
    stderr: out,
    env: {},
    cwd: '/root',
    fs: new FileSystem(),
    host: { id: ns.name, hostname: ns.name, installed: new Set([command.name]), world, netns: ns, pid: 100, netAdmin: true },
    commands: createCommandRegistry(),
    clock: { now: () => clock.now(), sleep: (ms) => clock.sleep(ms) },
    interrupted: interrupt,
    terminal: { isTTY: true, cols: 80, rows: 24 },
    exec: async () => 127,
  } as CommandContext;
}

/** A full garbage collection, so heap figures count what is retained rather than garbage not yet collected. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function pingFloodWithTcpdump(report: Report): Promise<void> {
  collectGarbage();
  const lab = articleLab();
  const sink = { bytes: 0 };
  let stop!: () => void;
  const interrupt = { signalled: false, promise: new Promise<void>((resolve) => (stop = resolve)) };
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const dump = tcpdump.run(context(tcpdump, ['tcpdump', '-n', '-i', 'docker0', 'icmp'], lab.world, lab.hostNs, sink, interrupt));
  let pingStatus: number | undefined;
  const flood = ping.run(context(ping, ['ping', '-f', '-w', '60', '172.16.211.1'], lab.world, lab.c1, sink, { signalled: false, promise: new Promise(() => {}) })).then((s) => (pingStatus = s));
  let peak = 0;
  while (pingStatus === undefined && lab.world.clock.now() < 61_000) {
    await lab.world.clock.advance(1000);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  await flood;
  interrupt.signalled = true;
  stop();
  await lab.world.clock.advance(0);
  await dump;
  const wallMs = performance.now() - start;
  collectGarbage();
  const retainedMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  report('sim.ping_flood_60s_wall_ms', Math.round(wallMs), 'ms');
  // Peak includes garbage V8 had not collected yet; retained growth is what the flood left behind.
  report('sim.ping_flood_60s_heap_mb', Number(((peak - heapBefore) / 1e6).toFixed(1)), 'MB');
  report('sim.ping_flood_60s_retained_growth_mb', Number(retainedMb.toFixed(1)), 'MB');
  // Keep the lab alive until measured, so the retained figure includes it.
  if (lab.world.clock.now() < 60_000) throw new Error('the flood ended early');
  report('sim.ping_flood_60s_output_kb', Math.round(sink.bytes / 1000), 'KB');
}

export async function run(report: Report): Promise<void> {
  report('sim.icmp_forward_pps', Math.round(await icmpForwardPps()), 'packets/s');
  await pingFloodWithTcpdump(report);
}
