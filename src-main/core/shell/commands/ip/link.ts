// `ip link`: show (also the header part of `ip addr`), set, add, delete.
import type { NetDevice } from '../../../sim/link/device.js';
import type { BridgeDevice } from '../../../sim/link/bridge.js';
import { IpError, type IpContext, runVerb, SHOW_VERBS, deviceOrThrow, linkName, linkNetnsid, peerOf, writeJson, takeValue, requireNetAdmin } from './common.js';
import { namespaceOf } from '../../../sim/net/namespace.js';

export const LINK_USAGE = `Usage: ip link add [link DEV] [ name ] NAME
                    [ address LLADDR ]
                    [ mtu MTU ]
                    type TYPE [ ARGS ]

       ip link delete { DEVICE | dev DEVICE } type TYPE [ ARGS ]

       ip link set { DEVICE | dev DEVICE }
                      [ { up | down } ]
                      [ address LLADDR ]
                      [ mtu MTU ]
                      [ name NEWNAME ]
                      [ netns { PID | NAME } ]
                      [ master DEVICE ][ nomaster ]

       ip link show [ DEVICE ] [ up ] [ master DEVICE ] [ type TYPE ]

TYPE := { bridge | veth }
`;

function qdiscOf(dev: NetDevice): string {
  return dev.adminUp ? dev.qdisc : 'noop';
}

export function operState(dev: NetDevice): string {
  const peer = peerOf(dev);
  if (dev.adminUp && peer && !peer.adminUp) return 'LOWERLAYERDOWN';
  return dev.operState();
}

/** ` link-netns NAME` when the peer's namespace has an `ip netns` name, else ` link-netnsid N`. */
export function peerNamespaceText(dev: NetDevice): string {
  const nsid = linkNetnsid(dev);
  if (nsid === undefined) return '';
  const peer = peerOf(dev);
  const name = peer && namespaceOf(peer).netnsName;
  return name !== undefined ? ` link-netns ${name}` : ` link-netnsid ${nsid}`;
}

/** The first line of a link record: `N: name@ifM: <FLAGS> mtu ... state X [mode DEFAULT] group default [qlen N]`. */
export function linkHeader(dev: NetDevice, withMode: boolean): string {
  const master = dev.master ? ` master ${dev.master.name}` : '';
  const mode = withMode ? ' mode DEFAULT' : '';
  const qlen = dev.qlen ? ` qlen ${dev.qlen}` : '';
  return `${dev.ifindex}: ${linkName(dev)}: <${dev.flags().join(',')}> mtu ${dev.mtu} qdisc ${qdiscOf(dev)}${master} state ${operState(dev)}${mode} group default${qlen ? qlen : ' '}`;
}

/** CPUs of the simulated host (docker info's CPUs). */
const SIMULATED_CPUS = 2;

/**
 * The link-layer line; with -d the device's details. `ip link` asks the kernel for every address
 * family's link data, so IPv6's addrgenmode follows (lo's too); `ip addr` asks for none.
 */
export function linkLayerLine(dev: NetDevice, details: boolean, withAddrGenMode: boolean): string {
  const kind = dev.kind === 'loopback' ? 'loopback' : 'ether';
  const brd = dev.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  let line = `    link/${kind} ${dev.mac} brd ${brd}${peerNamespaceText(dev)}`;
  if (details) {
    line += ` promiscuity ${dev.promiscuity} minmtu ${dev.kind === 'loopback' ? 0 : 68} maxmtu ${dev.kind === 'loopback' ? 0 : dev.kind === 'ether' ? 9000 : 65535} `;
    // A veth gets a queue per possible CPU (veth_get_num_queues); the simulated host has two.
    const queues = dev.kind === 'veth' ? SIMULATED_CPUS : 1;
    line += detailsKind(dev) + (withAddrGenMode ? 'addrgenmode eui64 ' : '') + `numtxqueues ${queues} numrxqueues ${queues} gso_max_size 65536 gso_max_segs 65535 `;
  }
  return line;
}

