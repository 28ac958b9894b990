// Runs ELK on the topology. The bundled build runs in-thread; the lab is small
// (tens of shapes) so a worker would cost more than it saves. ELK is most of
// the renderer's weight, so it loads on first use, after the lesson is up.
import type { ELK } from 'elkjs/lib/elk-api.js';
import type { Topology } from '../../../src-main/core/api/topology.js';
import { toDrawing, toElkGraph, type TopologyDrawing } from './graph.js';

let elk: Promise<ELK> | undefined;

function loadElk(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => {
    // The bundle is CommonJS and also sets `.default` on itself: bundlers hand
    // over the constructor, Node's loader and NodeNext typings the exports object.
    const exported = module.default as unknown as { default?: unknown };
    const Constructor = (exported.default ?? exported) as new () => ELK;
    return new Constructor();
  });
  return elk;
}

export async function layoutTopology(topology: Topology): Promise<TopologyDrawing> {
  const laidOut = await (await loadElk()).layout(toElkGraph(topology));
  return toDrawing(topology, laidOut);
}
