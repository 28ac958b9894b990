// The course as the renderer sees it, over the lesson engine: chapters
// from the loader with lab bindings filled in, the current chapter's step
// engine (checks after every command), and the learner's progress tracker
// (hints, solutions, predictions, steps done, saved through the host's store).
import {
  ApiRequestError,
  type ChapterView,
  type CourseView,
  type PredictionResult,
  type PredictionView,
  type ProgressSnapshot,
  type RunnableCommand,
  type StepStatusEvent,
  type StepView,
} from '../api/contract.js';
import type { LabBackend } from '../lab/backend.js';
import { fill, UnknownBindingError } from '../lessons/bindings.js';
import { ChapterEngine } from '../lessons/engine.js';
import type { Chapter, Course, Prediction, Step } from '../lessons/model.js';
import { choiceOrder } from '../lessons/prediction-order.js';
import { loadCourse, type LessonSource } from '../lessons/loader.js';
import { emptyProgress, ProgressFormatError, type PredictionRecord, type Progress, type ResetScope } from '../lessons/progress.js';
import { parseLabScript } from '../lessons/script.js';
import { ProgressTracker, type ProgressStore } from '../lessons/tracker.js';
import type { CommandRecord } from '../api/lab.js';

/** Fills `{{name}}` bindings; without a lab an unknown one stays visible as written. */
export function bind(text: string, bindings: Record<string, string>): string {
  try {
    return fill(text, bindings);
  } catch (error) {
    if (error instanceof UnknownBindingError) return text;
    throw error;
  }
}

export interface CourseOptions {
  lessons?: LessonSource;
  progress?: { initial: Progress; store: ProgressStore };
  /** ISO wall-clock time for progress stamps. */
  wallClock: () => string;
  /** Wall-clock wait, so a probe the lab never answers cannot hold a step up. */
  wallTimer: (ms: number) => Promise<void>;
  onStepStatus: (status: StepStatusEvent) => void;
  onProgress: (snapshot: ProgressSnapshot) => void;
}

const memoryStore: ProgressStore = { save: async () => {} };

export class CourseController {
  private course: Course | undefined;
  private loadErrors: string[] = [];
  /** The learner's progress, shared with the challenges. */
  readonly tracker: ProgressTracker;
  private engine: ChapterEngine | undefined;

  constructor(private readonly options: CourseOptions) {
    this.tracker = new ProgressTracker(options.progress?.initial ?? emptyProgress(), options.progress?.store ?? memoryStore, options.wallClock);
    this.tracker.onChange(() => options.onProgress(this.snapshot()));
    if (options.lessons) {
      const result = loadCourse(options.lessons);
      this.course = result.course;
      this.loadErrors = result.errors;
    }
  }

  get unavailableReason(): string | undefined {
    if (!this.options.lessons) return 'Lessons are not available in this build.';
    if (!this.course) return `The course could not be loaded: ${this.loadErrors.join('; ')}`;
    return undefined;
  }

  view(bindings: Record<string, string> = {}): CourseView {
    const course = this.course;
    if (!course) return { title: 'Docker Networking Explorer', chapters: [] };
    const progress = this.snapshot();
    return {
      title: course.title,
      resume: progress.current,
      chapters: course.chapters.map(({ id, chapter, broken }) => ({
        id,
        title: chapter?.title ?? id,
        error: broken?.errors.join('\n'),
        steps: (chapter?.steps ?? []).map((step) => ({
          id: step.id,
          title: bind(step.goal, bindings),
          state: progress.chapters[id]?.steps[step.id]?.state ?? 'pending',
        })),
      })),
    };
  }

  chapter(chapterId: string): Chapter {
    const entry = this.course?.chapters.find((c) => c.id === chapterId);
    if (!entry) throw new ApiRequestError('failed', `no chapter ${chapterId}`);
    if (!entry.chapter) throw new ApiRequestError('failed', entry.broken?.errors.join('\n') ?? `chapter ${chapterId} is broken`);
    return entry.chapter;
  }

  /** Makes the chapter current: its step engine follows the lab's commands from now on. */
  async open(chapterId: string, backend: LabBackend | undefined, bindings: Record<string, string>): Promise<ChapterView> {
    const chapter = this.chapter(chapterId);
    this.closeChapter();
    if (backend) {
      const engine = new ChapterEngine({
        backend,
        chapter,
        bindings,
        completed: this.tracker.completed(chapterId),
        timer: this.options.wallTimer,
        onStatus: (status) => {
          this.options.onStepStatus(status);
          if (status.state === 'active') this.tracker.moved(chapterId, status.stepId);
        },
        onStepDone: (done) => this.tracker.stepDone(done.chapterId, done.stepId),
      });
      this.engine = engine;
      await engine.start();
    }
    this.tracker.moved(chapterId, this.engine?.currentStepId ?? this.firstOpenStep(chapter));
    return {
      id: chapter.id,
      title: chapter.title,
      narrative: bind(chapter.narrative, bindings),
      recap: chapter.recap === undefined ? undefined : bind(chapter.recap, bindings),
      scenario: chapter.scenario,
      terminals: chapter.terminals,
      steps: chapter.steps.map((step) => this.stepView(chapter, step, bindings)),
    };
  }

  /** The lab is going away (restart, backend switch): the engine stops following it. */
  closeChapter(): void {
    this.engine?.dispose();
    this.engine = undefined;
  }

  commandRan(record: CommandRecord): void {
    this.tracker.commandRan(record.terminal, record.command);
  }

