import { describe, expect, it } from 'vitest';
import { interfaceId, topologyEdges } from '../../../src-renderer/lib/topology/graph.js';
import { layoutTopology } from '../../../src-renderer/lib/topology/layout.js';
import { articleTopology } from './fixtures/article-topology.js';

const inside = (inner: { x: number; y: number; width: number; height: number }, outer: typeof inner) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe('topologyEdges', () => {
  it('links each veth pair once, each bridge port to docker0, and each NIC to its segment', () => {
    const edges = topologyEdges(articleTopology());
    const veths = edges.filter((e) => e.kind === 'veth');
    expect(veths).toHaveLength(4);
    expect(veths.find((e) => e.target === interfaceId('c1', 'eth0'))?.source).toBe(interfaceId('host', 'veth3fe1e90'));
    const ports = edges.filter((e) => e.kind === 'bridge-port');
    expect(ports.map((e) => e.source)).toEqual(Array(4).fill(interfaceId('host', 'docker0')));
    const segments = edges.filter((e) => e.kind === 'segment');
    expect(segments.map((e) => [e.source, e.target])).toEqual([
      ['net:lab', interfaceId('host', 'ens160')],
      [interfaceId('host01', 'eth0'), 'net:lab'],
      [interfaceId('host02', 'eth0'), 'net:lab'],
    ]);
  });

  it('leaves out links to interfaces the topology does not list', () => {
    const topology = articleTopology();
    topology.nodes = topology.nodes.filter((node) => node.id !== 'c3');
    expect(topologyEdges(topology).filter((e) => e.kind === 'veth')).toHaveLength(3);
  });
});

describe('layoutTopology', () => {
  it('places every interface inside its namespace box without overlaps, containers below the host', async () => {
    const drawing = await layoutTopology(articleTopology());
    expect(drawing.width).toBeGreaterThan(0);
    const box = (id: string) => drawing.namespaces.find((ns) => ns.node.id === id)!;
    for (const iface of drawing.interfaces) {
      expect(inside(iface, box(iface.node)), `${iface.id} inside ${iface.node}`).toBe(true);
    }
    const boxes = drawing.namespaces;
    for (const a of boxes) for (const b of boxes) {
      if (a === b) continue;
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
    }
    expect(box('c1').y).toBeGreaterThan(box('host').y);
    expect(box('host01').y).toBeLessThan(box('host').y);
    expect(drawing.interfaces.some((i) => i.iface.kind === 'loopback')).toBe(false);
  });

  it("writes the published port beside the host interface that owns its address", async () => {
    const drawing = await layoutTopology(articleTopology());
    const ens160 = drawing.interfaces.find((i) => i.id === 'if:host/ens160')!;
    expect(drawing.portTags).toHaveLength(1);
    expect(drawing.portTags[0].text).toBe(':81/tcp → web:80');
    expect(drawing.portTags[0].x).toBeGreaterThan(ens160.x + ens160.width);
    expect(Math.abs(drawing.portTags[0].y - ens160.y)).toBeLessThan(ens160.height);
  });

  it('routes every link between its two interfaces', async () => {
    const drawing = await layoutTopology(articleTopology());
    expect(drawing.links).toHaveLength(4 + 4 + 3);
    const shape = (id: string) => [...drawing.interfaces, ...drawing.networks].find((s) => s.id === id)!;
    const near = (p: { x: number; y: number }, s: { x: number; y: number; width: number; height: number }) =>
      p.x >= s.x - 1 && p.x <= s.x + s.width + 1 && p.y >= s.y - 1 && p.y <= s.y + s.height + 1;
    for (const link of drawing.links) {
      expect(near(link.points[0], shape(link.source)), `${link.id} starts at ${link.source}`).toBe(true);
      expect(near(link.points[link.points.length - 1], shape(link.target)), `${link.id} ends at ${link.target}`).toBe(true);
    }
  });
});
