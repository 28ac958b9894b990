// Shared by the real-Docker tests: typing into a terminal and waiting for the
// command record the backend reports for it.
import Docker from 'dockerode';
import type { LabBackend, TerminalSession } from '../../src-main/core/lab/backend.js';
import { findEngine } from '../../src-main/node/docker/engine.js';
import { LAB_LABEL } from '../../src-main/node/docker/lab-host.js';
import type { CommandRecord } from '../../src-main/core/api/lab.js';

export const docker = new Docker(findEngine().options);

export async function labHostIds(): Promise<string[]> {
  const containers = await docker.listContainers({ all: true, filters: { label: [LAB_LABEL] } });
  return containers.map((c) => c.Id);
}

export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Collects every command record of a backend, to wait on. */
export class Recorder {
  readonly records: CommandRecord[] = [];
  constructor(backend: LabBackend) {
    backend.onCommand((record) => this.records.push(record));
  }

  /** Types a command line and resolves with its record once the command ended. */
  async run(terminal: TerminalSession, command: string, timeoutMs = 30_000): Promise<CommandRecord> {
    await until(() => !terminal.busy && (terminal as { idle?: boolean }).idle !== false, timeoutMs, `${terminal.name}'s prompt`);
    const before = this.records.length;
    terminal.write(`${command}\r`);
    let found: CommandRecord | undefined;
    await until(
      () => (found = this.records.slice(before).find((r) => r.terminal === terminal.name && r.command === command)) !== undefined,
      timeoutMs,
      `\`${command}\` to end in ${terminal.name}`,
    );
    return found!;
  }
}
