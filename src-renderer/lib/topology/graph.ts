// Turns the backend's Topology into an ELK graph (namespaces as boxes holding
// their interfaces, lab segments as bars) and ELK's answer into shapes to draw.
import ipaddr from 'ipaddr.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Topology, TopologyInterface, TopologyNetwork, TopologyNode } from '../../../src-main/core/api/topology.js';

export type LinkKind = 'veth' | 'bridge-port' | 'segment';

const CHAR_WIDTH = 7.2;
const LINE_HEIGHT = 15;
const NAMESPACE_TITLE_HEIGHT = 38;
const BOX_PADDING = 10;

export const interfaceId = (node: string, iface: string) => `if:${node}/${iface}`;
export const namespaceId = (node: string) => `ns:${node}`;
export const networkId = (network: string) => `net:${network}`;

/** Text lines drawn inside an interface box: name, then addresses, then MAC. */
export function interfaceLines(iface: TopologyInterface): string[] {
  const state = iface.up ? '' : ' (down)';
  const name = iface.kind === 'bridge' ? `${iface.name} bridge${state}` : `${iface.name}${state}`;
  return [name, ...iface.addresses, iface.mac].filter((line) => line.length > 0);
}

export function containsAddress(subnet: string, cidr: string): boolean {
  try {
    const address = ipaddr.parse(cidr.split('/')[0]);
    const range = ipaddr.parseCIDR(subnet);
    return address.kind() === range[0].kind() && address.match(range);
  } catch {
    return false;
  }
}

/** An interface sits directly on a lab segment when it is a plain NIC with an address in the segment's subnet. */
export function segmentOf(iface: TopologyInterface, networks: TopologyNetwork[]): TopologyNetwork | undefined {
  if (iface.kind !== 'ethernet' || iface.peer) return undefined;
  return networks.find((network) => iface.addresses.some((address) => containsAddress(network.subnet, address)));
}

/** Interfaces worth drawing: loopbacks are left to the text description. */
export function drawnInterfaces(node: TopologyNode): TopologyInterface[] {
  return node.interfaces.filter((iface) => iface.kind !== 'loopback');
}

export interface GraphEdge {
  id: string;
  kind: LinkKind;
  source: string;
  target: string;
}

/** Every link of the lab once: segment attachments, bridge ports, veth pairs. */
export function topologyEdges(topology: Topology): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const kindOf = new Map(topology.nodes.map((node) => [node.id, node.kind]));
  const seenPairs = new Set<string>();
  for (const node of topology.nodes) {
    for (const iface of drawnInterfaces(node)) {
      const me = interfaceId(node.id, iface.name);
      const segment = segmentOf(iface, topology.networks);
      if (segment) {
        // Outside machines hang above the segment, the Docker host below it.
        const above = node.kind === 'external-host' || node.kind === 'router';
        const net = networkId(segment.id);
        edges.push({ id: `seg:${me}`, kind: 'segment', source: above ? me : net, target: above ? net : me });
      }
      if (iface.master) {
        edges.push({ id: `port:${me}`, kind: 'bridge-port', source: interfaceId(node.id, iface.master), target: me });
      }
      if (iface.peer) {
        const other = interfaceId(iface.peer.node, iface.peer.iface);
        const key = [me, other].sort().join('|');
        if (seenPairs.has(key)) continue;
        seenPairs.add(key);
        // Draw from the host's end down to the container's end.
        const hostSide = kindOf.get(node.id) === 'docker-host' || kindOf.get(iface.peer.node) !== 'docker-host';
        edges.push({ id: `veth:${key}`, kind: 'veth', source: hostSide ? me : other, target: hostSide ? other : me });
      }
    }
  }
  const known = new Set(allShapeIds(topology));
  return edges.filter((edge) => known.has(edge.source) && known.has(edge.target));
}

