// The course as the learner sees it: chapters and their steps' states, the
// open chapter, and the step shown in the lesson pane. Kept up to date by the
// engine's `step.status` and `progress.changed` events.
import type { AppApi, ChapterView, CourseView, StepStatusEvent, StepView } from '../../../src-main/core/api/contract.js';
import { announcer } from '../a11y/announcer.svelte.js';
import { terminals } from '../terminal/terminals.svelte.js';
import { tick } from 'svelte';
import { app } from '../app-state.svelte.js';
import { afterReset, announcement, applyProgress, applyToChapter, applyToCourse, chapterToOpen, currentStepId, isFinished, nextChapterId, withFinishedChecks } from './steps.js';

class CourseStore {
  course = $state<CourseView | undefined>(undefined);
  chapter = $state<ChapterView | undefined>(undefined);
  /** The step the learner chose to look at; follows the current step unless they chose another. */
  viewedStepId = $state<string | undefined>(undefined);
  loading = $state(false);
  error = $state<string | undefined>(undefined);
  private api: AppApi | undefined;
  private unsubscribe: (() => void)[] = [];

  get currentStepId(): string | undefined {
    return this.chapter ? currentStepId(this.chapter.steps) : undefined;
  }

  get viewedStep(): StepView | undefined {
    const id = this.viewedStepId ?? this.currentStepId;
    return this.chapter?.steps.find((s) => s.id === id);
  }

  async connect(api: AppApi, requestedChapter?: string): Promise<void> {
    this.disconnect();
    this.api = api;
    this.unsubscribe = [
      api.on('step.status', (event) => this.onStepStatus(event)),
      api.on('progress.changed', (progress) => {
        if (this.course) this.course = applyProgress(this.course, progress);
      }),
    ];
    this.loading = true;
    try {
      this.course = await api.invoke('course.get', {});
      const first = chapterToOpen(this.course, requestedChapter);
      if (first) await this.openChapter(first);
      this.error = undefined;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  disconnect(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }

  async openChapter(chapterId: string): Promise<void> {
    if (!this.api) return;
    this.loading = true;
    try {
      this.chapter = withFinishedChecks(await this.api.invoke('chapter.open', { chapterId }));
      this.course = withStepTitles(this.course, this.chapter);
      this.viewedStepId = undefined;
      keepChapterInUrl(chapterId);
      terminals.setTerminals(this.chapter.terminals);
      this.error = undefined;
      announcer.announce(`Chapter ${this.chapter.title} opened.`);
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  /** The chapter after the open one, for "Next chapter" at the end. */
  get nextChapterId(): string | undefined {
    return this.course && this.chapter ? nextChapterId(this.course, this.chapter.id) : undefined;
  }

  viewStep(stepId: string): void {
    this.viewedStepId = stepId === this.currentStepId ? undefined : stepId;
  }

  onStepStatus(event: StepStatusEvent): void {
    if (this.course) this.course = applyToCourse(this.course, event);
    if (!this.chapter) return;
    const before = this.chapter.steps.find((s) => s.id === event.stepId);
    this.chapter = applyToChapter(this.chapter, event);
    const text = before && announcement(before.title, before, event);
    if (text) announcer.announce(text);
    // The step the learner was on is finished: focus follows to the step shown next.
    const finishedNow = before && !isFinished(before.state) && isFinished(event.state);
    if (finishedNow && this.viewedStepId === undefined) void tick().then(() => document.getElementById('step-heading')?.focus({ preventScroll: true }));
  }

  /** Fetches the viewed step's next hint; returns an error message if that failed. */
  async nextHint(): Promise<string | undefined> {
    const step = this.viewedStep;
    if (!this.api || !this.chapter || !step || step.hintsShown.length >= step.hintCount) return undefined;
    try {
      const { hint } = await this.api.invoke('step.hint', { chapterId: this.chapter.id, stepId: step.id });
      this.updateStep(step.id, (s) => ({ ...s, hintsShown: [...s.hintsShown, hint] }));
      announcer.announce(`Hint: ${hint}`);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** Replaces one step's view (after a hint, a prediction or the solution). */
  updateStep(stepId: string, change: (step: StepView) => StepView): void {
    if (!this.chapter) return;
    this.chapter = { ...this.chapter, steps: this.chapter.steps.map((s) => (s.id === stepId ? change(s) : s)) };
  }

  async reset(scope: { scope: 'step'; chapterId: string; stepId: string } | { scope: 'chapter'; chapterId: string }): Promise<void> {
    if (!this.api) return;
    const progress = await this.api.invoke('progress.reset', scope);
    if (this.course) this.course = applyProgress(this.course, progress);
    if (scope.scope === 'chapter') {
      // A chapter starts over from its scenario's starting state, with a fresh transcript.
      await this.api.invoke('lab.reset', {});
      if (this.chapter?.id === scope.chapterId) await this.openChapter(scope.chapterId);
    } else if (this.chapter?.id === scope.chapterId) {
      // The lab stays as it is; the engine re-checks the step from here on and reports it.
      const state = progress.chapters[scope.chapterId]?.steps[scope.stepId]?.state ?? 'pending';
      const step = this.chapter.steps.find((s) => s.id === scope.stepId);
      const checks = (step?.checks ?? []).map((c) => ({ id: c.id, label: c.label, status: 'pending' as const }));
      this.chapter = applyToChapter(this.chapter, { chapterId: scope.chapterId, stepId: scope.stepId, state, checks });
      this.updateStep(scope.stepId, afterReset);
    }
    announcer.announce(scope.scope === 'step' ? 'Step reset.' : 'Chapter reset.');
  }
}

/** Browser mode keeps `?chapter=` in the address, so a reload or a shared link opens the same chapter. */
function keepChapterInUrl(chapterId: string): void {
  if (app.info?.host !== 'web') return;
  const url = new URL(window.location.href);
  if (url.searchParams.get('chapter') === chapterId) return;
  url.searchParams.set('chapter', chapterId);
  history.replaceState(history.state, '', url);
}

export const course = new CourseStore();

/** The navigation's step titles from an opened chapter, whose titles have the lab's values filled in. */
function withStepTitles(course: CourseView | undefined, chapter: ChapterView): CourseView | undefined {
  if (!course) return course;
  const titles = new Map(chapter.steps.map((s) => [s.id, s.title]));
  return {
    ...course,
    chapters: course.chapters.map((c) => (c.id === chapter.id ? { ...c, steps: c.steps.map((s) => ({ ...s, title: titles.get(s.id) ?? s.title })) } : c)),
  };
}