/** `-d`: the device kind's own line (`veth`, `bridge ...`) and the bridge port's, ready for addrgenmode to follow. */
function detailsKind(dev: NetDevice): string {
  const parts: string[] = [];
  if (dev.kind === 'veth') parts.push('veth ');
  if (dev.kind === 'bridge') {
    const br = dev as BridgeDevice;
    const id = `8000.${br.mac.split(':').map((b) => parseInt(b, 16).toString(16)).join(':')}`;
    parts.push(
      `bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time ${Math.round(br.ageingMs / 10)} stp_state 0 priority 32768 vlan_filtering 0 ` +
        `bridge_id ${id} designated_root ${id} root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 ` +
        'hello_timer    0.00 tcn_timer    0.00 topology_change_timer    0.00 gc_timer    0.00 group_fwd_mask 0 group_address 01:80:c2:00:00:00 ' +
        'mcast_snooping 1 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 ' +
        'mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 ' +
        'mcast_querier_interval 25500 mcast_query_interval 12500 mcast_query_response_interval 1000 mcast_startup_query_interval 3124 ' +
        // nf_call_*: the bridge's own options, which nothing here sets; br_netfilter's sysctls (bridge-nf-call-iptables)
        // are ORed with them when a frame is filtered, never shown here
        `mcast_stats_enabled 0 mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 `,
    );
  }
  if (dev.master) {
    const portNo = dev.master.ports.indexOf(dev) + 1;
    // The bridge id prints each MAC byte without leading zeros, as iproute2 does.
    const bridgeId = `8000.${dev.master.mac.split(':').map((b) => parseInt(b, 16).toString(16)).join(':')}`;
    parts.push(
      `bridge_slave state ${dev.running ? 'forwarding' : 'disabled'} priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on ` +
        `port_id 0x${(0x8000 + portNo).toString(16)} port_no 0x${portNo.toString(16)} designated_port ${0x8000 + portNo} designated_cost 0 designated_bridge ${bridgeId} designated_root ${bridgeId} ` +
        'hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 ' +
        'mcast_fast_leave off mcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off ',
    );
  }
  return parts.map((p) => '\n    ' + p).join('');
}

/** A link as `ip -j link` prints it; the address listing leaves out the link mode. */
export function linkJson(dev: NetDevice, withMode = true): Record<string, unknown> {
  const o: Record<string, unknown> = { ifindex: dev.ifindex };
  const peer = peerOf(dev);
  if (peer && peer.ns === dev.ns) o.link = peer.name;
  if (peer && peer.ns !== dev.ns) o.link_index = peer.ifindex;
  o.ifname = dev.name;
  o.flags = dev.flags();
  o.mtu = dev.mtu;
  o.qdisc = qdiscOf(dev);
  if (dev.master) o.master = dev.master.name;
  o.operstate = operState(dev);
  if (withMode) o.linkmode = 'DEFAULT';
  o.group = 'default';
  if (dev.qlen) o.txqlen = dev.qlen;
  o.link_type = dev.kind === 'loopback' ? 'loopback' : 'ether';
  o.address = dev.mac;
  o.broadcast = dev.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  if (peer && peer.ns !== dev.ns) o.link_netnsid = linkNetnsid(dev);
  return o;
}

/** `ip -br link` line. */
export function briefLink(dev: NetDevice): string {
  return `${linkName(dev).padEnd(16)} ${operState(dev).padEnd(14)} ${dev.mac} <${dev.flags().join(',')}> `;
}

/** A link's counters: bytes, packets, errors, dropped, missed or carrier, multicast or collisions. */
export type LinkCounters = [number, number, number, number, number, number];
/** Error counters: length, crc, frame, fifo, overrun (RX); aborted, fifo, window, heartbeat, transns (TX). */
export type ErrorCounters = [number, number, number, number, number];

/**
 * Counters as iproute2 6.1 lays them out: each column as wide as its
 * header's minimum or its widest value, the header padded to match; with
 * `errors` (ip -s -s) the error counters under each direction.
 */
