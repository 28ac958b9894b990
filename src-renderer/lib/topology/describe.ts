// The topology in words, for screen readers and for anyone who prefers text.
import type { Topology, TopologyInterface, TopologyNode } from '../../../src-main/core/api/topology.js';
import { segmentOf } from './graph.js';

const KIND_NAMES: Record<TopologyNode['kind'], string> = {
  'docker-host': 'Docker host',
  container: 'Container',
  'external-host': 'Outside machine',
  router: 'Router',
};

function describeInterface(iface: TopologyInterface, topology: Topology): string {
  const parts = [iface.kind === 'bridge' ? `bridge ${iface.name}` : iface.name];
  parts.push(iface.addresses.length ? `address ${iface.addresses.join(' and ')}` : 'no address');
  if (iface.kind !== 'loopback') parts.push(`MAC ${iface.mac}`);
  if (!iface.up) parts.push('down');
  if (iface.master) parts.push(`port of ${iface.master}`);
  if (iface.peer) parts.push(`veth pair with ${iface.peer.iface} in ${iface.peer.node}`);
  const segment = segmentOf(iface, topology.networks);
  if (segment) parts.push(`on the ${segment.label} ${segment.subnet}`);
  return parts.join(', ');
}

/** One line per namespace, then the published ports. */
export function describeTopology(topology: Topology): string[] {
  const lines = topology.nodes.map((node) => {
    const namespace = node.netns ? ` (network namespace ${node.netns})` : '';
    const interfaces = node.interfaces.map((iface) => describeInterface(iface, topology)).join('; ');
    return `${KIND_NAMES[node.kind]} ${node.label}${namespace}: ${interfaces}.`;
  });
  for (const bridge of topology.nodes.flatMap((node) => node.interfaces.filter((i) => i.kind === 'bridge').map((i) => ({ node, bridge: i })))) {
    const ports = bridge.node.interfaces.filter((i) => i.master === bridge.bridge.name).map((i) => i.name);
    lines.push(`Bridge ${bridge.bridge.name} has ${ports.length} port${ports.length === 1 ? '' : 's'}${ports.length ? `: ${ports.join(', ')}` : ''}.`);
  }
  if (topology.publishedPorts.length === 0) lines.push('No ports are published.');
  for (const port of topology.publishedPorts) {
    lines.push(`Published port: ${port.hostIp || '0.0.0.0'}:${port.hostPort}/${port.protocol} on the Docker host forwards to ${port.container} port ${port.containerPort}.`);
  }
  return lines;
}
