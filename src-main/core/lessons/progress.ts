// A learner's progress: chapters and steps done and when, help used,
// predictions made, challenges solved, each terminal's recent history. Plain data with a schema
// version; older files are migrated on load, files from a newer app refused.
// Times are ISO strings the caller passes in (core never reads the clock).
import { Ajv, type ValidateFunction } from 'ajv';
import type { ProgressSnapshot, StepState } from '../api/contract.js';
import type { Course } from './model.js';
import type { TerminalName } from '../api/lab.js';

export const PROGRESS_VERSION = 2;
/** Commands kept per terminal. */
export const HISTORY_LIMIT = 200;

export interface PredictionRecord {
  choice: number;
  correct: boolean;
  at: string;
}

export interface StepProgress {
  doneAt?: string;
  hintsShown: number;
  solutionShown: boolean;
  prediction?: PredictionRecord;
}

export interface ChapterProgress {
  startedAt?: string;
  steps: Record<string, StepProgress>;
}

/** One challenge: when it was solved, and whether hints or the solution were shown first. */
export interface ChallengeProgress {
  solvedAt?: string;
  hintsShown: number;
  solutionShown: boolean;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  updatedAt?: string;
  /** Where the learner was, to resume there. */
  current?: { chapterId: string; stepId?: string };
  chapters: Record<string, ChapterProgress>;
  /** By challenge id (lessons/challenges/<id>/). */
  challenges: Record<string, ChallengeProgress>;
  /** Recent commands per terminal name, oldest first. */
  history: Record<string, string[]>;
  /** The learner's own order of prediction choices comes from this (set once, kept across resets). */
  seed?: string;
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, chapters: {}, challenges: {}, history: {} };
}

const idPattern = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';
/** A record of a step or challenge: when it was completed (under `doneField`) and the help given, counted alike. */
const completionRecord = <K extends string, P extends object>(doneField: K, extra: P) =>
  ({
    type: 'object',
    required: ['hintsShown', 'solutionShown'],
    additionalProperties: false,
    properties: { [doneField]: { type: 'string' }, hintsShown: { type: 'integer', minimum: 0 }, solutionShown: { type: 'boolean' }, ...extra },
  }) as const;

const progressSchema = {
  type: 'object',
  required: ['version', 'chapters', 'challenges', 'history'],
  additionalProperties: false,
  properties: {
    version: { const: PROGRESS_VERSION },
    updatedAt: { type: 'string' },
    seed: { type: 'string' },
    current: {
      type: 'object',
      required: ['chapterId'],
      additionalProperties: false,
      properties: { chapterId: { type: 'string' }, stepId: { type: 'string' } },
    },
    chapters: {
      type: 'object',
      propertyNames: { pattern: idPattern },
      additionalProperties: {
        type: 'object',
        required: ['steps'],
        additionalProperties: false,
        properties: {
          startedAt: { type: 'string' },
          steps: {
            type: 'object',
            propertyNames: { pattern: idPattern },
            additionalProperties: completionRecord('doneAt', {
              prediction: {
                type: 'object',
                required: ['choice', 'correct', 'at'],
                additionalProperties: false,
                properties: { choice: { type: 'integer', minimum: 0 }, correct: { type: 'boolean' }, at: { type: 'string' } },
              },
            }),
          },
        },
      },
    },
    challenges: {
      type: 'object',
      propertyNames: { pattern: idPattern },
      additionalProperties: completionRecord('solvedAt', {}),
    },
    history: {
      type: 'object',
      propertyNames: { pattern: idPattern },
      additionalProperties: { type: 'array', maxItems: HISTORY_LIMIT, items: { type: 'string' } },
    },
  },
} as const;

/** Checks data against the schema; passing it makes the data a Progress. */
let validator: ValidateFunction<Progress> | undefined;

/** Upgrades data of version n to n + 1, keyed by n. */
export type Migrations = Record<number, (data: Record<string, unknown>) => Record<string, unknown>>;

