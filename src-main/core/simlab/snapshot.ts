// A snapshot of a simulated lab, as a file. The simulator is deterministic:
// the same scenario, seed and input at the same lab times give the same
// kernel state. So a snapshot keeps the scenario (steps included, so a
// learner's own lab loads on a machine that never saw its file), the seed,
// every terminal's input with its lab time, and the lab clock; loading
// replays them into a fresh lab, which then holds the same addresses, routes,
// rules and counters, conntrack and neighbour entries, containers and time.
// The journal is bounded so that a long session never grows without end nor
// saves a file the app would refuse to load: past its bound it is dropped and
// saving says why, until the lab restarts.
import { Ajv, type ValidateFunction } from 'ajv';
import { SNAPSHOT_MAX_CHARS } from '../api/practice.js';
import type { Scenario } from './scenarios.js';

export const SNAPSHOT_FORMAT = 'docker-networking-explorer/lab-snapshot';
/** Raised when the file's meaning changes; older versions stay readable, newer ones are refused. */
export const SNAPSHOT_VERSION = 1;

/** What happened to the lab after its scenario was built, at which lab time (ms). */
export type JournalEntry =
  | { at: number; open: number; name: string; cols: number; rows: number }
  | { at: number; input: number; data: string }
  | { at: number; resize: number; cols: number; rows: number }
  | { at: number; close: number }
  | { at: number; probe: string; command: string; timeoutMs: number };

export interface LabSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  scenario: Scenario;
  /** The world's random seed (MACs, ids); null for the simulator's default. */
  seed: number | null;
  /** Lab time when saved (ms). */
  clock: number;
  journal: JournalEntry[];
}

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

const time = { type: 'number', minimum: 0 };
const index = { type: 'integer', minimum: 0 };
const size = { type: 'integer', minimum: 1, maximum: 1000 };
const text = { type: 'string', maxLength: 1_000_000 };
const entry = (properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required: ['at', ...Object.keys(properties)],
  properties: { at: time, ...properties },
});

const snapshotSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['format', 'version', 'scenario', 'seed', 'clock', 'journal'],
  properties: {
    format: { const: SNAPSHOT_FORMAT },
    version: { const: SNAPSHOT_VERSION },
    scenario: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'description', 'steps'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        description: { type: 'string', maxLength: 2000 },
        steps: {
          type: 'array',
          items: {
            oneOf: [
              { type: 'object', additionalProperties: false, required: ['on', 'run'], properties: { on: { type: 'string' }, run: text } },
              { type: 'object', additionalProperties: false, required: ['console', 'type'], properties: { console: { type: 'string' }, type: text } },
            ],
          },
        },
      },
    },
    seed: { type: ['integer', 'null'] },
    clock: time,
    journal: {
      type: 'array',
      items: {
        oneOf: [
          entry({ open: index, name: { type: 'string', minLength: 1, maxLength: 64 }, cols: size, rows: size }),
          entry({ input: index, data: text }),
          entry({ resize: index, cols: size, rows: size }),
          entry({ close: index }),
          entry({ probe: { type: 'string', minLength: 1, maxLength: 64 }, command: text, timeoutMs: time }),
        ],
      },
    },
  },
} as const;

/** The journal's share of a snapshot file; the rest (header, scenario) is far smaller. */
export const JOURNAL_MAX_CHARS = SNAPSHOT_MAX_CHARS - 500_000;

/** What happened to a lab since its scenario was built, up to a size a snapshot file can hold. */
export class Journal {
  private entries: JournalEntry[] = [];
  /** Characters the entries take in a snapshot file. */
  private chars = 0;
  /** Lab time of the entry that did not fit; from then on nothing is kept. */
  private overflowedAt: number | undefined;

  constructor(private readonly maxChars = JOURNAL_MAX_CHARS) {}

  get size(): number {
    return this.chars;
  }

  add(entry: JournalEntry): void {
    if (this.overflowedAt !== undefined) return;
    const chars = JSON.stringify(entry).length + 1;
    if (this.chars + chars > this.maxChars) {
      // A replay needs every entry: without one the rest is useless, so it is all let go.
      this.overflowedAt = entry.at;
      this.entries = [];
      this.chars = 0;
      return;
    }
    this.entries.push(entry);
    this.chars += chars;
  }

  /** The entries for a snapshot file; throws SnapshotError once the journal overflowed. */
  forSnapshot(): JournalEntry[] {
    if (this.overflowedAt !== undefined) {
      throw new SnapshotError(
        `This lab ran too long to be saved as a snapshot: a snapshot replays everything typed into the lab since it started, and at lab time ${formatLabTime(this.overflowedAt)} that passed ${this.maxChars.toLocaleString('en')} characters. Reset the lab or start a scenario to save snapshots again.`,
      );
    }
    return [...this.entries];
  }
}

function formatLabTime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

let validator: ValidateFunction | undefined;

export function serializeSnapshot(snapshot: LabSnapshot): string {
  return JSON.stringify(snapshot) + '\n';
}

/** Reads a snapshot file; throws SnapshotError saying what is wrong with it. */
export function parseSnapshot(fileText: string): LabSnapshot {
  let data: unknown;
  try {
    data = JSON.parse(fileText);
  } catch (error) {
    throw new SnapshotError(`This is not a lab snapshot: it is not valid JSON (${(error as Error).message}).`);
  }
  const head = (data ?? {}) as { format?: unknown; version?: unknown };
  if (typeof data !== 'object' || data === null || head.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError(`This is not a lab snapshot: its "format" is not "${SNAPSHOT_FORMAT}".`);
  }
  if (typeof head.version === 'number' && head.version > SNAPSHOT_VERSION) {
    throw new SnapshotError(
      `This snapshot was saved by a newer version of the app (snapshot format ${head.version}); this version reads format ${SNAPSHOT_VERSION} and older. Update the app to load it.`,
    );
  }
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(snapshotSchema);
  if (!validator(data)) {
    const first = validator.errors?.[0];
    throw new SnapshotError(`This lab snapshot is damaged: ${first?.instancePath || '(top level)'} ${first?.message ?? 'is invalid'}.`);
  }
  const snapshot = data as LabSnapshot;
  if (snapshot.journal.some((e, i) => i > 0 && e.at < snapshot.journal[i - 1].at) || snapshot.journal.some((e) => e.at > snapshot.clock)) {
    throw new SnapshotError('This lab snapshot is damaged: its events are not in lab-time order.');
  }
  return snapshot;
}
