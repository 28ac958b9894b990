// The lab's shape as the topology view draws it; both backends produce it.

export interface TopologyInterface {
  name: string;
  ifindex: number;
  kind: 'loopback' | 'ethernet' | 'veth' | 'bridge';
  mac: string;
  /** CIDR strings, e.g. 172.17.0.2/16. */
  addresses: string[];
  up: boolean;
  /** For a veth: the peer's node id and interface name. */
  peer?: { node: string; iface: string };
  /** For a bridge port: the bridge's name. */
  master?: string;
}

export interface TopologyNode {
  /** Stable id: the terminal name where there is one (host, c1, web, host01). */
  id: string;
  label: string;
  kind: 'docker-host' | 'container' | 'external-host' | 'router';
  /** Network namespace inode, when known. */
  netns?: number;
  interfaces: TopologyInterface[];
}

export interface PublishedPort {
  container: string;
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

export interface TopologyNetwork {
  /** e.g. `bridge` (docker0) or `lab` (ens160's segment). */
  id: string;
  label: string;
  subnet: string;
}

export interface Topology {
  nodes: TopologyNode[];
  networks: TopologyNetwork[];
  publishedPorts: PublishedPort[];
}
