import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectContainer, inspectNetwork, toDockerJson } from '../../../../src-main/core/userspace/dockerd/inspect.js';
import { articleLab } from './article-lab.js';
import { REFERENCE_DIR } from '../../../reference-dir.js';

// Volatile values (ids, times, PIDs, overlay layer ids) as the golden tests normalise them.
function normalise(text: string): string {
  return text
    .replace(/[0-9a-f]{64}/g, '<id>')
    .replace(/[0-9a-f]{12}(?=")/g, '<id12>')
    .replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, (m) => (m.startsWith('"0001') ? m : '"<time>"'))
    .replace(/"Pid": \d+/, '"Pid": <pid>');
}

describe('docker inspect', () => {
  it('prints c1 exactly as the reference host does, up to volatile values', () => {
    const lab = articleLab();
    const ours = toDockerJson([inspectContainer(lab.docker.container('c1')!)]);
    const reference = readFileSync(`${REFERENCE_DIR}/c1-inspect.txt`, 'utf8').split('\n').slice(1).join('\n').trimEnd();
    expect(normalise(ours)).toBe(normalise(reference));
  });

  it('describes a stopped container and the bridge network as dockerd does', async () => {
    const lab = articleLab();
    const web = lab.docker.container('web')!;
    const running = inspectContainer(web) as { NetworkSettings: { Ports: unknown } };
    expect(running.NetworkSettings.Ports).toEqual({ '80/tcp': [{ HostIp: '172.16.211.128', HostPort: '81' }] });
    const bridge = inspectNetwork(lab.docker, lab.docker.network('bridge')!) as { Containers: Record<string, { Name: string; IPv4Address: string }>; Options: Record<string, string> };
    // Keyed by container id, in Go's sorted map order.
    expect(Object.keys(bridge.Containers)).toEqual(Object.keys(bridge.Containers).sort());
    expect(Object.values(bridge.Containers).map((c) => `${c.Name} ${c.IPv4Address}`).sort()).toEqual(['c1 172.17.0.2/16', 'c2 172.17.0.3/16', 'c3 172.17.0.4/16', 'web 172.17.0.5/16']);
    expect(bridge.Options['com.docker.network.bridge.name']).toBe('docker0');
    const stopping = lab.docker.stop(web);
    await lab.world.clock.advance(10_000);
    await stopping;
    const stopped = inspectContainer(web) as { State: { Status: string; Pid: number; ExitCode: number }; NetworkSettings: { IPAddress: string; Ports: unknown } };
    expect(stopped.State).toMatchObject({ Status: 'exited', Pid: 0, ExitCode: 137 });
    expect(stopped.NetworkSettings.IPAddress).toBe('');
    expect(stopped.NetworkSettings.Ports).toEqual({ '80/tcp': null });
  });
});
