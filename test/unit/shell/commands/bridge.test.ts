import { describe, expect, it } from 'vitest';
import { bridge } from '../../../../src-main/core/shell/commands/bridge.js';
import { ping } from '../../../../src-main/core/shell/commands/ping.js';
import { buildKernelLab } from '../../sim/lab-fixture.js';
import { runCommand } from './harness.js';

describe('bridge', () => {
  it('lists docker0 ports as forwarding', async () => {
    const lab = buildKernelLab(['c1', 'c2']);
    const r = await runCommand(bridge, ['bridge', 'link'], { world: lab.world, ns: lab.hostNs });
    const [a, b] = ['c1', 'c2'].map((n) => lab.containers.get(n)!);
    expect(r.stdout).toBe(
      `${a.hostEnd.ifindex}: ${a.hostEnd.name}@if${a.eth0.ifindex}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker0 state forwarding priority 32 cost 2 \n` +
        `${b.hostEnd.ifindex}: ${b.hostEnd.name}@if${b.eth0.ifindex}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker0 state forwarding priority 32 cost 2 \n`,
    );
  });

  it('prints an empty VLAN table, as a bridge with vlan_filtering off has, in text and JSON', async () => {
    const lab = buildKernelLab(['c1']);
    const run = (...args: string[]) => runCommand(bridge, ['bridge', ...args], { world: lab.world, ns: lab.hostNs });
    expect((await run('vlan')).stdout).toBe('port              vlan-id  \n');
    expect((await run('vlan', 'show')).stdout).toBe('port              vlan-id  \n');
    expect((await run('-j', 'vlan')).stdout).toBe('[]\n');
  });

  it('lists ports as JSON, and with -d each bridge as its own master and every port switch', async () => {
    const lab = buildKernelLab(['c1']);
    const c1 = lab.containers.get('c1')!;
    const docker0 = lab.hostNs.device('docker0')!;
    const json = await runCommand(bridge, ['bridge', '-j', 'link'], { world: lab.world, ns: lab.hostNs });
    expect(JSON.parse(json.stdout)).toEqual([
      { ifindex: c1.hostEnd.ifindex, link: `if${c1.eth0.ifindex}`, ifname: c1.hostEnd.name, flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1500, master: 'docker0', state: 'forwarding', priority: 32, cost: 2 },
    ]);
    const details = (await runCommand(bridge, ['bridge', '-d', 'link'], { world: lab.world, ns: lab.hostNs })).stdout.split('\n');
    expect(details[0]).toBe(`${docker0.ifindex}: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker0 `);
    expect(details[1]).toMatch(new RegExp(`^${c1.hostEnd.ifindex}: ${c1.hostEnd.name}@if${c1.eth0.ifindex}: .* state forwarding priority 32 cost 2 $`));
    expect(details[2]).toBe('    hairpin off guard off root_block off fastleave off learning on flood on mcast_flood on mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off ');
  });

  it('shows container MACs in the fdb only after they sent something, and forgets them after 300 s', async () => {
    const lab = buildKernelLab(['c1', 'c2']);
    const learned = async () =>
      (await runCommand(bridge, ['bridge', 'fdb', 'show', 'br', 'docker0'], { world: lab.world, ns: lab.hostNs })).stdout.split('\n').filter((l) => /master docker0 $/.test(l));
    expect(await learned()).toEqual([]);
    await runCommand(ping, ['ping', '-c', '1', '172.17.0.3'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
    const c1 = lab.containers.get('c1')!.hostEnd.name;
    const c2 = lab.containers.get('c2')!.hostEnd.name;
    expect(await learned()).toEqual([`02:42:ac:11:00:02 dev ${c1} master docker0 `, `02:42:ac:11:00:03 dev ${c2} master docker0 `]);
    await lab.world.clock.advance(310_000);
    expect(await learned()).toEqual([]);
  });

  it('lists one permanent entry per bridge and port MAC, without per-VLAN copies (vlan_filtering off, as the real engine shows)', async () => {
    const lab = buildKernelLab(['c1', 'c2']);
    const r = await runCommand(bridge, ['bridge', 'fdb', 'show', 'br', 'docker0'], { world: lab.world, ns: lab.hostNs });
    const ownEntries = r.stdout.split('\n').filter((l) => l.endsWith('master docker0 permanent'));
    const macs = [lab.hostNs.device('docker0')!, ...['c1', 'c2'].map((n) => lab.containers.get(n)!.hostEnd)].map((d) => d.mac);
    expect(ownEntries.map((l) => l.split(' ')[0])).toEqual(macs);
    expect(r.stdout).not.toContain('vlan');
  });

  it('skips words fdb show does not know, as iproute2 does, and keeps only learned entries with dynamic', async () => {
    const lab = buildKernelLab(['c1', 'c2']);
    const show = async (...words: string[]) => (await runCommand(bridge, ['bridge', 'fdb', 'show', 'br', 'docker0', ...words], { world: lab.world, ns: lab.hostNs })).stdout;
    expect(await show('permanent')).toBe(await show());
    await runCommand(ping, ['ping', '-c', '1', '172.17.0.3'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
    expect((await show('dynamic')).split('\n').map((l) => l.split(' ')[0])).toEqual(['02:42:ac:11:00:02', '02:42:ac:11:00:03', '']);
  });

  it('rejects unknown objects and devices', async () => {
    const lab = buildKernelLab(['c1']);
    expect(await runCommand(bridge, ['bridge', 'frob'], { world: lab.world, ns: lab.hostNs })).toMatchObject({ status: 255, stderr: 'Object "frob" is unknown, try "bridge help".\n' });
    expect(await runCommand(bridge, ['bridge', 'fdb', 'show', 'dev', 'nope'], { world: lab.world, ns: lab.hostNs })).toMatchObject({ status: 1, stderr: 'Cannot find device "nope"\n' });
  });
});
