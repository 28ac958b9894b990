// Keeps one learner's progress and saves every change through the store the
// host provides (a file under the user data folder; in tests, memory). Wire a
// ChapterEngine to it with `completed: tracker.completed(id)` and
// `onStepDone: (d) => tracker.stepDone(d.chapterId, d.stepId)`.
import type { ProgressSnapshot } from '../api/contract.js';
import type { Course } from './model.js';
import {
  completedSteps,
  parseProgress,
  progressSnapshot,
  recordCommand,
  recordHint,
  recordPrediction,
  recordSolution,
  recordStepDone,
  recordChallengeHint,
  recordChallengeSolution,
  recordChallengeSolved,
  resetChallenge,
  resetProgress,
  serializeProgress,
  setCurrent,
  type Progress,
  type ResetScope,
} from './progress.js';
import type { TerminalName } from '../api/lab.js';

export interface ProgressStore {
  /** Resolves once the state is safely stored; calls arrive in order. */
  save(progress: Progress): Promise<void>;
}

export class ProgressTracker {
  private listeners = new Set<(progress: Progress) => void>();
  private lastSave: Promise<void> = Promise.resolve();

  constructor(
    private state: Progress,
    private readonly store: ProgressStore,
    /** Wall-clock time as an ISO string, from the host. */
    private readonly now: () => string,
  ) {}

  get progress(): Progress {
    return this.state;
  }

  /** Resolves when every change so far is stored; rejects if the last save failed. */
  saved(): Promise<void> {
    return this.lastSave;
  }

  onChange(listener: (progress: Progress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stepDone(chapterId: string, stepId: string): void {
    this.update(recordStepDone(this.state, chapterId, stepId, this.now()));
  }

  hintShown(chapterId: string, stepId: string): void {
    this.update(recordHint(this.state, chapterId, stepId, this.now()));
  }

  solutionShown(chapterId: string, stepId: string): void {
    this.update(recordSolution(this.state, chapterId, stepId, this.now()));
  }

  predicted(chapterId: string, stepId: string, choice: number, correct: boolean): void {
    this.update(recordPrediction(this.state, chapterId, stepId, choice, correct, this.now()));
  }

  challengeSolved(challengeId: string): void {
    this.update(recordChallengeSolved(this.state, challengeId, this.now()));
  }

  challengeHintShown(challengeId: string): void {
    this.update(recordChallengeHint(this.state, challengeId, this.now()));
  }

  challengeSolutionShown(challengeId: string): void {
    this.update(recordChallengeSolution(this.state, challengeId, this.now()));
  }

  challengeReset(challengeId: string): void {
    this.update(resetChallenge(this.state, challengeId, this.now()));
  }

  commandRan(terminal: TerminalName, command: string): void {
    this.update(recordCommand(this.state, terminal, command, this.now()));
  }

  moved(chapterId: string, stepId?: string): void {
    this.update(setCurrent(this.state, chapterId, stepId, this.now()));
  }

  reset(scope: ResetScope): void {
    this.update(resetProgress(this.state, scope, this.now()));
  }

  /** The progress file's text, for the learner to keep. */
  exportText(): string {
    return serializeProgress(this.state);
  }

  /** Replaces progress with an exported file; throws ProgressFormatError (and changes nothing) if it is not valid. */
  importText(text: string): void {
    this.update(parseProgress(text));
  }

  /** The learner's seed for shuffling prediction choices; the first call stores one made from the clock. */
  seed(): string {
    if (this.state.seed === undefined) this.update({ ...this.state, seed: this.now() });
    return this.state.seed!;
  }

  completed(chapterId: string): Record<string, 'done' | 'assisted'> {
    return completedSteps(this.state, chapterId);
  }

  snapshot(course: Course): ProgressSnapshot {
    return progressSnapshot(this.state, course);
  }

  private update(next: Progress): void {
    this.state = next;
    const save = this.lastSave.catch(() => {}).then(() => this.store.save(next));
    this.lastSave = save;
    for (const listener of this.listeners) listener(next);
  }
}
