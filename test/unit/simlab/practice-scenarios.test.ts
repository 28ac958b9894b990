// The practice scenarios build what they say on the simulator, and so does a
// learner's lab file handed to the backend through its scenario resolver.
import { describe, expect, it } from 'vitest';
import { STARTER_LAB_FILE } from '../../../src-main/core/labfile/model.js';
import { SimBackend } from '../../../src-main/core/simlab/backend.js';
import { findScenario, labFileScenario, MY_LAB } from '../../../src-main/core/simlab/scenarios.js';

describe('practice scenarios', () => {
  it('two-bridges: containers on the default bridge and on a user-defined bridge that resolves names', async () => {
    const backend = new SimBackend();
    await backend.start('two-bridges');
    const names = (await backend.probe('host', "docker ps --format '{{.Names}}'", 10_000)).output.trim().split('\n').sort();
    expect(names).toEqual(['a1', 'a2', 'c1', 'c2']);
    expect((await backend.probe('host', 'ip -br addr show type bridge', 10_000)).output).toMatch(/br-[0-9a-f]{12} +UP +10\.20\.0\.1\/24/);
    expect((await backend.probe('a1', 'ping -c 1 a2', 10_000)).output).toMatch(/64 bytes from a2\.apps \(10\.20\.0\.3\)/);
    expect((await backend.probe('a2', 'ip -br addr', 10_000)).output).toMatch(/172\.17\.0\.4\/16/);
    await backend.dispose();
  }, 30_000);

  it("my-lab: the learner's file, started and reset to its start", async () => {
    const found = labFileScenario(STARTER_LAB_FILE);
    if (!('scenario' in found)) throw new Error(found.errors.join('\n'));
    const backend = new SimBackend({ scenarios: (name) => (name === MY_LAB ? found.scenario : findScenario(name)) });
    await backend.start(MY_LAB);
    expect((await backend.probe('host01', 'curl -s -o /dev/null -w "%{http_code}" http://172.16.211.128:8080/', 10_000)).output).toBe('200');
    expect((await backend.probe('host01', 'ip route', 10_000)).output).toContain('10.10.0.0/24 via 172.16.211.128 dev eth0');
    // As on a real host: the route alone does not pass Docker's FORWARD rules (policy DROP, nothing published for pings).
    expect((await backend.probe('host01', 'ping -c 1 -W 1 10.10.0.2', 10_000)).exitCode).toBe(1);
    await backend.probe('host', 'docker rm -f probe', 10_000);
    await backend.reset();
    expect((await backend.probe('host', "docker ps --format '{{.Names}}'", 10_000)).output.trim().split('\n').sort()).toEqual(['app', 'probe']);
    await backend.dispose();
  }, 30_000);
});
