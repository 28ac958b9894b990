// Practice mode as the renderer sees it: the scenarios it offers, the
// learner's own lab file, and snapshots of a simulated lab.
import type { LabProgress } from './lab.js';

/** The largest snapshot file the app loads, in characters (hours of typing). */
export const SNAPSHOT_MAX_CHARS = 8_000_000;

export interface PracticeScenario {
  /** The scenario name `lab.start` takes. */
  id: string;
  title: string;
  description: string;
}

/** The learner's lab file: as saved (or the starter when none is), and what is wrong with it. */
export interface LabFileView {
  text: string;
  saved: boolean;
  /** `file:line:col: what is wrong`, empty when the file is good. */
  errors: string[];
}

/** A backend whose whole lab can be saved to a file and loaded back (the simulator). */
export interface LabSnapshots {
  saveSnapshot(): string;
  /** What is wrong with a snapshot file, or undefined when it can be loaded. */
  checkSnapshot(text: string): string | undefined;
  loadSnapshot(text: string, onProgress?: (p: LabProgress) => void): Promise<void>;
}

export function isLabSnapshots(value: unknown): value is LabSnapshots {
  const v = value as Partial<LabSnapshots> | null;
  return !!v && typeof v.saveSnapshot === 'function' && typeof v.checkSnapshot === 'function' && typeof v.loadSnapshot === 'function';
}
