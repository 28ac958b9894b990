// Tests against a real Docker Engine (run by `node test/docker/run.mjs`).
// One file at a time: each starts real lab hosts, and the machines have 2 cores.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/docker/**/*.docker.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
