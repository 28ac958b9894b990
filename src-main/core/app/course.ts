// The course as the renderer sees it: chapters and steps from the lesson
// loader (engineer F), with lab bindings filled in, hints handed out one at a
// time, solutions and predictions, and each step's state.
import {
  ApiRequestError,
  type ChapterView,
  type CheckResult,
  type CourseView,
  type ProgressSnapshot,
  type RunnableCommand,
  type StepState,
  type StepView,
} from '../api/contract.js';
import { fill, UnknownBindingError } from '../lessons/bindings.js';
import type { Chapter, Course, Step } from '../lessons/format.js';
import { loadCourse, type LessonSource } from '../lessons/loader.js';
import { parseLabScript } from '../lessons/script.js';

/** Fills `{{name}}` bindings; before the lab is up an unknown one stays visible as written. */
function bind(text: string, bindings: Record<string, string>): string {
  try {
    return fill(text, bindings);
  } catch (error) {
    if (error instanceof UnknownBindingError) return text;
    throw error;
  }
}

interface StepProgress {
  state: StepState;
  hintsShown: number;
  prediction?: number;
  checks?: CheckResult[];
  doneAt?: string;
}

export class CourseController {
  private course: Course | undefined;
  private loadErrors: string[] = [];
  private readonly steps = new Map<string, StepProgress>();
  private current: { chapterId: string; stepId?: string } | undefined;

  constructor(
    private readonly source: LessonSource | undefined,
    private readonly wallClock: () => string,
  ) {
    this.reload();
  }

  get available(): boolean {
    return this.course !== undefined;
  }

  get unavailableReason(): string | undefined {
    if (!this.source) return 'Lessons are not available in this build.';
    if (!this.course) return `The course could not be loaded: ${this.loadErrors.join('; ')}`;
    return undefined;
  }

  reload(): void {
    if (!this.source) return;
    const result = loadCourse(this.source);
    this.course = result.course;
    this.loadErrors = result.errors;
  }

  view(): CourseView {
    const course = this.course;
    if (!course) return { title: 'Docker Networking Explorer', chapters: [] };
    return {
      title: course.title,
      resume: this.current,
      chapters: course.chapters.map(({ id, chapter, broken }) => ({
        id,
        title: chapter?.title ?? id,
        error: broken?.errors.join('\n'),
        steps: (chapter?.steps ?? []).map((step) => ({ id: step.id, title: step.goal, state: this.stateOf(id, step.id) })),
      })),
    };
  }

  chapter(chapterId: string): Chapter {
    const entry = this.course?.chapters.find((c) => c.id === chapterId);
    if (!entry) throw new ApiRequestError('failed', `no chapter ${chapterId}`);
    if (!entry.chapter) throw new ApiRequestError('failed', entry.broken?.errors.join('\n') ?? `chapter ${chapterId} is broken`);
    return entry.chapter;
  }

  /** Makes the chapter current and returns it with bindings filled in. */
  open(chapterId: string, bindings: Record<string, string>): ChapterView {
    const chapter = this.chapter(chapterId);
    const firstOpen = chapter.steps.find((s) => !this.isDone(chapterId, s.id));
    this.current = { chapterId, stepId: firstOpen?.id };
    if (firstOpen && this.stateOf(chapterId, firstOpen.id) === 'pending') this.progress(chapterId, firstOpen.id).state = 'active';
    return {
      id: chapter.id,
      title: chapter.title,
      narrative: bind(chapter.narrative, bindings),
      scenario: chapter.scenario,
      terminals: chapter.terminals,
      steps: chapter.steps.map((step) => this.stepView(chapterId, step, bindings)),
    };
  }

  hint(chapterId: string, stepId: string, bindings: Record<string, string>): { hint: string; index: number; remaining: number } {
    const step = this.step(chapterId, stepId);
    if (step.hints.length === 0) throw new ApiRequestError('failed', 'this step has no hints');
    const progress = this.progress(chapterId, stepId);
    const index = Math.min(progress.hintsShown, step.hints.length - 1);
    progress.hintsShown = Math.max(progress.hintsShown, index + 1);
    return { hint: bind(step.hints[index], bindings), index, remaining: step.hints.length - index - 1 };
  }

  /** The solution marks the step done with help. */
  solution(chapterId: string, stepId: string, bindings: Record<string, string>): { script: string; commands: RunnableCommand[] } {
    const step = this.step(chapterId, stepId);
    const script = bind(step.solution, bindings);
    const commands: RunnableCommand[] = [];
    for (const directive of parseLabScript(script).directives) {
      if (directive.kind === 'type') commands.push({ terminal: directive.terminal, command: directive.command });
    }
    this.progress(chapterId, stepId).state = 'assisted';
    return { script, commands };
  }

