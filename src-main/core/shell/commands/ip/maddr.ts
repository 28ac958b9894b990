// ip maddress: the multicast groups each device has joined, read as iproute2
// reads them (/proc/net/dev_mcast, /proc/net/igmp, /proc/net/igmp6): for each
// device its link-layer filters, then its IPv4 groups, then its IPv6 groups.
// The kernel joins them on its own: every up device the all-hosts group
// 224.0.0.1; every device the all-nodes groups ff02::1 and ff01::1 when it
// appears, and a solicited-node group for each IPv6 address but on loopback;
// a bridge with multicast snooping (Docker's default) the router-discovery
// groups 224.0.0.106 and ff02::6a when it opens. IPv4 and IPv6 group lists are
// newest first (each group is added at the head); link-layer filters oldest
// first, and only while the device is up (a down device drops them).
import ipaddr from 'ipaddr.js';
import type { NetDevice } from '../../../sim/link/device.js';
import { IpError, type IpContext, runVerb, SHOW_VERBS, takeValue } from './common.js';

const MADDR_USAGE = `Usage: ip maddr [ add | del ] MULTIADDR dev STRING
       ip maddr show [ dev STRING ]
`;

export function maddrCommand(ip: IpContext, args: string[]): number | Promise<number> {
  return runVerb(ip, args, 'maddress', MADDR_USAGE, [
    [SHOW_VERBS, maddrShow],
    [['add', 'delete'], () => {
      throw new IpError('Error: static multicast link addresses are not simulated in this lab.', 2);
    }],
  ]);
}

interface Groups {
  link: string[];
  inet: string[];
  inet6: string[];
}

/** The IPv6 multicast group an address's neighbour solicitations go to: ff02::1:ff plus its last 24 bits. */
function solicitedNode(address: string): ipaddr.IPv6 {
  const parts = ipaddr.IPv6.parse(address).parts;
  return new ipaddr.IPv6([0xff02, 0, 0, 0, 0, 1, 0xff00 | (parts[6]! & 0xff), parts[7]!]);
}

/** The Ethernet address an IPv6 group maps to: 33:33 and its last 32 bits. */
function ipv6GroupMac(group: ipaddr.IPv6): string {
  const bytes = group.toByteArray().slice(12);
  return ['33', '33', ...bytes.map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

/** The Ethernet address an IPv4 group maps to: 01:00:5e and its last 23 bits. */
function ipv4GroupMac(group: string): string {
  const [, b, c, d] = group.split('.').map(Number);
  return ['01', '00', '5e', (b! & 0x7f).toString(16).padStart(2, '0'), c!.toString(16).padStart(2, '0'), d!.toString(16).padStart(2, '0')].join(':');
}

function groupsOf(dev: NetDevice): Groups {
  const up = dev.adminUp;
  const bridge = dev.kind === 'bridge';
  const solicited = dev.kind === 'loopback' ? [] : [...dev.inet6].sort((a, b) => a.order - b.order).map((a) => solicitedNode(a.address));
  const inet = up ? ['224.0.0.1', ...(bridge ? ['224.0.0.106'] : [])] : [];
  const routerDiscovery = up && bridge ? [ipaddr.IPv6.parse('ff02::6a')] : [];
  const allNodes = ipaddr.IPv6.parse('ff02::1');
  const inet6 = [...[...solicited].reverse(), ...routerDiscovery, allNodes, ipaddr.IPv6.parse('ff01::1')];
  // In the order the filters were added: ff02::1 at registration, the bridge's groups when it opened, 224.0.0.1 once up, then each address's group.
  const link =
    up && dev.kind !== 'loopback'
      ? [ipv6GroupMac(allNodes), ...(bridge ? [ipv4GroupMac('224.0.0.106'), ipv6GroupMac(routerDiscovery[0]!)] : []), ipv4GroupMac('224.0.0.1'), ...solicited.map(ipv6GroupMac)]
      : [];
  return { link, inet, inet6: inet6.map((g) => g.toString()) };
}

/** Lines for groups, with ` users N` on one joined more than once. */
function memberLines(family: string, groups: string[]): string[] {
  const users = new Map<string, number>();
  for (const group of groups) users.set(group, (users.get(group) ?? 0) + 1);
  return [...users].map(([group, count]) => `\t${family}${group}${count === 1 ? '' : ` users ${count}`}`);
}

function maddrShow(ip: IpContext, args: string[]): number {
  let devName: string | undefined;
  for (let i = 0; i < args.length; i++) devName = args[i] === 'dev' ? takeValue(args, i++) : args[i];
  const devices = ip.ns.devices().filter((d) => devName === undefined || d.name === devName);
  if (devName !== undefined && devices.length === 0) throw new IpError(`Device "${devName}" does not exist.`, 1);
  const family = ip.options.family;
  const lines: string[] = [];
  for (const dev of [...devices].sort((a, b) => a.ifindex - b.ifindex)) {
    const groups = groupsOf(dev);
    const members = [
      ...(family === undefined || family === 'link' ? memberLines('link  ', groups.link) : []),
      ...(family === undefined || family === 'inet' ? memberLines('inet  ', groups.inet) : []),
      ...(family === undefined || family === 'inet6' ? memberLines('inet6 ', groups.inet6) : []),
    ];
    if (members.length > 0) lines.push(`${dev.ifindex}:\t${dev.name}`, ...members);
  }
  ip.ctx.stdout.write(lines.map((l) => l + '\n').join(''));
  return 0;
}
