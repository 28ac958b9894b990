// A simulated lab for each test of a file: started from a scenario before the
// test, disposed after it, with a probe that runs one command line on a host.
import { afterEach, beforeEach } from 'vitest';
import { SimBackend } from '../../../src-main/core/simlab/backend.js';

export function labPerTest(scenario: string, probeTimeoutMs: number) {
  const lab = {
    backend: undefined as unknown as SimBackend,
    run: (host: string, line: string) => lab.backend.probe(host, line, probeTimeoutMs),
  };
  beforeEach(async () => {
    lab.backend = new SimBackend();
    await lab.backend.start(scenario);
  });
  afterEach(() => lab.backend.dispose());
  return lab;
}
