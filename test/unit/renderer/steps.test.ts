import { describe, expect, it } from 'vitest';
import type { ChapterView, CourseView, StepView } from '../../../src-main/core/api/contract.js';
import {
  afterReset,
  announcement,
  applyProgress,
  applyToChapter,
  applyToCourse,
  chapterState,
  chapterToOpen,
  currentStepId,
} from '../../../src-renderer/lib/course/steps.js';

const step = (id: string, state: StepView['state']): StepView => ({
  id, title: `Step ${id}`, goal: '', narrative: '', commands: [], hintCount: 0, hintsShown: [], checks: [], state,
});

const course = (...chapters: [string, StepView['state'][]][]): CourseView => ({
  title: 'Course',
  chapters: chapters.map(([id, states]) => ({ id, title: id, steps: states.map((s, i) => ({ id: `s${i}`, title: `s${i}`, state: s })) })),
});

describe('currentStepId', () => {
  it('prefers the step in progress, then the first unfinished, then the last', () => {
    expect(currentStepId([step('a', 'done'), step('b', 'active'), step('c', 'pending')])).toBe('b');
    expect(currentStepId([step('a', 'assisted'), step('b', 'pending'), step('c', 'pending')])).toBe('b');
    expect(currentStepId([step('a', 'done'), step('b', 'assisted')])).toBe('b');
    expect(currentStepId([])).toBeUndefined();
  });
});

describe('chapterState', () => {
  it('adds up its steps', () => {
    const chapters = course(
      ['p', ['pending', 'pending']],
      ['untouched', ['active', 'pending']],
      ['a', ['done', 'active']],
      ['d', ['done', 'done']],
      ['h', ['done', 'assisted']],
    ).chapters;
    expect(chapters.map(chapterState)).toEqual(['pending', 'pending', 'active', 'done', 'assisted']);
  });
});

describe('chapterToOpen', () => {
  const c = { ...course(['one', ['done']], ['two', ['pending']], ['three', ['pending']]), resume: { chapterId: 'three' } };
  it('takes the URL first, then the resume point, then the first unfinished chapter', () => {
    expect(chapterToOpen(c, 'one')).toBe('one');
    expect(chapterToOpen(c, 'nope')).toBe('three');
    expect(chapterToOpen({ ...c, resume: undefined })).toBe('two');
    expect(chapterToOpen(course())).toBeUndefined();
  });
});

describe('status events', () => {
  it('update only the named step in the chapter and the course', () => {
    const chapter: ChapterView = { id: 'ch', title: 'ch', narrative: '', scenario: 'article', terminals: ['host'], steps: [step('s0', 'active'), step('s1', 'pending')] };
    const event = { chapterId: 'ch', stepId: 's0', state: 'done' as const, checks: [{ id: 'k', label: 'ping ran', status: 'pass' as const }] };
    const next = applyToChapter(chapter, event);
    expect(next.steps.map((s) => s.state)).toEqual(['done', 'pending']);
    expect(next.steps[0].checks).toEqual(event.checks);
    expect(applyToChapter(chapter, { ...event, chapterId: 'other' })).toBe(chapter);
    const updated = applyToCourse(course(['ch', ['active', 'pending']], ['x', ['active']]), event);
    expect(updated.chapters.map((c) => c.steps.map((s) => s.state))).toEqual([['done', 'pending'], ['active']]);
  });

  it('progress snapshots reset what they do not mention', () => {
    const updated = applyProgress(course(['ch', ['done', 'assisted']]), { chapters: { ch: { steps: { s1: { state: 'done' } } } } });
    expect(updated.chapters[0].steps.map((s) => s.state)).toEqual(['pending', 'done']);
  });
});

describe('announcement', () => {
  const failing = { id: 'k1', label: 'a capture runs on docker0', status: 'fail' as const, explanation: 'expected tcpdump on docker0, saw tcpdump on ens160' };
  it('reads out checks that changed and a finished step', () => {
    const before = { state: 'active' as const, checks: [{ ...failing, status: 'pending' as const }] };
    expect(announcement('Capture', before, { chapterId: 'c', stepId: 's', state: 'active', checks: [failing] })).toBe(
      'Not yet: a capture runs on docker0. expected tcpdump on docker0, saw tcpdump on ens160',
    );
    expect(announcement('Capture', { state: 'active', checks: [failing] }, { chapterId: 'c', stepId: 's', state: 'done', checks: [{ ...failing, status: 'pass' }] })).toBe(
      'Passed: a capture runs on docker0. Step "Capture" done.',
    );
  });

  it('reads out a check that still fails for a new reason', () => {
    const before = { state: 'active' as const, checks: [{ ...failing, explanation: 'no command matching yet' }] };
    expect(announcement('Capture', before, { chapterId: 'c', stepId: 's', state: 'active', checks: [failing] })).toBe(
      'Not yet: a capture runs on docker0. expected tcpdump on docker0, saw tcpdump on ens160',
    );
  });

  it('stays quiet when nothing changed', () => {
    expect(announcement('Capture', { state: 'active', checks: [failing] }, { chapterId: 'c', stepId: 's', state: 'active', checks: [failing] })).toBeUndefined();
  });
});

describe('afterReset', () => {
  it('asks the prediction again and forgets the hints shown, as the reset progress does', () => {
    const answered: StepView = {
      ...step('a', 'done'),
      hintsShown: ['Look at eth0.'],
      prediction: { question: 'Q?', choices: ['x', 'y'], answered: 1, result: { correct: true, answer: 1, explanation: 'Because.' } },
    };
    expect(afterReset(answered)).toEqual({ ...answered, hintsShown: [], prediction: { question: 'Q?', choices: ['x', 'y'] } });
    expect(afterReset(step('b', 'done')).prediction).toBeUndefined();
  });
});
