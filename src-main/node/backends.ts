// Creates a lab backend by kind. 'sim' is the simulated host; 'docker' (the
// real engine) runs the lab in a labelled container (see docker/backend.ts).
import type { LabBackend } from '../core/lab/backend.js';
import { SimBackend, type SimBackendOptions } from '../core/simlab/backend.js';
import { DockerBackend, type DockerBackendOptions } from './docker/backend.js';
import type { BackendKind } from '../core/api/lab.js';

export interface BackendOptions {
  sim?: SimBackendOptions;
  docker?: DockerBackendOptions;
}

export function createBackend(kind: BackendKind, options: BackendOptions = {}): LabBackend {
  switch (kind) {
    case 'sim':
      return new SimBackend(options.sim);
    case 'docker':
      return new DockerBackend(options.docker);
  }
}

/** Real-time pacing for interactive sim use: moves lab time with the wall clock. */
export function realTimePacer(intervalMs = 10): NonNullable<SimBackendOptions['pace']> {
  return (tick) => {
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      tick(now - last);
      last = now;
    }, intervalMs);
    return { dispose: () => clearInterval(timer) };
  };
}
