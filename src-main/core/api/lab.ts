// The lab as the renderer sees it: which backend, its phase, its terminals
// and the commands run in them. The lab contract (core/lab/backend.ts) uses
// the same types.

export type BackendKind = 'sim' | 'docker';

/** Names of the lab's terminals, as lessons and scripts refer to them. */
export type TerminalName = 'host' | 'c1' | 'c2' | 'c3' | 'web' | 'host01' | 'host02' | (string & {});

/** A command the learner (or a script) ran in a terminal, recorded once it ended. */
export interface CommandRecord {
  /** Increases by one for each command across all terminals of one lab. */
  seq: number;
  terminal: TerminalName;
  command: string;
  /** All the command printed, ANSI removed, `\n` line ends. */
  output: string;
  exitCode: number;
  /** Lab time in milliseconds (virtual in the simulator, wall clock in Docker). */
  startedAt: number;
  endedAt: number;
}

export type LabPhase = 'stopped' | 'starting' | 'ready' | 'failed';

export interface LabStatus {
  backend: BackendKind;
  phase: LabPhase;
  scenario?: string;
  /** What failed and how to fix it, when phase is 'failed'. */
  message?: string;
}

/** A lab host container an earlier run left on the Docker engine (a crash, a killed app, a stopped engine). */
export interface LeftoverLab {
  id: string;
  name: string;
  scenario: string;
  /** The engine's state: running, exited, created, ... */
  state: string;
  /** When it was made, ISO 8601. */
  created: string;
  /** Bytes it wrote to its own layer. */
  sizeBytes: number;
}

export interface LabProgress {
  step: string;
  /** 0..1 where known. */
  fraction?: number;
}
