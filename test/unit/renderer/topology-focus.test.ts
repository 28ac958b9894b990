import { describe, expect, it } from 'vitest';
import { stepFocus } from '../../../src-renderer/lib/topology/focus.js';
import { interfaceId, namespaceId } from '../../../src-renderer/lib/topology/graph.js';
import { layoutTopology } from '../../../src-renderer/lib/topology/layout.js';
import { articleTopology } from './fixtures/article-topology.js';

describe('stepFocus', () => {
  it('marks the machines the step runs commands on and the interfaces it names, whole words only', async () => {
    const drawing = await layoutTopology(articleTopology());
    const step = { goal: 'Find eth0 in c1 and docker0 on the host', narrative: '', commands: [{ terminal: 'c1' as const, command: 'ip addr show eth0' }] };
    const { shapes } = stepFocus(step as Parameters<typeof stepFocus>[0], drawing);
    expect(shapes.has(namespaceId('c1'))).toBe(true);
    expect(shapes.has(interfaceId('c1', 'eth0'))).toBe(true);
    // docker0 is named, but no command runs on the host: the host is not this step's place.
    expect(shapes.has(namespaceId('host'))).toBe(false);
    expect([...shapes].some((id) => id.startsWith('if:host/veth'))).toBe(false);
  });

  it('no step, no focus', async () => {
    expect(stepFocus(undefined, await layoutTopology(articleTopology())).shapes.size).toBe(0);
  });
});
