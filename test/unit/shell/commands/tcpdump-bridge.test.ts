// tcpdump on docker0 puts the bridge in promiscuous mode, and a promiscuous
// bridge device sees every frame it forwards between containers (Linux's
// br_handle_frame_finish sets local_rcv); with -p it sees only its own traffic.
import { describe, expect, it } from 'vitest';
import { tcpdump } from '../../../../src-main/core/shell/commands/tcpdump/index.js';
import { ip } from '../../../../src-main/core/shell/commands/ip/index.js';
import { ping } from '../../../../src-main/core/shell/commands/ping.js';
import { buildKernelLab, type KernelLab } from '../../sim/lab-fixture.js';
import { runCommand, startCommand } from './harness.js';

const C1_MAC = '02:42:ac:11:00:02';
const C2_MAC = '02:42:ac:11:00:03';

async function captureC1PingingC2(tcpdumpArgs: string[], lab: KernelLab = buildKernelLab()) {
  const dump = startCommand(tcpdump, ['tcpdump', ...tcpdumpArgs], { world: lab.world, ns: lab.hostNs });
  const pinged = await runCommand(ping, ['ping', '-c', '1', '172.17.0.3'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
  await lab.world.clock.advance(100);
  dump.interrupt();
  await lab.world.clock.advance(0);
  const result = await dump.done;
  /** Printed packets without their timestamps. */
  const packets = result.stdout.split('\n').filter(Boolean).map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d{6} /, ''));
  return { result, pinged, packets, lab };
}