function allShapeIds(topology: Topology): string[] {
  return [
    ...topology.networks.map((network) => networkId(network.id)),
    ...topology.nodes.flatMap((node) => drawnInterfaces(node).map((iface) => interfaceId(node.id, iface.name))),
  ];
}

function textBox(lines: string[], padding = 8) {
  const width = Math.max(...lines.map((line) => line.length)) * CHAR_WIDTH + 2 * padding;
  return { width: Math.ceil(width), height: lines.length * LINE_HEIGHT + 2 * padding };
}

/** Networks that some interface attaches to directly (the docker0 bridge draws its own network). */
function attachedNetworks(topology: Topology): TopologyNetwork[] {
  const used = new Set<string>();
  for (const node of topology.nodes) {
    for (const iface of node.interfaces) {
      const segment = segmentOf(iface, topology.networks);
      if (segment) used.add(segment.id);
    }
  }
  return topology.networks.filter((network) => used.has(network.id));
}

export function networkLabel(network: TopologyNetwork): string {
  return `${network.label} ${network.subnet}`;
}

export function namespaceTitle(node: TopologyNode): string {
  return node.netns ? `${node.label}  netns ${node.netns}` : node.label;
}

// Tight spacing inside and between boxes: the drawing shares the screen with terminals.
const SPACING = {
  'elk.spacing.nodeNode': '16',
  'elk.spacing.edgeNode': '8',
  'elk.spacing.edgeEdge': '6',
  'elk.layered.spacing.nodeNodeBetweenLayers': '20',
  'elk.layered.spacing.edgeNodeBetweenLayers': '8',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '6',
};

export function toElkGraph(topology: Topology): ElkNode {
  const children: ElkNode[] = [
    ...attachedNetworks(topology).map((network) => ({
      id: networkId(network.id),
      width: Math.max(360, networkLabel(network).length * CHAR_WIDTH + 24),
      height: 28,
    })),
    ...topology.nodes.map((node) => ({
      id: namespaceId(node.id),
      layoutOptions: {
        ...SPACING,
        'elk.padding': `[top=${NAMESPACE_TITLE_HEIGHT},left=${BOX_PADDING},bottom=${BOX_PADDING},right=${BOX_PADDING}]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${Math.ceil(namespaceTitle(node).length * CHAR_WIDTH + 24)}, 60)`,
      },
      children: drawnInterfaces(node).map((iface) => ({ id: interfaceId(node.id, iface.name), ...textBox(interfaceLines(iface)) })),
    })),
  ];
  const edges: ElkExtendedEdge[] = topologyEdges(topology).map((edge) => ({
    id: edge.id,
    sources: [edge.source],
    targets: [edge.target],
  }));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      // Keep the backend's order (c1, c2, c3, web) where crossings allow.
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      ...SPACING,
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
    },
    children,
    edges,
  };
}

export interface Point {
  x: number;
  y: number;
}

