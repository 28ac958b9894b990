// Runs ELK on the topology. The bundled build runs in-thread; the lab is small
// (tens of shapes) so a worker would cost more than it saves.
import ElkBundle from 'elkjs/lib/elk.bundled.js';
import type { ELK } from 'elkjs/lib/elk-api.js';
import type { Topology } from '../../../src-main/core/api/topology.js';
import { toDrawing, toElkGraph, type TopologyDrawing } from './graph.js';

// The bundle is CommonJS and also sets `.default` on itself: bundlers hand over
// the constructor, Node's loader and NodeNext typings the exports object.
const ElkConstructor = ((ElkBundle as unknown as { default?: unknown }).default ?? ElkBundle) as new () => ELK;
const elk = new ElkConstructor();

export async function layoutTopology(topology: Topology): Promise<TopologyDrawing> {
  const laidOut = await elk.layout(toElkGraph(topology));
  return toDrawing(topology, laidOut);
}
