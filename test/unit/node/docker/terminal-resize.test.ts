import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { DockerTerminal } from '../../../../src-main/node/docker/terminal.js';

/** An exec whose TTY is not there for the first `refusals` resize calls, as the engine answers right after start. */
function fakeContainer(refusals: number) {
  const sizes: { h: number; w: number }[] = [];
  let refused = 0;
  const exec = {
    start: async () => new PassThrough(),
    inspect: async () => ({ ExitCode: 0 }),
    resize: async (size: { h: number; w: number }) => {
      if (refused < refusals) {
        refused++;
        throw new Error('(HTTP code 500) server error - cannot resize a stopped container');
      }
      sizes.push(size);
    },
  };
  const container = { exec: async () => exec } as unknown as Dockerode.Container;
  return { container, sizes };
}

const hooks = { now: () => 0, onCommand: () => {} };

describe('DockerTerminal resize', () => {
  it('retries the first resize until the exec has its TTY', async () => {
    const { container, sizes } = fakeContainer(2);
    await DockerTerminal.open(container, 'host', ['bash'], { cols: 120, rows: 30 }, hooks);
    await expect.poll(() => sizes, { timeout: 2000 }).toEqual([{ h: 30, w: 120 }]);
  });

  it('does not retry a size the screen no longer wants', async () => {
    const { container, sizes } = fakeContainer(1);
    const terminal = await DockerTerminal.open(container, 'host', ['bash'], { cols: 120, rows: 30 }, hooks);
    terminal.resize({ cols: 100, rows: 20 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sizes).toEqual([{ h: 20, w: 100 }]);
  });
});