  predict(chapterId: string, stepId: string, choice: number): { correct: boolean; answer: number; explanation?: string } {
    const prediction = this.step(chapterId, stepId).prediction;
    if (!prediction) throw new ApiRequestError('failed', 'this step asks no prediction');
    if (choice >= prediction.choices.length) throw new ApiRequestError('invalid-params', `choice ${choice} does not exist`);
    this.progress(chapterId, stepId).prediction = choice;
    return { correct: choice === prediction.answer, answer: prediction.answer, explanation: prediction.explanation };
  }

  /** Records check results from the step engine; a step whose checks all pass is done. */
  recordChecks(chapterId: string, stepId: string, checks: CheckResult[]): StepState {
    const progress = this.progress(chapterId, stepId);
    progress.checks = checks;
    if (progress.state !== 'assisted' && checks.length > 0 && checks.every((c) => c.status === 'pass')) {
      progress.state = 'done';
      progress.doneAt = this.wallClock();
    }
    return progress.state;
  }

  snapshot(): ProgressSnapshot {
    const chapters: ProgressSnapshot['chapters'] = {};
    for (const [key, progress] of this.steps) {
      const [chapterId, stepId] = key.split('\u0000');
      chapters[chapterId] ??= { steps: {} };
      chapters[chapterId].steps[stepId] = { state: progress.state, ...(progress.doneAt ? { doneAt: progress.doneAt } : {}) };
    }
    return { chapters, ...(this.current ? { current: this.current } : {}) };
  }

  reset(scope: { scope: 'step'; chapterId: string; stepId: string } | { scope: 'chapter'; chapterId: string } | { scope: 'all' }): void {
    for (const key of [...this.steps.keys()]) {
      const [chapterId, stepId] = key.split('\u0000');
      const matches =
        scope.scope === 'all' ||
        (scope.scope === 'chapter' && chapterId === scope.chapterId) ||
        (scope.scope === 'step' && chapterId === scope.chapterId && stepId === scope.stepId);
      if (matches) this.steps.delete(key);
    }
  }

  restore(snapshot: ProgressSnapshot): void {
    this.steps.clear();
    for (const [chapterId, chapter] of Object.entries(snapshot.chapters)) {
      for (const [stepId, step] of Object.entries(chapter.steps)) {
        this.steps.set(`${chapterId}\u0000${stepId}`, { state: step.state, hintsShown: 0, doneAt: step.doneAt });
      }
    }
    this.current = snapshot.current;
  }

  private stepView(chapterId: string, step: Step, bindings: Record<string, string>): StepView {
    const progress = this.steps.get(`${chapterId}\u0000${step.id}`);
    return {
      id: step.id,
      title: step.goal,
      goal: bind(step.goal, bindings),
      narrative: bind(step.narrative ?? '', bindings),
      commands: (step.commands ?? []).map((c) => ({ terminal: c.terminal, command: bind(c.run, bindings) })),
      hintCount: step.hints.length,
      hintsShown: step.hints.slice(0, progress?.hintsShown ?? 0).map((h) => bind(h, bindings)),
      prediction: step.prediction && {
        question: bind(step.prediction.question, bindings),
        choices: step.prediction.choices.map((c) => bind(c, bindings)),
        answered: progress?.prediction,
      },
      checks:
        progress?.checks ?? step.checks.map((check) => ({ id: check.id, label: bind(check.expect, bindings), status: 'pending' as const })),
      state: progress?.state ?? 'pending',
    };
  }

  private step(chapterId: string, stepId: string): Step {
    const step = this.chapter(chapterId).steps.find((s) => s.id === stepId);
    if (!step) throw new ApiRequestError('failed', `no step ${stepId} in chapter ${chapterId}`);
    return step;
  }

  private stateOf(chapterId: string, stepId: string): StepState {
    return this.steps.get(`${chapterId}\u0000${stepId}`)?.state ?? 'pending';
  }

  private isDone(chapterId: string, stepId: string): boolean {
    const state = this.stateOf(chapterId, stepId);
    return state === 'done' || state === 'assisted';
  }

  private progress(chapterId: string, stepId: string): StepProgress {
    const key = `${chapterId}\u0000${stepId}`;
    let progress = this.steps.get(key);
    if (!progress) {
      progress = { state: 'pending', hintsShown: 0 };
      this.steps.set(key, progress);
    }
    return progress;
  }
}
