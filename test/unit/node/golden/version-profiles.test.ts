import { describe, expect, it } from 'vitest';
import { asSimulated } from '../../../../src-main/node/golden/version-profiles.js';
import { formatStats } from '../../../../src-main/core/shell/commands/ip/link.js';

describe('version profiles', () => {
  it("names the containers' iputils release as the simulated one, leaving its build line alone", () => {
    const real = 'ping from iputils 20221126\nlibcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n';
    expect(asSimulated(real)).toBe(real.replace('20221126', 's20211215'));
  });

  it("rewrites iproute2 5.9's fixed counter columns, with and without error counters, as the simulated 6.1 sizes them", () => {
    const plain = [
      '    RX: bytes  packets  errors  dropped missed  mcast   ',
      '    3064       36       0       0       0       0       ',
      '    TX: bytes  packets  errors  dropped carrier collsns ',
      '    586        7        0       1       0       0       ',
    ].join('\n');
    expect(asSimulated(`2: ens160\n${plain}\n3: docker0`)).toBe(`2: ens160\n${formatStats([3064, 36, 0, 0, 0, 0], [586, 7, 0, 1, 0, 0])}\n3: docker0`);
    const withErrors = [
      '    RX: bytes  packets  errors  dropped missed  mcast   ',
      '    0          0        0       0       0       0       ',
      '    RX errors: length   crc     frame   fifo    overrun',
      '               0        0       0       0       0       ',
      '    TX: bytes  packets  errors  dropped carrier collsns ',
      '    0          0        0       0       0       0       ',
      '    TX errors: aborted  fifo   window heartbeat transns',
      '               0        0       0       0       2       ',
    ].join('\n');
    expect(asSimulated(withErrors)).toBe(formatStats([0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], { rx: [0, 0, 0, 0, 0], tx: [0, 0, 0, 0, 2] }));
  });

  it('rewrites the lab host\'s veth ens160 as the NIC it stands for in ip -j link and ip -j addr', () => {
    const link = '{"ifindex":2,"link_index":3,"ifname":"ens160","flags":["UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","link_netnsid":0}';
    expect(asSimulated(`[${link}]`)).toBe('[{"ifindex":2,"ifname":"ens160","flags":["UP"],"mtu":1500,"qdisc":"mq","operstate":"UP"}]');
    const addr = link.replace(/\}$/, ',"addr_info":[{"family":"inet","local":"172.16.211.128"}]}');
    expect(asSimulated(`[${addr}]`)).toBe('[{"ifindex":2,"ifname":"ens160","flags":["UP"],"mtu":1500,"qdisc":"mq","operstate":"UP","addr_info":[{"family":"inet","local":"172.16.211.128"}]}]');
  });

  it("rewrites a newer kernel's link attributes, the machine's veth queue count and the veth ens160 in ip -d", () => {
    const c1 = [
      '    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 ',
      '    veth addrgenmode eui64 numtxqueues 4 numrxqueues 4 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 ',
    ].join('\n');
    expect(asSimulated(c1)).toBe(
      '    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 0 minmtu 68 maxmtu 65535 \n    veth addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 ',
    );
    const ens160 = [
      '2: ens160@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000',
      '    link/ether 00:0c:29:75:99:27 brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 0 minmtu 68 maxmtu 65535 ',
      '    veth numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 ',
    ].join('\n');
    expect(asSimulated(ens160)).toBe(
      '2: ens160: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000\n' +
        '    link/ether 00:0c:29:75:99:27 brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 9000 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 ',
    );
  });

  it("drops ens160's peer namespace and counts the containers' from 0, in ip link's plain and one-line forms", () => {
    const plain = [
      '2: ens160@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000',
      '    link/ether 00:0c:29:75:99:27 brd ff:ff:ff:ff:ff:ff link-netnsid 0',
      '5: veth1b2c3d4@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP mode DEFAULT group default',
      '    link/ether 5e:1f:2a:3b:4c:5d brd ff:ff:ff:ff:ff:ff link-netnsid 1',
    ].join('\n');
    expect(asSimulated(plain)).toBe(
      [
        '2: ens160: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000',
        '    link/ether 00:0c:29:75:99:27 brd ff:ff:ff:ff:ff:ff',
        '5: veth1b2c3d4@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP mode DEFAULT group default',
        '    link/ether 5e:1f:2a:3b:4c:5d brd ff:ff:ff:ff:ff:ff link-netnsid 0',
      ].join('\n'),
    );
    const addr = '2: ens160@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000 link-netnsid 0\n    inet 172.16.211.128/24 brd 172.16.211.255 scope global dynamic ens160';
    expect(asSimulated(addr)).toBe('2: ens160: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000\n    inet 172.16.211.128/24 brd 172.16.211.255 scope global dynamic ens160');
    const oneLine = '2: ens160@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\\    link/ether 00:0c:29:75:99:27 brd ff:ff:ff:ff:ff:ff link-netnsid 0';
    expect(asSimulated(oneLine)).toBe('2: ens160: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000\\    link/ether 00:0c:29:75:99:27 brd ff:ff:ff:ff:ff:ff');
  });

  it("re-indents iproute2 5.9's pretty JSON as 6.1 prints it", () => {
    const real = ['[ {', '        "ifindex": 3,', '        "ifname": "docker0",', '        "flags": [ "BROADCAST","MULTICAST","UP","LOWER_UP" ],', '        "mtu": 1500', '    } ]'].join('\n');
    const value = [{ ifindex: 3, ifname: 'docker0', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1500 }];
    expect(asSimulated(`${real}\n`)).toBe(`${JSON.stringify(value, null, 4)}\n`);
  });

  it("reads tcpdump 4.99's LINUX_SLL2 capture on any as 4.9.3's LINUX_SLL one, leaving other lines alone", () => {
    const real = [
      'tcpdump: data link type LINUX_SLL2',
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode',
      'listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes',
      '06:46:11.852401 veth1aaabf3 P   IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 20, seq 1, length 64',
      '06:46:11.852402 docker0 Out IP 172.17.0.1 > 172.17.0.3: ICMP echo request, id 21, seq 1, length 64',
      '06:46:11.852403 IP 172.17.0.3 > 172.17.0.2: ICMP echo reply, id 20, seq 1, length 64',
    ].join('\n');
    expect(asSimulated(real)).toBe(
      [
        'tcpdump: verbose output suppressed, use -v or -vv for full protocol decode',
        'listening on any, link-type LINUX_SLL (Linux cooked), capture size 262144 bytes',
        '06:46:11.852401 IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 20, seq 1, length 64',
        '06:46:11.852402 IP 172.17.0.1 > 172.17.0.3: ICMP echo request, id 21, seq 1, length 64',
        '06:46:11.852403 IP 172.17.0.3 > 172.17.0.2: ICMP echo reply, id 20, seq 1, length 64',
      ].join('\n'),
    );
  });

  it("names tcpdump's version as the simulated one", () => {
    expect(asSimulated('tcpdump version 4.99.0\nlibpcap version 1.10.0 (with TPACKET_V3)\n')).toBe('tcpdump version 4.9.3\nlibpcap version 1.10.0 (with TPACKET_V3)\n');
  });

  it("rewrites iproute2 5.9's two spaces before an lladdr-less neighbour state", () => {
    expect(asSimulated('172.16.211.99 dev ens160  FAILED\n172.16.211.1 dev ens160 lladdr 00:50:56:c0:00:08 STALE\n')).toBe(
      '172.16.211.99 dev ens160 FAILED \n172.16.211.1 dev ens160 lladdr 00:50:56:c0:00:08 STALE\n',
    );
  });
});