export interface DrawnShape {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DrawnNamespace extends DrawnShape {
  node: TopologyNode;
}

export interface DrawnInterface extends DrawnShape {
  node: string;
  iface: TopologyInterface;
  lines: string[];
}

export interface DrawnNetwork extends DrawnShape {
  network: TopologyNetwork;
}

export interface DrawnLink {
  id: string;
  kind: LinkKind;
  source: string;
  target: string;
  points: Point[];
}

/** A published port, written beside the host interface that receives it. */
export interface PortTag {
  x: number;
  y: number;
  text: string;
}

export interface TopologyDrawing {
  width: number;
  height: number;
  portTags: PortTag[];
  namespaces: DrawnNamespace[];
  interfaces: DrawnInterface[];
  networks: DrawnNetwork[];
  links: DrawnLink[];
}

/** Converts ELK's laid-out graph (positions relative to parents) into absolute shapes. */
export function toDrawing(topology: Topology, laidOut: ElkNode): TopologyDrawing {
  const absolute = new Map<string, Point>();
  const shapes = new Map<string, DrawnShape>();
  const visit = (elk: ElkNode, origin: Point) => {
    const x = origin.x + (elk.x ?? 0);
    const y = origin.y + (elk.y ?? 0);
    absolute.set(elk.id, { x, y });
    shapes.set(elk.id, { id: elk.id, x, y, width: elk.width ?? 0, height: elk.height ?? 0 });
    for (const child of elk.children ?? []) visit(child, { x, y });
  };
  visit(laidOut, { x: -(laidOut.x ?? 0), y: -(laidOut.y ?? 0) });

  const graphEdges = new Map(topologyEdges(topology).map((edge) => [edge.id, edge]));
  const links: DrawnLink[] = [];
  const collectEdges = (elk: ElkNode) => {
    for (const edge of elk.edges ?? []) {
      const meta = graphEdges.get(edge.id);
      const section = edge.sections?.[0];
      if (!meta || !section) continue;
      // ELK gives edge coordinates relative to the edge's container.
      const origin = absolute.get(edge.container ?? elk.id) ?? { x: 0, y: 0 };
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({
        x: p.x + origin.x,
        y: p.y + origin.y,
      }));
      links.push({ ...meta, points });
    }
    for (const child of elk.children ?? []) collectEdges(child);
  };
  collectEdges(laidOut);

  const shape = (id: string) => shapes.get(id) ?? { id, x: 0, y: 0, width: 0, height: 0 };
  const interfaces = topology.nodes.flatMap((node) =>
    drawnInterfaces(node).map((iface) => ({
      ...shape(interfaceId(node.id, iface.name)),
      node: node.id,
      iface,
      lines: interfaceLines(iface),
    })),
  );
  // ELK leaves room under a box's interfaces for routing through the box;
  // the links start at the interfaces, so the room can go.
  const namespaces = topology.nodes.map((node) => {
    const box = shape(namespaceId(node.id));
    const inside = interfaces.filter((i) => i.node === node.id);
    const bottom = Math.max(...inside.map((i) => i.y + i.height));
    return { ...box, height: inside.length ? bottom + BOX_PADDING - box.y : box.height, node };
  });
  const networks = attachedNetworks(topology).map((network) => ({ ...shape(networkId(network.id)), network }));
  const lowest = Math.max(0, ...[...namespaces, ...networks].map((s) => s.y + s.height), ...links.flatMap((l) => l.points.map((p) => p.y)));
  return {
    width: laidOut.width ?? 0,
    height: Math.min(laidOut.height ?? 0, lowest + BOX_PADDING),
    portTags: portTags(topology, interfaces, namespaces),
    networks,
    namespaces,
    interfaces,
    links,
  };
}

/**
 * Tags for published ports, right of the interface that owns the host address
 * (every interface of the Docker host for 0.0.0.0), where they fit inside its box.
 */
export function portTags(
  topology: Topology,
  interfaces: { node: string; iface: TopologyInterface; x: number; y: number; width: number }[],
  namespaces: { node: TopologyNode; x: number; width: number }[],
): PortTag[] {
  const hostNode = topology.nodes.find((node) => node.kind === 'docker-host');
  const box = namespaces.find((ns) => ns.node.id === hostNode?.id);
  if (!hostNode || !box) return [];
  const tags: PortTag[] = [];
  for (const shape of interfaces.filter((i) => i.node === hostNode.id && i.iface.kind === 'ethernet')) {
    const ports = topology.publishedPorts.filter(
      (p) => !p.hostIp || p.hostIp === '0.0.0.0' || shape.iface.addresses.some((a) => a.split('/')[0] === p.hostIp),
    );
    ports.forEach((port, index) => {
      const text = `:${port.hostPort}/${port.protocol} → ${port.container}:${port.containerPort}`;
      const x = shape.x + shape.width + 6;
      if (x + text.length * CHAR_WIDTH <= box.x + box.width) tags.push({ x, y: shape.y + 12 + index * LINE_HEIGHT, text });
    });
  }
  return tags;
}
