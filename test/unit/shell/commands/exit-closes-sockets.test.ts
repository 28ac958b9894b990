// A program's sockets die with it: when curl, wget or nc exits (timeout or
// Ctrl-C) a connect still in SYN_SENT is dropped without a packet, and an
// established connection is closed by the state machine (FIN).
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../../src-main/core/shell/command.js';
import { curl } from '../../../../src-main/core/shell/commands/curl.js';
import { nc } from '../../../../src-main/core/shell/commands/nc.js';
import { wget } from '../../../../src-main/core/shell/commands/wget.js';
import { runIptables } from '../../../../src-main/core/userspace/iptables/run.js';
import { netfilterOf } from '../../../../src-main/core/sim/netfilter/kernel.js';
import { LAB } from '../../../../src-main/core/sim/net/outside-world.js';
import { transportOf } from '../../../../src-main/core/sim/transport/transport.js';
import { articleLab } from '../../userspace/dockerd/article-lab.js';
import { runCommand, startCommand } from './harness.js';

/** The article lab with Host01's traffic to the published port dropped in DOCKER-USER; SYN times on ens160. */
function droppedLab() {
  const lab = articleLab();
  runIptables(netfilterOf(lab.hostNs), ['-I', 'DOCKER-USER', '-s', '172.16.211.1', '-p', 'tcp', '--dport', '80', '-j', 'DROP']);
  const synTimes: number[] = [];
  lab.world.taps.watch(lab.hostNs, 'ens160', (ev) => {
    const ip = ev.frame.payload;
    if (ip.kind === 'ipv4' && ip.payload.kind === 'tcp' && ip.payload.flags.syn) synTimes.push(lab.world.clock.now());
  });
  return { lab, synTimes };
}

const cases: Array<[string, Command, string[]]> = [
  ['curl -m 2', curl, ['curl', '-s', '-m', '2', 'http://172.16.211.128:81/']],
  ['wget -T 2', wget, ['wget', '-q', '-T', '2', '-t', '1', 'http://172.16.211.128:81/']],
  ['nc -w 2', nc, ['nc', '-w', '2', '172.16.211.128', '81']],
];

describe('a program exiting closes its sockets', () => {
  for (const [name, command, argv] of cases) {
    it(`${name}: only the SYNs sent before it gave up leave, none after`, async () => {
      const { lab, synTimes } = droppedLab();
      const start = lab.world.clock.now();
      const r = await runCommand(command, argv, { world: lab.world, ns: lab.host01.rootNs });
      expect(r.elapsed).toBeGreaterThanOrEqual(2000);
      expect(r.elapsed).toBeLessThan(2100);
      await lab.world.clock.advance(20_000);
      // The SYN and its retransmission at 1 s; not the ones Linux would send at 3 and 7 s.
      expect(synTimes.map((t) => Math.round((t - start) / 1000))).toEqual([0, 1]);
      expect(transportOf(lab.host01.rootNs).entries().filter((e) => e.proto === 'tcp' && e.state === 'SYN-SENT')).toEqual([]);
    });
  }

  const interrupted: Array<[Command, string[]]> = [
    [curl, ['curl', 'http://172.16.211.128:81/']],
    [wget, ['wget', 'http://172.16.211.128:81/']],
    [nc, ['nc', '172.16.211.128', '81']],
  ];
  for (const [command, argv] of interrupted) {
    it(`${argv[0]} interrupted with Ctrl-C while connecting sends no more SYNs`, async () => {
      const { lab, synTimes } = droppedLab();
      const r = await runCommand(command, argv, { world: lab.world, ns: lab.host01.rootNs, interruptAfterMs: 2500 });
      expect(r.status).toBe(130);
      await lab.world.clock.advance(20_000);
      expect(synTimes).toHaveLength(2);
    });
  }

  it('curl timing out on an established connection closes it with a FIN', async () => {
    const lab = articleLab();
    const web = lab.docker.container('web')!.ns!;
    // A server that accepts and never answers.
    const server = startCommand(nc, ['nc', '-l', '-p', '80'], { world: lab.world, ns: web });
    await lab.world.clock.advance(0);
    const c1 = lab.docker.container('c1')!.ns!;
    const fins: string[] = [];
    lab.world.taps.watch(c1, 'eth0', (ev) => {
      const ip = ev.frame.payload;
      if (ip.kind === 'ipv4' && ip.payload.kind === 'tcp' && ip.payload.flags.fin) fins.push(ip.src);
    });
    const r = await runCommand(curl, ['curl', '-s', '-m', '1', 'http://172.17.0.5/'], { world: lab.world, ns: c1 });
    expect(r.status).toBe(28);
    await lab.world.clock.advance(1000);
    expect(fins[0]).toBe('172.17.0.2');
    expect(transportOf(c1).entries().filter((e) => e.proto === 'tcp').map((e) => e.state)).not.toContain('ESTAB');
    server.interrupt();
    await lab.world.clock.advance(100);
  });

  it('closeProcessSockets: a RST for unread data, the listener gone, descriptors freed, other processes untouched', async () => {
    const lab = articleLab();
    const clock = lab.world.clock;
    const host = transportOf(lab.hostNs);
    const host01 = transportOf(lab.host01.rootNs);
    const flags: string[] = [];
    lab.world.taps.watch(lab.hostNs, 'ens160', (ev) => {
      const ip = ev.frame.payload;
      if (ip.kind === 'ipv4' && ip.payload.kind === 'tcp' && ip.src === LAB.hostIp) flags.push(ip.payload.flags.rst ? 'R' : ip.payload.flags.fin ? 'F' : '.');
    });
    const server = { command: 'nc', pid: 77 };
    const other = host.listen('0.0.0.0', 7002, { owner: { command: 'sshd', pid: 88 } });
    const listener = host.listen('0.0.0.0', 7001, { owner: server });
    const accepted = listener.accept();
    const connecting = host01.connect(LAB.hostIp, 7001);
    await clock.advance(10);
    const client = await connecting;
    await accepted;
    await client.write(new TextEncoder().encode('never read'));
    await clock.advance(10);
    host.closeProcessSockets(77);
    await clock.advance(10);
    expect(flags.at(-1)).toBe('R');
    await expect(client.read()).rejects.toThrow('Connection reset by peer');
    expect(host.entries().filter((e) => e.localPort >= 7000).map((e) => `${e.state} ${e.localPort}`)).toEqual(['LISTEN 7002']);
    expect(host.listen('0.0.0.0', 7003, { owner: server }).owner).toEqual({ command: 'nc', pid: 77, fd: 3 });
    expect(other.owner).toEqual({ command: 'sshd', pid: 88, fd: 3 });
  });
});
