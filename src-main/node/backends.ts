// Creates a lab backend by kind. 'sim' is the simulated host; 'docker' (the
// real engine) is added by the Docker backend.
import type { BackendKind, LabBackend } from '../core/lab/backend.js';
import { SimBackend, type SimBackendOptions } from '../core/sim/backend.js';

export interface BackendOptions {
  sim?: SimBackendOptions;
}

export function createBackend(kind: BackendKind, options: BackendOptions = {}): LabBackend {
  switch (kind) {
    case 'sim':
      return new SimBackend(options.sim);
    case 'docker':
      throw new Error('the docker backend is not available in this build');
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