export function formatStats(rx: LinkCounters, tx: LinkCounters, errors?: { rx: ErrorCounters; tx: ErrorCounters }): string {
  const cols = [10, 7, 6, 7, 7, 7];
  for (const row of [rx, tx, ...(errors ? [[0, ...errors.rx], [0, ...errors.tx]] : [])]) {
    row.forEach((value, i) => (cols[i] = Math.max(cols[i]!, String(value).length)));
  }
  // the header leaves room for a compressed column, blank when nothing was compressed
  const header = (dir: string, names: string[]) => `    ${dir}: ${'bytes'.padStart(cols[0]! - 4)} ${names.map((n, i) => n.padStart(cols[i + 1]!)).join(' ')}${' '.repeat(11)}`;
  const values = (row: number[]) => '    ' + row.map((v, i) => String(v).padStart(cols[i]!) + ' ').join('');
  const errorLines = (dir: string, names: string[], row: ErrorCounters) => [
    `    ${dir} errors:${' '.repeat(cols[0]! - 10)} ${names.map((n, i) => n.padStart(cols[i + 1]!)).join(' ')}`,
    ' '.repeat(cols[0]! + 4) + row.map((v, i) => ' ' + String(v).padStart(cols[i + 1]!)).join('') + ' ',
  ];
  return [
    header('RX', ['packets', 'errors', 'dropped', 'missed', 'mcast']),
    values(rx),
    ...(errors ? errorLines('RX', ['length', 'crc', 'frame', 'fifo', 'overrun'], errors.rx) : []),
    header('TX', ['packets', 'errors', 'dropped', 'carrier', 'collsns']),
    values(tx),
    ...(errors ? errorLines('TX', ['aborted', 'fifo', 'window', 'heartbt', 'transns'], errors.tx) : []),
  ].join('\n');
}

/** `ip -s` (level 1) or `ip -s -s` (level 2) counters of a link. */
export function statsLines(dev: NetDevice, level: number): string {
  const s = dev.stats;
  const errors = { rx: [0, 0, 0, 0, 0] as ErrorCounters, tx: [0, 0, 0, 0, dev.carrierChanges] as ErrorCounters };
  return formatStats([s.rxBytes, s.rxPackets, 0, s.rxDropped, 0, 0], [s.txBytes, s.txPackets, 0, s.txDropped, 0, 0], level > 1 ? errors : undefined);
}

/** Devices selected by `[dev] NAME`, `up`, `master BR`, `type T` arguments. */
export function selectDevices(ip: IpContext, args: string[], notFound: (name: string) => string): NetDevice[] {
  let devices = ip.ns.devices();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'up') devices = devices.filter((d) => d.adminUp);
    else if (a === 'master') {
      const br = deviceOrThrow(ip.ns, takeValue(args, i++), notFound);
      devices = devices.filter((d) => d.master === br);
    } else if (a === 'type') {
      const t = takeValue(args, i++);
      devices = devices.filter((d) => (t === 'veth' ? d.kind === 'veth' : t === 'bridge' ? d.kind === 'bridge' : false));
    } else {
      const name = a === 'dev' ? takeValue(args, i++) : a;
      const dev = ip.ns.device(name);
      if (!dev) throw new IpError(notFound(name), 1);
      devices = devices.filter((d) => d === dev);
    }
  }
  return devices;
}

export function linkShow(ip: IpContext, args: string[]): number {
  const devices = selectDevices(ip, args, (n) => `Device "${n}" does not exist.`);
  if (ip.options.json) {
    writeJson(ip, devices.map((d) => linkJson(d)));
    return 0;
  }
  let out = '';
  for (const dev of devices) {
    if (ip.options.brief) {
      out += briefLink(dev) + '\n';
      continue;
    }
    let record = linkHeader(dev, true) + '\n' + linkLayerLine(dev, ip.options.details, true);
    if (dev.altnames.length) record += dev.altnames.map((a) => `\n    altname ${a}`).join('');
    if (ip.options.stats) record += '\n' + statsLines(dev, ip.options.stats);
    out += (ip.options.oneline ? record.replace(/\n/g, '\\') : record) + '\n';
  }
  ip.ctx.stdout.write(out);
  return 0;
}

export function linkCommand(ip: IpContext, args: string[]): number | Promise<number> {
  return runVerb(ip, args, 'link', LINK_USAGE, [
    [SHOW_VERBS, linkShow],
    [['set'], linkSet],
    [['add'], linkAdd],
    [['delete'], linkDelete],
  ]);
}