  hint(chapterId: string, stepId: string, bindings: Record<string, string>): { hint: string; index: number; remaining: number } {
    const step = this.step(chapterId, stepId);
    if (step.hints.length === 0) throw new ApiRequestError('failed', 'this step has no hints');
    const shown = this.stepProgress(chapterId, stepId)?.hintsShown ?? 0;
    const index = Math.min(shown, step.hints.length - 1);
    if (shown < step.hints.length) this.tracker.hintShown(chapterId, stepId);
    this.helped(chapterId, stepId);
    return { hint: bind(step.hints[index], bindings), index, remaining: step.hints.length - index - 1 };
  }

  /** After the solution the step counts as done with help once its checks pass. */
  solution(chapterId: string, stepId: string, bindings: Record<string, string>): { script: string; commands: RunnableCommand[] } {
    const step = this.step(chapterId, stepId);
    const script = bind(step.solution, bindings);
    const commands: RunnableCommand[] = [];
    for (const directive of parseLabScript(script).directives) {
      if (directive.kind === 'type') commands.push({ terminal: directive.terminal, command: directive.command });
    }
    this.tracker.solutionShown(chapterId, stepId);
    this.helped(chapterId, stepId);
    return { script, commands };
  }

  /** `choice` is a position as the learner saw the choices (in their own shuffled order). */
  predict(
    chapterId: string,
    stepId: string,
    choice: number,
    bindings: Record<string, string> = {},
  ): PredictionResult {
    const prediction = this.step(chapterId, stepId).prediction;
    if (!prediction) throw new ApiRequestError('failed', 'this step asks no prediction');
    if (choice >= prediction.choices.length) throw new ApiRequestError('invalid-params', `choice ${choice} does not exist`);
    const order = this.choiceOrder(chapterId, stepId, prediction.choices.length);
    const correct = order[choice] === prediction.answer;
    this.tracker.predicted(chapterId, stepId, order[choice], correct);
    return this.predictionResult(prediction, order, correct, bindings);
  }

  private predictionResult(prediction: Prediction, order: number[], correct: boolean, bindings: Record<string, string>): PredictionResult {
    return { correct, answer: order.indexOf(prediction.answer), explanation: bind(prediction.explanation, bindings) };
  }

  private choiceOrder(chapterId: string, stepId: string, count: number): number[] {
    return choiceOrder(this.tracker.seed(), chapterId, stepId, count);
  }

  snapshot(): ProgressSnapshot {
    if (!this.course) return { chapters: {} };
    return this.tracker.snapshot(this.course);
  }

  async reset(scope: ResetScope): Promise<ProgressSnapshot> {
    this.tracker.reset(scope);
    const engine = this.engine;
    if (engine && scope.scope !== 'all' && scope.chapterId !== engine.chapterId) return this.snapshot();
    if (engine) {
      const steps = scope.scope === 'step' ? [scope.stepId] : this.chapter(engine.chapterId).steps.map((s) => s.id);
      for (const stepId of steps) await engine.resetStep(stepId);
    }
    return this.snapshot();
  }

  exportText(): string {
    return this.tracker.exportText();
  }

  importText(text: string): ProgressSnapshot {
    try {
      this.tracker.importText(text);
    } catch (error) {
      if (error instanceof ProgressFormatError) throw new ApiRequestError('invalid-params', error.message);
      throw error;
    }
    return this.snapshot();
  }

  private helped(chapterId: string, stepId: string): void {
    if (this.engine?.chapterId === chapterId) this.engine.markHelped(stepId);
  }

  private stepView(chapter: Chapter, step: Step, bindings: Record<string, string>): StepView {
    const progress = this.stepProgress(chapter.id, step.id);
    const status = this.engine?.status(step.id);
    const prediction = step.prediction;
    return {
      id: step.id,
      title: bind(step.goal, bindings),
      goal: bind(step.goal, bindings),
      narrative: bind(step.narrative ?? '', bindings),
      afterPrediction: step.afterPrediction === undefined ? undefined : bind(step.afterPrediction, bindings),
      commands: (step.commands ?? []).map((c) => ({ terminal: c.terminal, command: bind(c.run, bindings) })),
      hintCount: step.hints.length,
      hintsShown: step.hints.slice(0, progress?.hintsShown ?? 0).map((h) => bind(h, bindings)),
      prediction: prediction && this.predictionView(chapter.id, step.id, prediction, progress?.prediction, bindings),
      checks: status?.checks ?? step.checks.map((check) => ({ id: check.id, label: bind(check.expect, bindings), status: 'pending' as const })),
      state: status?.state ?? this.snapshot().chapters[chapter.id]?.steps[step.id]?.state ?? 'pending',
    };
  }

  private predictionView(
    chapterId: string,
    stepId: string,
    prediction: Prediction,
    answered: PredictionRecord | undefined,
    bindings: Record<string, string>,
  ): PredictionView {
    const order = this.choiceOrder(chapterId, stepId, prediction.choices.length);
    // The record keeps the choice's index in the data and whether it was right when given.
    const shown = answered ? order.indexOf(answered.choice) : -1;
    return {
      question: bind(prediction.question, bindings),
      choices: order.map((index) => bind(prediction.choices[index], bindings)),
      answered: shown >= 0 ? shown : undefined,
      result: answered && this.predictionResult(prediction, order, answered.correct, bindings),
    };
  }

  private firstOpenStep(chapter: Chapter): string | undefined {
    const done = this.tracker.completed(chapter.id);
    return chapter.steps.find((s) => !done[s.id])?.id;
  }

  private stepProgress(chapterId: string, stepId: string) {
    return this.tracker.progress.chapters[chapterId]?.steps[stepId];
  }

  private step(chapterId: string, stepId: string): Step {
    const step = this.chapter(chapterId).steps.find((s) => s.id === stepId);
    if (!step) throw new ApiRequestError('failed', `no step ${stepId} in chapter ${chapterId}`);
    return step;
  }
}
