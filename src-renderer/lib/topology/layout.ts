// Runs ELK on the topology. In the browser it runs in a Web Worker (elkjs's own
// worker script), so parsing ELK and laying out never hold up the terminals or
// a key's echo; where there is no Worker (unit tests under Node) the bundled
// build runs in-thread. Either loads on first use, after the lesson is up.
/// <reference types="vite/client" />
import type { ELK, ELKConstructorArguments } from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { Topology } from '../../../src-main/core/api/topology.js';
import { toDrawing, toElkGraph, type TopologyDrawing } from './graph.js';

let elk: Promise<ELK> | undefined;

/** The elkjs modules are CommonJS and also set `.default` on themselves: bundlers hand over the constructor, Node's loader the exports object. */
function constructorOf(module: { default: unknown }): new (args?: ELKConstructorArguments) => ELK {
  const exported = module.default as { default?: unknown };
  return (exported.default ?? exported) as new (args?: ELKConstructorArguments) => ELK;
}

function loadElk(): Promise<ELK> {
  elk ??=
    typeof Worker === 'function'
      ? import('elkjs/lib/elk-api.js').then((module) => new (constructorOf(module))({ workerFactory: () => new Worker(elkWorkerUrl) }))
      : import('elkjs/lib/elk.bundled.js').then((module) => new (constructorOf(module))());
  return elk;
}

export async function layoutTopology(topology: Topology): Promise<TopologyDrawing> {
  const laidOut = await (await loadElk()).layout(toElkGraph(topology));
  return toDrawing(topology, laidOut);
}