function linkSet(ip: IpContext, args: string[]): number {
  const { ns, world } = ip;
  let name: string | undefined;
  const changes: Array<() => void> = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'dev') name = takeValue(args, i++);
    else if (a === 'up' || a === 'down') changes.push(() => ns.setLinkUp(dev(), a === 'up'));
    else if (a === 'mtu') {
      const v = takeValue(args, i++);
      const mtu = Number(v);
      if (!/^\d+$/.test(v)) throw new IpError(`Error: argument "${v}" is wrong: Invalid "mtu" value\n`, 255);
      changes.push(() => {
        if (mtu < 68 || mtu > 65535) throw new IpError('Error: mtu less than device minimum.', 2);
        dev().mtu = mtu;
      });
    } else if (a === 'address') {
      const v = takeValue(args, i++).toLowerCase();
      if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(v)) throw new IpError(`"${v}" is invalid lladdr.`, 255);
      changes.push(() => (dev().mac = v));
    } else if (a === 'name') {
      const v = takeValue(args, i++);
      changes.push(() => {
        if (ns.device(v)) throw new IpError('RTNETLINK answers: File exists', 2);
        dev().name = v;
      });
    } else if (a === 'master') {
      const v = takeValue(args, i++);
      changes.push(() => {
        const br = ns.device(v);
        if (!br) throw new IpError(`Device does not exist`, 1);
        if (br.kind !== 'bridge') throw new IpError('RTNETLINK answers: Operation not supported', 2);
        (br as BridgeDevice).addPort(dev());
      });
    } else if (a === 'promisc') {
      const v = takeValue(args, i++);
      if (v !== 'on' && v !== 'off') throw new IpError(`Error: argument of "promisc" must be "on" or "off", not "${v}"`, 255);
      changes.push(() => dev().requestPromisc(v === 'on'));
    } else if (a === 'nomaster') changes.push(() => dev().master?.removePort(dev()));
    else if (a === 'netns') {
      const v = takeValue(args, i++);
      changes.push(() => {
        const target = /^\d+$/.test(v) ? ns.machine.process(Number(v))?.netns : ns.machine.namespaces.find((n) => n.netnsName === v);
        if (!target) throw new IpError(/^\d+$/.test(v) ? `Invalid "netns" value "${v}"` : `Invalid "netns" value "${v}"`, 255);
        world.links.move(dev(), target);
      });
    } else if (name === undefined) name = a;
    else throw new IpError(`Error: either "dev" is duplicate, or "${a}" is a garbage.`, 255);
  }
  if (name === undefined) throw new IpError('Not enough information: "dev" argument is required.', 255);
  const target = deviceOrThrow(ns, name);
  const dev = () => target;
  if (changes.length > 0) requireNetAdmin(ip);
  for (const c of changes) c();
  return 0;
}

function linkAdd(ip: IpContext, args: string[]): number {
  const { ns, world } = ip;
  let name: string | undefined;
  let type: string | undefined;
  let peerName: string | undefined;
  let mac: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'name') name = takeValue(args, i++);
    else if (a === 'type') type = takeValue(args, i++);
    else if (a === 'address') mac = takeValue(args, i++);
    else if (a === 'peer') {
      if (args[i + 1] === 'name') i++;
      peerName = takeValue(args, i++);
    } else if (name === undefined) name = a;
    else throw new IpError(`Error: either "dev" is duplicate, or "${a}" is a garbage.`, 255);
  }
  if (type === undefined) throw new IpError('Not enough information: "type" argument is required', 255);
  if (name === undefined) throw new IpError('Not enough information: "dev" argument is required.', 255);
  requireNetAdmin(ip);
  if (ns.device(name) || (peerName && ns.device(peerName))) throw new IpError('RTNETLINK answers: File exists', 2);
  if (type === 'bridge') world.links.createBridge(ns, name, mac).qlen = 1000;
  else if (type === 'veth') {
    const peer = peerName ?? nextFreeName(ip, 'veth');
    // Unlike Docker's, veths made by hand get the default txqueuelen.
    for (const end of world.links.createVethPair(ns, name, peer, mac ? { mac } : {})) end.qlen = 1000;
  } else throw new IpError(`Error: Unknown device type.`, 2);
  return 0;
}

function nextFreeName(ip: IpContext, prefix: string): string {
  let n = 0;
  while (ip.ns.device(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function linkDelete(ip: IpContext, args: string[]): number {
  const rest = args.filter((a, i) => a !== 'dev' && args[i - 1] !== 'type' && a !== 'type');
  if (rest.length === 0) throw new IpError('Not enough information: "dev" argument is required.', 255);
  const dev = deviceOrThrow(ip.ns, rest[0]);
  requireNetAdmin(ip);
  if (dev.kind === 'loopback' || dev.kind === 'ether') throw new IpError('RTNETLINK answers: Operation not supported', 2);
  ip.world.links.delete(dev);
  return 0;
}