/** Upgrades of each version to the next. */
export const MIGRATIONS: Migrations = {
  // Version 2 adds challenges; a version 1 file has solved none.
  1: (data) => ({ ...data, version: 2, challenges: {} }),
};

export class ProgressFormatError extends Error {}

/** Brings stored data up to the current version. */
export function migrate(data: Record<string, unknown>, migrations: Migrations = MIGRATIONS, target = PROGRESS_VERSION): Record<string, unknown> {
  const stored = data.version;
  if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 1) {
    throw new ProgressFormatError('this is not a progress file: it has no valid "version"');
  }
  let version = stored;
  if (version > target) {
    throw new ProgressFormatError(`this progress file is version ${version}, written by a newer version of the app (this one reads up to ${target})`);
  }
  let current = data;
  while (version < target) {
    const step = migrations[version];
    if (!step) throw new ProgressFormatError(`no migration from progress version ${version}`);
    current = step(current);
    if (current.version !== version + 1) throw new ProgressFormatError(`the migration from progress version ${version} did not produce version ${version + 1}`);
    version += 1;
  }
  return current;
}

/** Parses, migrates and validates a progress file; throws ProgressFormatError saying what is wrong. */
export function parseProgress(text: string): Progress {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ProgressFormatError(`this is not a progress file: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ProgressFormatError('this is not a progress file: expected a JSON object');
  const migrated = migrate(data as Record<string, unknown>);
  validator ??= new Ajv({ allErrors: false }).compile<Progress>(progressSchema);
  if (!validator(migrated)) {
    const error = validator.errors![0];
    throw new ProgressFormatError(`the progress file is damaged: ${error.instancePath || '(top level)'} ${error.message}`);
  }
  return migrated;
}

export function serializeProgress(progress: Progress): string {
  return `${JSON.stringify(progress, null, 2)}\n`;
}

// ---- updates: each returns a new Progress and leaves its input unchanged ----

function withStep(progress: Progress, chapterId: string, stepId: string, at: string, change: (step: StepProgress) => StepProgress): Progress {
  const chapter = progress.chapters[chapterId] ?? { startedAt: at, steps: {} };
  const step = chapter.steps[stepId] ?? { hintsShown: 0, solutionShown: false };
  return {
    ...progress,
    updatedAt: at,
    chapters: { ...progress.chapters, [chapterId]: { ...chapter, steps: { ...chapter.steps, [stepId]: change(step) } } },
  };
}

export function recordStepDone(progress: Progress, chapterId: string, stepId: string, at: string): Progress {
  return withStep(progress, chapterId, stepId, at, (step) => ({ ...step, doneAt: step.doneAt ?? at }));
}

export function recordHint(progress: Progress, chapterId: string, stepId: string, at: string): Progress {
  return withStep(progress, chapterId, stepId, at, (step) => ({ ...step, hintsShown: step.hintsShown + 1 }));
}

export function recordSolution(progress: Progress, chapterId: string, stepId: string, at: string): Progress {
  return withStep(progress, chapterId, stepId, at, (step) => ({ ...step, solutionShown: true }));
}

export function recordPrediction(progress: Progress, chapterId: string, stepId: string, choice: number, correct: boolean, at: string): Progress {
  return withStep(progress, chapterId, stepId, at, (step) => ({ ...step, prediction: step.prediction ?? { choice, correct, at } }));
}

export function recordCommand(progress: Progress, terminal: TerminalName, command: string, at: string): Progress {
  const history = [...(progress.history[terminal] ?? []), command].slice(-HISTORY_LIMIT);
  return { ...progress, updatedAt: at, history: { ...progress.history, [terminal]: history } };
}

export function setCurrent(progress: Progress, chapterId: string, stepId: string | undefined, at: string): Progress {
  return { ...progress, updatedAt: at, current: stepId === undefined ? { chapterId } : { chapterId, stepId } };
}

function withChallenge(progress: Progress, challengeId: string, at: string, change: (challenge: ChallengeProgress) => ChallengeProgress): Progress {
  const challenge = progress.challenges[challengeId] ?? { hintsShown: 0, solutionShown: false };
  return { ...progress, updatedAt: at, challenges: { ...progress.challenges, [challengeId]: change(challenge) } };
}

export function recordChallengeSolved(progress: Progress, challengeId: string, at: string): Progress {
  return withChallenge(progress, challengeId, at, (challenge) => ({ ...challenge, solvedAt: challenge.solvedAt ?? at }));
}

export function recordChallengeHint(progress: Progress, challengeId: string, at: string): Progress {
  return withChallenge(progress, challengeId, at, (challenge) => ({ ...challenge, hintsShown: challenge.hintsShown + 1 }));
}

export function recordChallengeSolution(progress: Progress, challengeId: string, at: string): Progress {
  return withChallenge(progress, challengeId, at, (challenge) => ({ ...challenge, solutionShown: true }));
}

/** Forgets one challenge's progress, so it can be solved again without help. */
export function resetChallenge(progress: Progress, challengeId: string, at: string): Progress {
  const { [challengeId]: _removed, ...challenges } = progress.challenges;
  return { ...progress, updatedAt: at, challenges };
}

export type ResetScope = { scope: 'step'; chapterId: string; stepId: string } | { scope: 'chapter'; chapterId: string } | { scope: 'all' };

export function resetProgress(progress: Progress, reset: ResetScope, at: string): Progress {
  if (reset.scope === 'all') return { ...emptyProgress(), updatedAt: at, ...(progress.seed === undefined ? {} : { seed: progress.seed }) };
  const { [reset.chapterId]: chapter, ...others } = progress.chapters;
  if (reset.scope === 'chapter' || !chapter) return { ...progress, updatedAt: at, chapters: others };
  const { [reset.stepId]: _removed, ...steps } = chapter.steps;
  return { ...progress, updatedAt: at, chapters: { ...others, [reset.chapterId]: { ...chapter, steps } } };
}

// ---- reading ----------------------------------------------------------------

/** Done with help: a hint or the solution was shown. */
export function stepState(progress: Progress, chapterId: string, stepId: string): 'pending' | 'done' | 'assisted' {
  const step = progress.chapters[chapterId]?.steps[stepId];
  if (!step?.doneAt) return 'pending';
  return step.hintsShown > 0 || step.solutionShown ? 'assisted' : 'done';
}

/** Solved with help: a hint or the solution was shown before it was solved. */
export function challengeState(progress: Progress, challengeId: string): 'unsolved' | 'solved' | 'assisted' {
  const challenge = progress.challenges[challengeId];
  if (!challenge?.solvedAt) return 'unsolved';
  return challenge.hintsShown > 0 || challenge.solutionShown ? 'assisted' : 'solved';
}

/** The steps to skip when a chapter's engine starts, as ChapterEngine takes them. */
export function completedSteps(progress: Progress, chapterId: string): Record<string, 'done' | 'assisted'> {
  const completed: Record<string, 'done' | 'assisted'> = {};
  for (const stepId of Object.keys(progress.chapters[chapterId]?.steps ?? {})) {
    const state = stepState(progress, chapterId, stepId);
    if (state !== 'pending') completed[stepId] = state;
  }
  return completed;
}

/** The API's view: every step of the course with its state; the first step not done is active. */
export function progressSnapshot(progress: Progress, course: Course): ProgressSnapshot {
  const chapters: ProgressSnapshot['chapters'] = {};
  for (const { id, chapter } of course.chapters) {
    if (!chapter) continue;
    const steps: Record<string, { state: StepState; doneAt?: string }> = {};
    let activeGiven = false;
    for (const step of chapter.steps) {
      let state: StepState = stepState(progress, id, step.id);
      if (state === 'pending' && !activeGiven) {
        state = 'active';
        activeGiven = true;
      }
      const doneAt = progress.chapters[id]?.steps[step.id]?.doneAt;
      steps[step.id] = doneAt ? { state, doneAt } : { state };
    }
    chapters[id] = { steps };
  }
  return progress.current ? { chapters, current: progress.current } : { chapters };
}
