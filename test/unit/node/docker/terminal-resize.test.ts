import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { DockerTerminal } from '../../../../src-main/node/docker/terminal.js';

/** An exec whose TTY is not there for the first `refusals` resize calls, as the engine answers right after start. */
function fakeContainer(refusals: number) {
  const sizes: { h: number; w: number }[] = [];
  const state = { refusals };
  let refused = 0;
  const exec = {
    start: async () => new PassThrough(),
    inspect: async () => ({ ExitCode: 0 }),
    resize: async (size: { h: number; w: number }) => {
      if (refused < state.refusals) {
        refused++;
        throw new Error('(HTTP code 500) server error - cannot resize a stopped container');
      }
      sizes.push(size);
    },
  };
  const container = { exec: async () => exec } as unknown as Dockerode.Container;
  return { container, sizes, state };
}

const hooks = { now: () => 0, onCommand: () => {} };

describe('DockerTerminal resize', () => {
  it('hands out the terminal only once the exec has its TTY at the wanted size', async () => {
    const { container, sizes } = fakeContainer(5);
    await DockerTerminal.open(container, 'host', ['bash'], { cols: 120, rows: 30 }, hooks);
    expect(sizes).toEqual([{ h: 30, w: 120 }]);
  });

  it('does not retry a size the screen no longer wants', async () => {
    const { container, sizes, state } = fakeContainer(0);
    const terminal = await DockerTerminal.open(container, 'host', ['bash'], { cols: 120, rows: 30 }, hooks);
    state.refusals = 2;
    terminal.resize({ cols: 90, rows: 25 });
    terminal.resize({ cols: 100, rows: 20 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sizes).toEqual([{ h: 30, w: 120 }, { h: 20, w: 100 }]);
  });
});
