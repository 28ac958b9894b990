// What part of the lab a step is about: the machines its commands run on,
// and on those the interfaces the step names (docker0, eth0, a veth...).
import type { StepView } from '../../../src-main/core/api/contract.js';
import { interfaceId, namespaceId, type TopologyDrawing } from './graph.js';

export interface StepFocus {
  /** Shape ids of the namespaces and interfaces to highlight. */
  shapes: Set<string>;
}

/** The step's text where interface names appear: goal, narrative and commands. */
function stepText(step: Pick<StepView, 'goal' | 'narrative' | 'commands'>): string {
  return [step.goal, step.narrative, ...step.commands.map((c) => c.command)].join('\n');
}

export function stepFocus(step: Pick<StepView, 'goal' | 'narrative' | 'commands'> | undefined, drawing: TopologyDrawing): StepFocus {
  const shapes = new Set<string>();
  if (!step) return { shapes };
  const hosts = new Set(step.commands.map((c) => c.terminal));
  const text = stepText(step);
  for (const ns of drawing.namespaces) {
    if (!hosts.has(ns.node.id)) continue;
    shapes.add(namespaceId(ns.node.id));
    for (const iface of ns.node.interfaces) {
      // A whole word: `eth0` must not light up for `veth0a1b`.
      if (new RegExp(`(^|[^\\w-])${iface.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`).test(text)) shapes.add(interfaceId(ns.node.id, iface.name));
    }
  }
  return { shapes };
}
