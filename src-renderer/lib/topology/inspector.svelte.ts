// What the inspector under the terminals shows, and what the packet trace
// lights up on the topology.

export type InspectorTab = 'topology' | 'trace';

class InspectorState {
  tab = $state<InspectorTab>('topology');
  /** Topology shape ids on the selected packet's path, in order. */
  highlight = $state<string[]>([]);
  /** Taller inspector, for reading the drawing or a long path. */
  expanded = $state(false);
}

export const inspector = new InspectorState();
