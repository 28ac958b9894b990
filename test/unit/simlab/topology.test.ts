// The topology view over what the simulator really reports for the article's
// lab: every veth pair, bridge port and segment resolves to drawn interfaces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Topology } from '../../../src-main/core/api/topology.js';
import { SimBackend } from '../../../src-main/core/simlab/backend.js';
import { describeTopology } from '../../../src-renderer/lib/topology/describe.js';
import { interfaceId, topologyEdges } from '../../../src-renderer/lib/topology/graph.js';
import { layoutTopology } from '../../../src-renderer/lib/topology/layout.js';

describe("the simulator's article lab, drawn", () => {
  const backend = new SimBackend();
  let topology: Topology;

  beforeAll(async () => {
    await backend.start('article');
    topology = await backend.topology();
  }, 60_000);
  afterAll(() => backend.dispose());

  it('links each container to a docker0 port and the host to the lab segment', () => {
    const edges = topologyEdges(topology);
    for (const container of ['c1', 'c2', 'c3', 'web']) {
      const veth = edges.find((e) => e.kind === 'veth' && e.target === interfaceId(container, 'eth0'));
      expect(veth, `veth pair of ${container}`).toBeDefined();
      expect(edges.some((e) => e.kind === 'bridge-port' && e.source === interfaceId('host', 'docker0') && e.target === veth!.source)).toBe(true);
    }
    expect(edges.some((e) => e.kind === 'segment' && e.target === interfaceId('host', 'ens160'))).toBe(true);
    expect(edges.some((e) => e.kind === 'segment' && e.source === interfaceId('host01', 'eth0'))).toBe(true);
  });

  it('lays every link out between its two interfaces', async () => {
    const drawing = await layoutTopology(topology);
    expect(drawing.links).toHaveLength(topologyEdges(topology).length);
    const ids = new Set([...drawing.interfaces, ...drawing.networks].map((s) => s.id));
    for (const link of drawing.links) {
      expect(ids.has(link.source) && ids.has(link.target), link.id).toBe(true);
      expect(link.points.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('describes the published port and the containers in words', () => {
    const lines = describeTopology(topology);
    expect(lines).toContain('Published port: 172.16.211.128:81/tcp on the Docker host forwards to web port 80.');
    expect(lines.find((l) => l.startsWith('Container web'))).toMatch(/eth0, address 172\.17\.0\.5\/16, MAC 02:42:ac:11:00:05, veth pair with veth\w+ in host/);
  });
});