describe('tcpdump on a bridge', () => {
  it('sees container-to-container ARP and ICMP on docker0, each frame once', async () => {
    const { pinged, packets } = await captureC1PingingC2(['-n', '-e', '-i', 'docker0']);
    expect(pinged.stdout).toContain('1 received');
    expect(packets).toHaveLength(4);
    expect(packets[0]).toBe(`${C1_MAC} > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 172.17.0.3 tell 172.17.0.2, length 28`);
    expect(packets[1]).toBe(`${C2_MAC} > ${C1_MAC}, ethertype ARP (0x0806), length 42: Reply 172.17.0.3 is-at ${C2_MAC}, length 28`);
    expect(packets[2]).toMatch(new RegExp(`^${C1_MAC} > ${C2_MAC}, ethertype IPv4 \\(0x0800\\), length 98: 172\\.17\\.0\\.2 > 172\\.17\\.0\\.3: ICMP echo request, id \\d+, seq 1, length 64$`));
    expect(packets[3]).toMatch(new RegExp(`^${C2_MAC} > ${C1_MAC}, ethertype IPv4 \\(0x0800\\), length 98: 172\\.17\\.0\\.3 > 172\\.17\\.0\\.2: ICMP echo reply, id \\d+, seq 1, length 64$`));
  });

  it('with -p sees only the broadcast ARP request, not the forwarded unicast frames', async () => {
    const { pinged, packets, result } = await captureC1PingingC2(['-n', '-p', '-i', 'docker0']);
    expect(pinged.stdout).toContain('1 received');
    expect(packets).toEqual(['ARP, Request who-has 172.17.0.3 tell 172.17.0.2, length 28']);
    expect(result.stderr).toContain('1 packet captured\n');
  });

  it('does not let the host answer or route the frames it only overhears', async () => {
    const lab = buildKernelLab();
    const docker0Before = { ...lab.docker0.stats };
    const ens160 = lab.hostNs.device('ens160')!;
    const ens160Tx = ens160.stats.txPackets;
    const { pinged } = await captureC1PingingC2(['-n', '-i', 'docker0'], lab);
    expect(pinged.stdout).toContain('1 received');
    // Four frames passed up (ARP request, reply, echo request, reply); the host sent nothing itself.
    expect(lab.docker0.stats.rxPackets - docker0Before.rxPackets).toBe(4);
    expect(lab.docker0.stats.txPackets - docker0Before.txPackets).toBe(0);
    expect(ens160.stats.txPackets).toBe(ens160Tx);
  });

  it('sees both directions on the host end of a veth, promiscuous or not', async () => {
    for (const extra of [[], ['-p']]) {
      const lab = buildKernelLab();
      const veth = lab.containers.get('c2')!.hostEnd.name;
      const { packets } = await captureC1PingingC2(['-n', ...extra, '-i', veth, 'icmp'], lab);
      expect(packets).toHaveLength(2);
      expect(packets[0]).toMatch(/^IP 172\.17\.0\.2 > 172\.17\.0\.3: ICMP echo request/);
      expect(packets[1]).toMatch(/^IP 172\.17\.0\.3 > 172\.17\.0\.2: ICMP echo reply/);
    }
  });

  it('raises the promiscuity of docker0 only while it captures, without the user-set PROMISC flag', async () => {
    const lab = buildKernelLab(['c1', 'c2']);
    const show = async () => (await runCommand(ip, ['ip', '-d', 'link', 'show', 'docker0'], { world: lab.world, ns: lab.hostNs })).stdout;
    expect(await show()).toMatch(/ promiscuity 0 /);
    const dump = startCommand(tcpdump, ['tcpdump', '-n', '-i', 'docker0'], { world: lab.world, ns: lab.hostNs });
    await lab.world.clock.advance(10);
    const during = await show();
    expect(during).toMatch(/ promiscuity 1 /);
    // libpcap asks with PACKET_MR_PROMISC, which leaves IFF_PROMISC out of what netlink reports.
    expect(during).toMatch(/^\d+: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> /);
    const dumpP = startCommand(tcpdump, ['tcpdump', '-n', '-p', '-i', 'docker0'], { world: lab.world, ns: lab.hostNs });
    await lab.world.clock.advance(10);
    expect(await show()).toMatch(/ promiscuity 1 /);
    dump.interrupt();
    dumpP.interrupt();
    await lab.world.clock.advance(0);
    await Promise.all([dump.done, dumpP.done]);
    expect(await show()).toMatch(/ promiscuity 0 /);
  });

  it('shows PROMISC in the flags after ip link set promisc on, and makes docker0 overhear forwarded frames', async () => {
    const lab = buildKernelLab();
    const run = (argv: string) => runCommand(ip, argv.split(' '), { world: lab.world, ns: lab.hostNs });
    expect((await run('ip link set docker0 promisc on')).status).toBe(0);
    expect((await run('ip link set docker0 promisc on')).status).toBe(0);
    expect((await run('ip -d link show docker0')).stdout).toMatch(/^\d+: docker0: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> [^]* promiscuity 1 /);
    const { packets } = await captureC1PingingC2(['-n', '-p', '-i', 'docker0', 'icmp'], lab);
    expect(packets).toHaveLength(2);
    await run('ip link set docker0 promisc off');
    expect((await run('ip -d link show docker0')).stdout).toMatch(/^\d+: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> [^]* promiscuity 0 /);
    expect((await run('ip link set docker0 promisc maybe')).stderr).toBe('Error: argument of "promisc" must be "on" or "off", not "maybe"\n');
  });

  it('keeps the article view: a container pinging the host address shows once per packet on docker0', async () => {
    const lab = buildKernelLab();
    const dump = startCommand(tcpdump, ['tcpdump', '-n', '-i', 'docker0', 'icmp'], { world: lab.world, ns: lab.hostNs });
    await runCommand(ping, ['ping', '-c', '2', '172.16.211.128'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
    dump.interrupt();
    await lab.world.clock.advance(0);
    const lines = (await dump.done).stdout.split('\n').filter(Boolean);
    expect(lines.map((l) => l.replace(/^\S+ /, '').replace(/id \d+/, 'id N'))).toEqual([
      'IP 172.17.0.2 > 172.16.211.128: ICMP echo request, id N, seq 1, length 64',
      'IP 172.16.211.128 > 172.17.0.2: ICMP echo reply, id N, seq 1, length 64',
      'IP 172.17.0.2 > 172.16.211.128: ICMP echo request, id N, seq 2, length 64',
      'IP 172.16.211.128 > 172.17.0.2: ICMP echo reply, id N, seq 2, length 64',
    ]);
  });
});
