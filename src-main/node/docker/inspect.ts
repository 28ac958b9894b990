// Reads a running real lab's state, as the learner's own tools would show it:
// the inner engine's `docker inspect`, and `ip -j -d addr` in every namespace.
import type { PublishedPort, Topology, TopologyInterface, TopologyNode } from '../../core/api/topology.js';
import ipaddr from 'ipaddr.js';
import { quote } from 'shell-quote';
import type { LabPlan } from './lab-plan.js';
import { NETNS_DIR, SWITCH_NETNS } from './lab-setup.js';

/** One `ip -j -d addr` entry (the fields used here). */
export interface IpLink {
  ifindex: number;
  ifname: string;
  link_index?: number;
  link_netnsid?: number;
  flags: string[];
  operstate?: string;
  master?: string;
  address?: string;
  link_type?: string;
  linkinfo?: { info_kind?: string };
  addr_info?: Array<{ family: string; local: string; prefixlen: number }>;
}

export interface InnerContainer {
  Id: string;
  Name: string;
  Config: { Hostname: string };
  State: { Pid: number; Running: boolean };
  NetworkSettings: {
    IPAddress: string;
    MacAddress: string;
    /** Per network; a container only on a user-defined network has empty top-level addresses. */
    Networks?: Record<string, { IPAddress: string; MacAddress: string }>;
    Ports: Record<string, Array<{ HostIp: string; HostPort: string }> | null>;
  };
}

export interface LabSnapshot {
  containers: InnerContainer[];
  /** Interfaces by namespace: `host`, each running container's name, each outside host, the lab switch. */
  links: Record<string, IpLink[]>;
  /** Network namespace inodes by the same keys. */
  netns: Record<string, number>;
}

const SECTION = '### ';

/** A bash script printing `### <kind> <key>` lines, each followed by one JSON document or number. */
export function snapshotScript(plan: LabPlan): string {
  const outside = [...plan.outsideHosts.map((h) => h.name), SWITCH_NETNS].map((n) => quote([n])).join(' ');
  return [
    `echo '${SECTION}containers -'; ids=$(docker ps -q); if [ -n "$ids" ]; then docker inspect $ids; else echo '[]'; fi`,
    `echo '${SECTION}links host'; ip -j -d addr show`,
    `echo '${SECTION}netns host'; stat -L -c %i /proc/self/ns/net`,
    `for name in $(docker ps --format '{{.Names}}'); do pid=$(docker inspect -f '{{.State.Pid}}' "$name")`,
    `  echo "${SECTION}links $name"; nsenter -t "$pid" -n ip -j -d addr show`,
    `  echo "${SECTION}netns $name"; stat -L -c %i "/proc/$pid/ns/net"; done`,
    `for name in ${outside}; do`,
    `  echo "${SECTION}links $name"; nsenter --net="${NETNS_DIR}/$name" ip -j -d addr show`,
    `  echo "${SECTION}netns $name"; stat -L -c %i "${NETNS_DIR}/$name"; done`,
  ].join('\n');
}

export function parseSnapshot(text: string): LabSnapshot {
  const snapshot: LabSnapshot = { containers: [], links: {}, netns: {} };
  for (const section of text.split(SECTION).slice(1)) {
    const newline = section.indexOf('\n');
    const [kind, key] = section.slice(0, newline).trim().split(' ');
    const body = section.slice(newline + 1).trim();
    if (kind === 'containers') snapshot.containers = JSON.parse(body) as InnerContainer[];
    else if (kind === 'links') snapshot.links[key] = JSON.parse(body) as IpLink[];
    else if (kind === 'netns') snapshot.netns[key] = Number(body);
  }
  return snapshot;
}

function ipv4(link: IpLink | undefined): string {
  return link?.addr_info?.find((a) => a.family === 'inet')?.local ?? '';
}

