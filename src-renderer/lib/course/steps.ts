// Step bookkeeping the navigation and the lesson pane share: where the learner
// is, what a status event changes, and what to announce about it.
import type {
  ChapterSummary,
  ChapterView,
  CheckResult,
  CourseView,
  StepState,
  StepStatusEvent,
  StepView,
} from '../../../src-main/core/api/contract.js';

export const stepStateLabels: Record<StepState, string> = {
  pending: 'not started',
  active: 'in progress',
  done: 'done',
  assisted: 'done with help',
};

export const isFinished = (state: StepState) => state === 'done' || state === 'assisted';

/** The step to show: the one in progress, else the first not finished, else the last. */
export function currentStepId(steps: { id: string; state: StepState }[]): string | undefined {
  return (steps.find((s) => s.state === 'active') ?? steps.find((s) => !isFinished(s.state)) ?? steps[steps.length - 1])?.id;
}

/**
 * A chapter's state as its steps add up: done only when every step is,
 * assisted if any needed help, in progress once a step is finished. (The
 * engine marks each chapter's first step active before anyone touched it.)
 */
export function chapterState(chapter: ChapterSummary): StepState {
  const states = chapter.steps.map((s) => s.state);
  if (states.length > 0 && states.every(isFinished)) return states.includes('assisted') ? 'assisted' : 'done';
  if (states.some(isFinished)) return 'active';
  return 'pending';
}

/** Which chapter to open first: the URL's, else where the learner left off, else the first unfinished. */
export function chapterToOpen(course: CourseView, requested?: string): string | undefined {
  const exists = (id: string | undefined) => id !== undefined && course.chapters.some((c) => c.id === id);
  if (exists(requested)) return requested;
  if (exists(course.resume?.chapterId)) return course.resume!.chapterId;
  return (course.chapters.find((c) => chapterState(c) !== 'done' && chapterState(c) !== 'assisted') ?? course.chapters[0])?.id;
}

export function applyToChapter(chapter: ChapterView, event: StepStatusEvent): ChapterView {
  if (chapter.id !== event.chapterId) return chapter;
  return {
    ...chapter,
    steps: chapter.steps.map((step) => (step.id === event.stepId ? { ...step, state: event.state, checks: event.checks } : step)),
  };
}

/** A step as a reset leaves it: no hints shown, its prediction asked again (progress forgot both). */
export function afterReset(step: StepView): StepView {
  return { ...step, hintsShown: [], prediction: step.prediction && { question: step.prediction.question, choices: step.prediction.choices } };
}

export function applyToCourse(course: CourseView, event: StepStatusEvent): CourseView {
  return {
    ...course,
    chapters: course.chapters.map((chapter) =>
      chapter.id !== event.chapterId
        ? chapter
        : { ...chapter, steps: chapter.steps.map((s) => (s.id === event.stepId ? { ...s, state: event.state } : s)) },
    ),
  };
}

/** Copies step states from a progress snapshot into the course (after a reset or an import). */
export function applyProgress(
  course: CourseView,
  progress: { chapters: Record<string, { steps: Record<string, { state: StepState }> }> },
): CourseView {
  return {
    ...course,
    chapters: course.chapters.map((chapter) => ({
      ...chapter,
      steps: chapter.steps.map((step) => ({ ...step, state: progress.chapters[chapter.id]?.steps[step.id]?.state ?? 'pending' })),
    })),
  };
}

/**
 * What a screen reader hears after a command: checks that changed, then the
 * step's new state. Nothing when nothing changed, so the live region stays quiet.
 */
export function announcement(stepTitle: string, before: { state: StepState; checks: CheckResult[] }, after: StepStatusEvent): string | undefined {
  const previous = new Map(before.checks.map((c) => [c.id, c]));
  const parts: string[] = [];
  for (const check of after.checks) {
    const was = previous.get(check.id);
    // A check that still fails but for a new reason is news too.
    if (was && was.status === check.status && was.explanation === check.explanation && was.message === check.message) continue;
    if (check.status === 'pass') parts.push(`Passed: ${check.label}.`);
    else if (check.status === 'fail') parts.push(`Not yet: ${check.label}.${check.explanation ? ` ${check.explanation}` : ''}`);
    else if (check.status === 'error') parts.push(`Could not check: ${check.label}.${check.message ? ` ${check.message}` : ''}`);
  }
  if (after.state !== before.state && isFinished(after.state)) parts.push(`Step "${stepTitle}" ${stepStateLabels[after.state]}.`);
  return parts.length ? parts.join(' ') : undefined;
}

/** One shape per state, so "done with help" and "in progress" differ without colour. */
export const stepIcons: Record<StepState, string> = { pending: '○', active: '▶', done: '✔', assisted: 'ⓗ' };

/**
 * A finished step passed every check. Progress keeps the step's state, not
 * each check's result, so a step reopened after a reload shows its checks
 * ticked instead of "not checked yet".
 */
export function withFinishedChecks(chapter: ChapterView): ChapterView {
  return {
    ...chapter,
    steps: chapter.steps.map((step) =>
      isFinished(step.state) && step.checks.every((c) => c.status === 'pending')
        ? { ...step, checks: step.checks.map((c) => ({ ...c, status: 'pass' as const })) }
        : step,
    ),
  };
}

/** The chapter after `chapterId` in course order, if any. */
export function nextChapterId(course: CourseView, chapterId: string): string | undefined {
  const index = course.chapters.findIndex((c) => c.id === chapterId);
  return index >= 0 ? course.chapters.slice(index + 1).find((c) => !c.error)?.id : undefined;
}
