import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ip } from '../../../../src-main/core/shell/commands/ip/index.js';
import { formatStats } from '../../../../src-main/core/shell/commands/ip/link.js';
import { ping } from '../../../../src-main/core/shell/commands/ping.js';
import { buildKernelLab } from '../../sim/lab-fixture.js';
import { runCommand } from './harness.js';
import { REFERENCE_DIR } from '../../../reference-dir.js';

const REFERENCE = REFERENCE_DIR;
/** A reference transcript without its `$ command` line. */
function reference(name: string): string {
  return readFileSync(`${REFERENCE}/${name}`, 'utf8').split('\n').slice(1).join('\n');
}

async function run(argv: string, ns: Parameters<typeof runCommand>[2]['ns'], world: Parameters<typeof runCommand>[2]['world']) {
  return runCommand(ip, argv.split(' '), { world, ns });
}

describe('ip', () => {
  it('prints a container route table exactly as the reference does', async () => {
    const lab = buildKernelLab();
    const r = await run('ip route', lab.containers.get('c1')!.ns, lab.world);
    expect(r.stdout).toBe(reference('c1-ip-route.txt'));
  });

  it("prints the host's routes as the article shows them", async () => {
    const lab = buildKernelLab();
    const r = await run('ip r', lab.hostNs, lab.world);
    expect(r.stdout).toBe(
      'default via 172.16.211.2 dev ens160 proto dhcp src 172.16.211.128 metric 100 \n' +
        '172.16.211.0/24 dev ens160 proto kernel scope link src 172.16.211.128 \n' +
        '172.16.211.2 dev ens160 proto dhcp scope link src 172.16.211.128 metric 100 \n' +
        '172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 \n',
    );
  });

  it('shows a container link with @ifN of the host end and link-netnsid 0, like nsenter -n ip link', async () => {
    const lab = buildKernelLab(['c1']);
    const c = lab.containers.get('c1')!;
    const r = await run('ip link', c.ns, lab.world);
    const expected = reference('c1-nsenter-ip-link.txt').replace('68: eth0@if69', `${c.eth0.ifindex}: eth0@if${c.hostEnd.ifindex}`);
    expect(r.stdout).toBe(expected);
  });

  it('shows the host end of each veth with master docker0 and increasing link-netnsids', async () => {
    const lab = buildKernelLab();
    const r = await run('ip link', lab.hostNs, lab.world);
    const vethLines = r.stdout.split('\n').filter((l) => l.includes('master docker0'));
    expect(vethLines).toHaveLength(4);
    for (const l of vethLines) expect(l).toMatch(/^\d+: veth[0-9a-f]{7}@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP mode DEFAULT group default $/);
    expect([...r.stdout.matchAll(/link-netnsid (\d+)/g)].map((m) => m[1])).toEqual(['0', '1', '2', '3']);
  });

  it('route get names the gateway, device and source', async () => {
    const lab = buildKernelLab();
    const c1 = await run('ip route get 172.16.211.1', lab.containers.get('c1')!.ns, lab.world);
    expect(c1.stdout).toBe('172.16.211.1 via 172.17.0.1 dev eth0 src 172.17.0.2 uid 0 \n    cache \n');
    const local = await run('ip route get 172.16.211.128', lab.hostNs, lab.world);
    expect(local.stdout).toBe('local 172.16.211.128 dev lo src 172.16.211.128 uid 0 \n    cache <local> \n');
    lab.containers.get('c1')!.ns.routes.remove((r) => r.prefixLen === 0);
    const none = await run('ip route get 8.8.8.8', lab.containers.get('c1')!.ns, lab.world);
    expect(none).toMatchObject({ status: 2, stderr: 'RTNETLINK answers: Network is unreachable\n' });
  });

  it('shows the local table, names it in table all, and drops the selected device from each route, as iproute2 does (real engine)', async () => {
    const lab = buildKernelLab(['c1']);
    const c1 = lab.containers.get('c1')!.ns;
    expect((await run('ip route show table local dev eth0', c1, lab.world)).stdout).toBe(
      'local 172.17.0.2 proto kernel scope host src 172.17.0.2 \n' + 'broadcast 172.17.255.255 proto kernel scope link src 172.17.0.2 \n',
    );
    expect(JSON.parse((await run('ip -j route show table local dev eth0', c1, lab.world)).stdout)).toEqual([
      { type: 'local', dst: '172.17.0.2', protocol: 'kernel', scope: 'host', prefsrc: '172.17.0.2', flags: [] },
      { type: 'broadcast', dst: '172.17.255.255', protocol: 'kernel', scope: 'link', prefsrc: '172.17.0.2', flags: [] },
    ]);
    expect(JSON.parse((await run('ip -j route show dev eth0', c1, lab.world)).stdout)).toEqual([
      { dst: 'default', gateway: '172.17.0.1', flags: [] },
      { dst: '172.17.0.0/16', protocol: 'kernel', scope: 'link', prefsrc: '172.17.0.2', flags: [] },
    ]);
    const all = (await run('ip route show table all', c1, lab.world)).stdout.split('\n');
    expect(all.slice(0, 3)).toEqual([
      'default via 172.17.0.1 dev eth0 ',
      '172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 ',
      'local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 ',
    ]);
    const allJson = JSON.parse((await run('ip -j route show table all', c1, lab.world)).stdout) as Array<Record<string, unknown>>;
    expect(allJson.at(-1)).toEqual({ type: 'broadcast', dst: '172.17.255.255', dev: 'eth0', table: 'local', protocol: 'kernel', scope: 'link', prefsrc: '172.17.0.2', flags: [] });
  });

  it('lists neighbours learned by a ping with their NUD state', async () => {
    const lab = buildKernelLab();
    const c1 = lab.containers.get('c1')!.ns;
    await runCommand(ping, ['ping', '-c', '1', '172.16.211.128'], { world: lab.world, ns: c1 });
    const r = await run('ip neigh', c1, lab.world);
    expect(r.stdout).toBe('172.17.0.1 dev eth0 lladdr 02:42:9a:0c:8a:ee REACHABLE \n');
    await lab.world.clock.advance(60_000);
    // The host's unicast probe for c1 asked "tell 172.16.211.128" (arp_announce=0: the source of the
    // packet waiting), so c1 also learned that address behind docker0's MAC.
    expect((await run('ip neigh', c1, lab.world)).stdout).toBe('172.17.0.1 dev eth0 lladdr 02:42:9a:0c:8a:ee STALE \n172.16.211.128 dev eth0 lladdr 02:42:9a:0c:8a:ee STALE \n');
  });

  it('ip -s neigh adds the timer reference, seconds since used/confirmed/updated and the probes sent (real engine: probes 4 after one ARP request)', async () => {
    const lab = buildKernelLab();
    const c1 = lab.containers.get('c1')!.ns;
    await runCommand(ping, ['ping', '-c', '1', '172.17.0.1'], { world: lab.world, ns: c1 });
    await lab.world.clock.advance(2_500);
    expect((await run('ip -s neigh', c1, lab.world)).stdout).toBe('172.17.0.1 dev eth0 lladdr 02:42:9a:0c:8a:ee ref 1 used 2/2/2 probes 4 REACHABLE \n');
    await lab.world.clock.advance(60_000);
    // STALE has no timer armed, so no reference beyond the table's
    expect((await run('ip -s neigh show dev eth0', c1, lab.world)).stdout).toMatch(/^172\.17\.0\.1 lladdr 02:42:9a:0c:8a:ee used 62\/62\/\d+ probes 4 STALE \n/);
  });

  it('a new namespace has no main table to list until lo comes up (real engine: FIB table does not exist)', async () => {
    const lab = buildKernelLab();
    const ns = lab.host.createNamespace('fresh');
    expect(await run('ip route', ns, lab.world)).toMatchObject({ status: 2, stdout: '', stderr: 'Error: ipv4: FIB table does not exist.\nDump terminated\n' });
    expect(await run('ip route show table local', ns, lab.world)).toMatchObject({ status: 0, stdout: '' });
    ns.setLinkUp(ns.loopback!, true);
    expect(await run('ip route', ns, lab.world)).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('prints a FAILED neighbour without an lladdr, the state right after the device (real engine, iproute2 6.1)', async () => {
    const lab = buildKernelLab();
    const c1 = lab.containers.get('c1')!.ns;
    await runCommand(ping, ['ping', '-c', '1', '-W', '1', '172.17.0.99'], { world: lab.world, ns: c1 });
    await lab.world.clock.advance(5_000);
    expect((await run('ip neigh show 172.17.0.99', c1, lab.world)).stdout).toBe('172.17.0.99 dev eth0 FAILED \n');
  });

  it('prints brief and JSON forms', async () => {
    const lab = buildKernelLab();
    const c1 = lab.containers.get('c1')!;
    const brief = await run('ip -br -4 a', c1.ns, lab.world);
    expect(brief.stdout).toBe(`lo               UNKNOWN        127.0.0.1/8 \neth0@if${c1.hostEnd.ifindex}         UP             172.17.0.2/16 \n`);
    const json = JSON.parse((await run('ip -j addr show eth0', c1.ns, lab.world)).stdout);
    expect(json[0]).toMatchObject({ ifname: 'eth0', link_index: c1.hostEnd.ifindex, link_netnsid: 0, address: '02:42:ac:11:00:02' });
    expect(json[0].addr_info[0]).toEqual({ family: 'inet', local: '172.17.0.2', prefixlen: 16, broadcast: '172.17.255.255', scope: 'global', label: 'eth0', valid_life_time: 4294967295, preferred_life_time: 4294967295 });
  });

  it('with -4 or -6 lists only devices that have an address of that family, as iproute2 does (real engine)', async () => {
    const lab = buildKernelLab();
    const brief4 = (await run('ip -br -4 addr', lab.hostNs, lab.world)).stdout;
    expect(brief4.split('\n').map((l) => l.split(' ')[0])).toEqual(['lo', 'ens160', 'docker0', '']);
    // a veth has only its IPv6 link-local address
    expect((await run('ip -br addr', lab.hostNs, lab.world)).stdout).toMatch(/^veth[0-9a-f]{7}@if\d+ +UP +fe80::[0-9a-f:]+\/64 \n/m);
    const brief6 = (await run('ip -br -6 addr', lab.hostNs, lab.world)).stdout;
    expect(brief6.split('\n').slice(0, 3)).toEqual([
      'lo               UNKNOWN        ::1/128 ',
      'ens160           UP             fe80::20c:29ff:fe75:9927/64 ',
      'docker0          UP             fe80::42:9aff:fe0c:8aee/64 ',
    ]);
    // every device but its address lines: the short header of iproute2's address dump
    expect((await run('ip -6 addr', lab.hostNs, lab.world)).stdout).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN qlen 1000\n {4}inet6 ::1\/128 scope host \n/);
    expect(JSON.parse((await run('ip -4 -j addr', lab.hostNs, lab.world)).stdout).map((d: { ifname: string }) => d.ifname)).toEqual(['lo', 'ens160', 'docker0']);
  });

  it('changes state: addresses, links, routes, and reports the kernel errors', async () => {
    const lab = buildKernelLab(['c1']);
    const ns = lab.hostNs;
    expect((await run('ip link add br-test type bridge', ns, lab.world)).status).toBe(0);
    expect((await run('ip addr add 10.9.0.1/24 dev br-test', ns, lab.world)).status).toBe(0);
    expect(await run('ip addr add 10.9.0.1/24 dev br-test', ns, lab.world)).toMatchObject({ status: 2, stderr: 'RTNETLINK answers: File exists\n' });
    // Without `brd` there is no broadcast address; `brd +` computes it.
    expect((await run('ip addr show br-test', ns, lab.world)).stdout).toContain('    inet 10.9.0.1/24 scope global br-test\n');
    expect((await run('ip addr add 10.8.0.1/16 brd + dev br-test', ns, lab.world)).status).toBe(0);
    expect((await run('ip addr show br-test', ns, lab.world)).stdout).toContain('    inet 10.8.0.1/16 brd 10.8.255.255 scope global br-test\n');
    expect((await run('ip link set br-test up', ns, lab.world)).status).toBe(0);
    expect((await run('ip route', ns, lab.world)).stdout).toContain('10.9.0.0/24 dev br-test proto kernel scope link src 10.9.0.1 linkdown \n');
    expect(await run('ip route add 10.10.0.0/16 via 192.168.1.1', ns, lab.world)).toMatchObject({ status: 2, stderr: 'Error: Nexthop has invalid gateway.\n' });
    expect((await run('ip route add 10.10.0.0/16 via 172.16.211.1', ns, lab.world)).status).toBe(0);
    expect((await run('ip route get 10.10.1.1', ns, lab.world)).stdout).toBe('10.10.1.1 via 172.16.211.1 dev ens160 src 172.16.211.128 uid 0 \n    cache \n');
    expect((await run('ip route del 10.10.0.0/16', ns, lab.world)).status).toBe(0);
    expect(await run('ip route del 10.10.0.0/16', ns, lab.world)).toMatchObject({ status: 2, stderr: 'RTNETLINK answers: No such process\n' });
    expect(await run('ip link set nope up', ns, lab.world)).toMatchObject({ status: 1, stderr: 'Cannot find device "nope"\n' });
    expect(await run('ip addr add 1.2.3/24 dev br-test', ns, lab.world)).toMatchObject({ status: 1, stderr: 'Error: any valid prefix is expected rather than "1.2.3/24".\n' });
    expect(await run('ip frob', ns, lab.world)).toMatchObject({ status: 255, stderr: 'Object "frob" is unknown, try "ip help".\n' });
    expect(await run('ip link frob', ns, lab.world)).toMatchObject({ status: 255, stderr: 'Command "frob" is unknown, try "ip link help".\n' });
    expect(await run('ip -z link', ns, lab.world)).toMatchObject({ status: 255, stderr: 'Option "-z" is unknown, try "ip -help".\n' });
  });

  it("shows bridge details: nf_call_* are the bridge's own options, not br_netfilter's sysctls; addrgenmode in ip -d link only (real engine)", async () => {
    const lab = buildKernelLab(['c1']);
    lab.hostNs.sysctl.set('net.bridge.bridge-nf-call-iptables', '1');
    const r = await run('ip -d link show docker0', lab.hostNs, lab.world);
    expect(r.stdout).toContain('\n    bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 bridge_id 8000.2:42:9a:c:8a:ee ');
    expect(r.stdout).toContain(' nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 addrgenmode eui64 numtxqueues 1 ');
    const port = await run(`ip -d link show ${lab.containers.get('c1')!.hostEnd.name}`, lab.hostNs, lab.world);
    expect(port.stdout).toContain('\n    veth \n    bridge_slave state forwarding priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on port_id 0x8001 port_no 0x1 ');
    // a veth has a queue per CPU each way: two on the simulated host
    expect(port.stdout).toContain(' isolated off addrgenmode eui64 numtxqueues 2 numrxqueues 2 ');
    expect((await run('ip -d link show lo', lab.hostNs, lab.world)).stdout).toContain(' minmtu 0 maxmtu 0 addrgenmode eui64 numtxqueues 1 ');
    expect((await run('ip -d addr show lo', lab.hostNs, lab.world)).stdout).toContain(' minmtu 0 maxmtu 0 numtxqueues 1 ');
    expect((await run('ip -d addr show docker0', lab.hostNs, lab.world)).stdout).toContain(' nf_call_arptables 0 numtxqueues 1 ');
  });

  it('lists the default policy rules', async () => {
    const lab = buildKernelLab(['c1']);
    const r = await run('ip rule', lab.hostNs, lab.world);
    expect(r.stdout).toBe('0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n');
  });

  it('manages named namespaces and runs commands in them', async () => {
    const lab = buildKernelLab(['c1']);
    const ns = lab.hostNs;
    expect((await run('ip netns add blue', ns, lab.world)).status).toBe(0);
    expect((await run('ip netns list', ns, lab.world)).stdout).toBe('blue\n');
    expect((await run('ip -n blue link', ns, lab.world)).stdout).toBe(
      '1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n',
    );
    expect((await run('ip link add vh1 type veth peer name vc1', ns, lab.world)).status).toBe(0);
    expect((await run('ip link set vc1 netns blue', ns, lab.world)).status).toBe(0);
    const vh1 = (await run('ip link show vh1', ns, lab.world)).stdout;
    expect(vh1).toMatch(/^\d+: vh1@if\d+: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n    link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netns blue\n$/);
    const json = (await run('ip -j link show vh1', ns, lab.world)).stdout;
    expect(Object.keys(JSON.parse(json)[0])).toEqual(['ifindex', 'link_index', 'ifname', 'flags', 'mtu', 'qdisc', 'operstate', 'linkmode', 'group', 'txqlen', 'link_type', 'address', 'broadcast', 'link_netnsid']);
    let ranIn: unknown;
    const exec = await runCommand(ip, ['ip', 'netns', 'exec', 'blue', 'ip', 'link'], {
      world: lab.world,
      ns,
      exec: async (_argv, options) => {
        ranIn = options?.netns;
        return 0;
      },
    });
    expect(exec.status).toBe(0);
    expect((ranIn as { netnsName?: string }).netnsName).toBe('blue');
    expect(await run('ip netns exec green ls', ns, lab.world)).toMatchObject({ status: 255, stderr: 'Cannot open network namespace "green": No such file or directory\n' });
  });

  it('sizes the counter columns to their values and adds the error counters with -s -s, as iproute2 6.1 does', async () => {
    const lab = buildKernelLab(['c1']);
    const stats = (await run('ip -s -s link show lo', lab.hostNs, lab.world)).stdout.split('\n').slice(2).map((l) => l.trimEnd());
    expect(stats).toEqual([
      '    RX:  bytes packets errors dropped  missed   mcast',
      '             0       0      0       0       0       0',
      '    RX errors:  length    crc   frame    fifo overrun',
      '                     0      0       0       0       0',
      '    TX:  bytes packets errors dropped carrier collsns',
      '             0       0      0       0       0       0',
      '    TX errors: aborted   fifo  window heartbt transns',
      '                     0      0       0       0       0',
      '',
    ]);
    expect(formatStats([12345678901, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0])).toBe(
      [
        '    RX:   bytes packets errors dropped  missed   mcast           ',
        '    12345678901       1      0       0       0       0 ',
        '    TX:   bytes packets errors dropped carrier collsns           ',
        '              0       0      0       0       0       0 ',
      ].join('\n'),
    );
  });
});

describe('ip in a container without CAP_NET_ADMIN', () => {
  const withoutCaps = (line: string, lab: ReturnType<typeof buildKernelLab>) =>
    runCommand(ip, line.split(' '), { world: lab.world, ns: lab.containers.get('c1')!.ns, netAdmin: false });

  it('is refused every change the kernel would make, after its own checks, and may still read', async () => {
    const lab = buildKernelLab(['c1']);
    const c1 = lab.containers.get('c1')!.ns;
    const routesBefore = c1.routes.routes.length;
    expect(await withoutCaps('ip link set eth0 down', lab)).toMatchObject({ status: 2, stderr: 'RTNETLINK answers: Operation not permitted\n' });
    expect(c1.device('eth0')!.adminUp).toBe(true);
    expect(await withoutCaps('ip route add 10.9.0.0/24 via 172.17.0.1', lab)).toMatchObject({ status: 2, stderr: 'RTNETLINK answers: Operation not permitted\n' });
    expect(c1.routes.routes).toHaveLength(routesBefore);
    expect(await withoutCaps('ip addr add 10.9.0.5/24 dev eth0', lab)).toMatchObject({ status: 2, stderr: 'RTNETLINK answers: Operation not permitted\n' });
    expect(await withoutCaps('ip neigh add 172.17.0.9 lladdr 02:42:ac:11:00:09 dev eth0', lab)).toMatchObject({ status: 2 });
    expect(await withoutCaps('ip link add v0 type veth peer name v1', lab)).toMatchObject({ status: 2, stderr: 'RTNETLINK answers: Operation not permitted\n' });
    expect(await withoutCaps('ip addr flush dev eth0', lab)).toMatchObject({ status: 1, stderr: 'Failed to send flush request: Operation not permitted\n' });
    // What iproute2 checks itself comes first; reading needs no capability.
    expect(await withoutCaps('ip link set nosuch up', lab)).toMatchObject({ status: 1, stderr: 'Cannot find device "nosuch"\n' });
    expect((await withoutCaps('ip -br -4 addr show eth0', lab)).stdout).toMatch(/^eth0@if\d+ +UP +172\.17\.0\.2\/16 \n$/);
  });

  it('flushes nothing without a complaint when there is nothing to flush, as iproute2 sends no request then', async () => {
    const lab = buildKernelLab(['c1']);
    expect(await withoutCaps('ip neigh flush all', lab)).toMatchObject({ status: 0, stderr: '' });
  });
});

describe('ip maddr', () => {
  it("lists each device's link-layer filters, IPv4 and IPv6 groups as the kernel joins them", async () => {
    const lab = buildKernelLab(['c1']);
    const docker0 = lab.hostNs.device('docker0')!;
    const address = docker0.inet6[0]!.address;
    const last24 = address.split(':').slice(-2);
    const solicited = `ff02::1:ff${last24[0]!.padStart(4, '0').slice(2)}:${last24[1]}`;
    const r = await run('ip maddr show dev docker0', lab.hostNs, lab.world);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`${docker0.ifindex}:\tdocker0`);
    expect(lines.filter((l) => l.startsWith('\tlink  '))).toHaveLength(5);
    expect(lines).toContain('\tlink  01:00:5e:00:00:01');
    expect(lines.slice(6)).toEqual(['\tinet  224.0.0.1', '\tinet  224.0.0.106', `\tinet6 ${solicited}`, '\tinet6 ff02::6a', '\tinet6 ff02::1', '\tinet6 ff01::1', '']);
    // Loopback has no link-layer filters and joins no solicited-node group for ::1.
    expect((await run('ip maddr show lo', lab.hostNs, lab.world)).stdout).toBe('1:\tlo\n\tinet  224.0.0.1\n\tinet6 ff02::1\n\tinet6 ff01::1\n');
  });

  it('drops the IPv4 group and the filters of a device that goes down, and filters by family', async () => {
    const lab = buildKernelLab(['c1']);
    const c1 = lab.containers.get('c1')!.ns;
    await run('ip link set eth0 down', c1, lab.world);
    expect((await run('ip maddr show dev eth0', c1, lab.world)).stdout).toMatch(/^\d+:\teth0\n\tinet6 ff02::1\n\tinet6 ff01::1\n$/);
    expect((await run('ip -4 maddr', c1, lab.world)).stdout).toBe('1:\tlo\n\tinet  224.0.0.1\n');
    expect(await run('ip maddr show dev nosuch', c1, lab.world)).toMatchObject({ status: 1, stderr: 'Device "nosuch" does not exist.\n' });
  });
});