function containerName(c: InnerContainer): string {
  return c.Name.replace(/^\//, '');
}

/** Host-side veth of a container: the host interface whose index is the container eth0's peer index. */
function hostVeth(snapshot: LabSnapshot, name: string): IpLink | undefined {
  const eth0 = snapshot.links[name]?.find((l) => l.ifname === 'eth0');
  return snapshot.links.host?.find((l) => l.ifindex === eth0?.link_index);
}

function publishedPorts(c: InnerContainer): PublishedPort[] {
  return Object.entries(c.NetworkSettings.Ports ?? {}).flatMap(([key, bindings]) => {
    const [port, protocol] = key.split('/');
    return (bindings ?? []).map((b) => ({
      container: containerName(c),
      hostIp: b.HostIp,
      hostPort: Number(b.HostPort),
      containerPort: Number(port),
      protocol: protocol === 'udp' ? ('udp' as const) : ('tcp' as const),
    }));
  });
}

export function bindingsFrom(plan: LabPlan, snapshot: LabSnapshot): Record<string, string> {
  const hostLinks = snapshot.links.host ?? [];
  const bindings: Record<string, string> = {
    'host.ip': ipv4(hostLinks.find((l) => l.ifname === plan.labIface)),
    'host.iface': plan.labIface,
    'host.gateway': plan.gateway,
    'host.hostname': plan.hostname,
    'host.mac': hostLinks.find((l) => l.ifname === plan.labIface)?.address ?? '',
    'docker0.ip': ipv4(hostLinks.find((l) => l.ifname === 'docker0')),
    'docker0.mac': hostLinks.find((l) => l.ifname === 'docker0')?.address ?? '',
    'docker0.subnet': subnetOf(plan.bridgeCidr),
  };
  for (const host of plan.outsideHosts) {
    const eth0 = snapshot.links[host.name]?.find((l) => l.ifname === 'eth0');
    bindings[`${host.name}.ip`] = ipv4(eth0);
    bindings[`${host.name}.mac`] = eth0?.address ?? '';
  }
  for (const c of snapshot.containers) {
    const name = containerName(c);
    const [firstNetwork] = Object.values(c.NetworkSettings.Networks ?? {});
    bindings[`${name}.ip`] = c.NetworkSettings.IPAddress || (firstNetwork?.IPAddress ?? '');
    bindings[`${name}.mac`] = c.NetworkSettings.MacAddress || (firstNetwork?.MacAddress ?? '');
    bindings[`${name}.pid`] = String(c.State.Pid);
    bindings[`${name}.id`] = c.Id.slice(0, 12);
    bindings[`${name}.fullId`] = c.Id;
    bindings[`${name}.hostname`] = c.Config.Hostname;
    bindings[`${name}.netns`] = String(snapshot.netns[name] ?? '');
    bindings[`${name}.veth`] = hostVeth(snapshot, name)?.ifname ?? '';
    const [port] = publishedPorts(c);
    if (port) {
      bindings[`${name}.port`] = String(port.hostPort);
      bindings[`${name}.hostIp`] = port.hostIp;
      bindings[`${name}.containerPort`] = String(port.containerPort);
    }
  }
  return bindings;
}

function interfaceKind(link: IpLink): TopologyInterface['kind'] {
  if (link.link_type === 'loopback') return 'loopback';
  const kind = link.linkinfo?.info_kind;
  if (kind === 'veth' || kind === 'bridge') return kind;
  return 'ethernet';
}

export function topologyFrom(plan: LabPlan, snapshot: LabSnapshot): Topology {
  const containerNames = snapshot.containers.map(containerName);
  // A veth's peer is the link elsewhere whose index and peer index mirror its own. Ports of
  // the lab switch are left out: the switch is drawn as the lab network, not as a node.
  const peerOf = (key: string, link: IpLink): { node: string; iface: string } | undefined => {
    if (link.link_index === undefined || link.linkinfo?.info_kind !== 'veth') return undefined;
    for (const [other, links] of Object.entries(snapshot.links)) {
      if (other === key || other === SWITCH_NETNS) continue;
      const peer = links.find((l) => l.ifindex === link.link_index && l.link_index === link.ifindex);
      if (peer) return { node: other, iface: peer.ifname };
    }
    return undefined;
  };
  const node = (key: string, label: string, kind: TopologyNode['kind']): TopologyNode => ({
    id: key,
    label,
    kind,
    netns: snapshot.netns[key],
    interfaces: (snapshot.links[key] ?? []).map((link) => {
      const iface: TopologyInterface = {
        name: link.ifname,
        ifindex: link.ifindex,
        kind: interfaceKind(link),
        mac: link.address ?? '',
        addresses: (link.addr_info ?? []).filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`),
        up: link.flags.includes('UP'),
      };
      const peer = peerOf(key, link);
      if (peer) iface.peer = peer;
      if (link.master) iface.master = link.master;
      return iface;
    }),
  });
  const nodes: TopologyNode[] = [
    node('host', plan.hostname, 'docker-host'),
    ...containerNames.map((name) => node(name, name, 'container')),
    ...plan.outsideHosts.map((h) => node(h.name, h.hostname, h.router ? 'router' : 'external-host')),
  ];
  return {
    nodes,
    networks: [
      { id: 'bridge', label: 'docker0', subnet: subnetOf(plan.bridgeCidr) },
      { id: 'lab', label: plan.labIface, subnet: subnetOf(plan.labAddress) },
    ],
    publishedPorts: snapshot.containers.flatMap(publishedPorts),
  };
}

/** 172.17.0.1/16 -> 172.17.0.0/16 */
function subnetOf(cidr: string): string {
  return `${ipaddr.IPv4.networkAddressFromCIDR(cidr).toString()}/${cidr.split('/')[1]}`;
}
