import { describe, expect, it } from 'vitest';
import type { Course } from '../../../src-main/core/lessons/model.js';
import {
  challengeState,
  completedSteps,
  emptyProgress,
  HISTORY_LIMIT,
  migrate,
  parseProgress,
  ProgressFormatError,
  progressSnapshot,
  recordChallengeHint,
  recordChallengeSolution,
  recordChallengeSolved,
  recordCommand,
  recordHint,
  recordPrediction,
  recordSolution,
  recordStepDone,
  resetChallenge,
  resetProgress,
  serializeProgress,
  setCurrent,
  stepState,
} from '../../../src-main/core/lessons/progress.js';

const course = {
  id: 'c',
  title: 'C',
  chapters: [
    { id: 'a', chapter: { steps: [{ id: 's1' }, { id: 's2' }, { id: 's3' }] } },
    { id: 'b', chapter: { steps: [{ id: 't1' }] } },
    { id: 'broken', broken: { id: 'broken', errors: ['x'] } },
  ],
} as unknown as Course;

describe('progress model', () => {
  it('tells done from done with help and resumes the engine from it', () => {
    let p = recordStepDone(emptyProgress(), 'a', 's1', 't1');
    p = recordHint(p, 'a', 's2', 't2');
    p = recordStepDone(p, 'a', 's2', 't3');
    p = recordSolution(p, 'a', 's3', 't4');
    expect([stepState(p, 'a', 's1'), stepState(p, 'a', 's2'), stepState(p, 'a', 's3')]).toEqual(['done', 'assisted', 'pending']);
    expect(completedSteps(p, 'a')).toEqual({ s1: 'done', s2: 'assisted' });
    expect(p.chapters.a.startedAt).toBe('t1');
    // Done once stays done at its first time.
    expect(recordStepDone(p, 'a', 's1', 't9').chapters.a.steps.s1.doneAt).toBe('t1');
  });

  it('keeps the first prediction and a bounded history per terminal', () => {
    let p = recordPrediction(emptyProgress(), 'a', 's1', 2, false, 't1');
    p = recordPrediction(p, 'a', 's1', 1, true, 't2');
    expect(p.chapters.a.steps.s1.prediction).toEqual({ choice: 2, correct: false, at: 't1' });
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) p = recordCommand(p, 'c1', `cmd ${i}`, 't');
    expect(p.history.c1).toHaveLength(HISTORY_LIMIT);
    expect(p.history.c1[0]).toBe('cmd 5');
    expect(p.history.c1.at(-1)).toBe(`cmd ${HISTORY_LIMIT + 4}`);
  });

  it('resets a step, a chapter or everything', () => {
    let p = recordStepDone(emptyProgress(), 'a', 's1', 't');
    p = recordStepDone(p, 'a', 's2', 't');
    p = recordStepDone(p, 'b', 't1', 't');
    p = recordCommand(p, 'host', 'ip link', 't');
    const stepReset = resetProgress(p, { scope: 'step', chapterId: 'a', stepId: 's1' }, 'r');
    expect(Object.keys(stepReset.chapters.a.steps)).toEqual(['s2']);
    expect(stepReset.chapters.b).toBeDefined();
    const chapterReset = resetProgress(p, { scope: 'chapter', chapterId: 'a' }, 'r');
    expect(Object.keys(chapterReset.chapters)).toEqual(['b']);
    expect(chapterReset.history.host).toEqual(['ip link']);
    expect(resetProgress(p, { scope: 'all' }, 'r')).toEqual({ ...emptyProgress(), updatedAt: 'r' });
    // The input is never changed.
    expect(Object.keys(p.chapters.a.steps)).toEqual(['s1', 's2']);
  });

  it('gives the API snapshot with the first step not done active', () => {
    let p = recordStepDone(emptyProgress(), 'a', 's1', 't1');
    p = setCurrent(p, 'a', 's2', 't2');
    expect(progressSnapshot(p, course)).toEqual({
      chapters: {
        a: { steps: { s1: { state: 'done', doneAt: 't1' }, s2: { state: 'active' }, s3: { state: 'pending' } } },
        b: { steps: { t1: { state: 'active' } } },
      },
      current: { chapterId: 'a', stepId: 's2' },
    });
  });

  it('migrates older versions step by step and refuses newer ones', () => {
    const migrations = {
      1: (d: Record<string, unknown>) => ({ ...d, version: 2, renamed: d.old }),
      2: (d: Record<string, unknown>) => ({ ...d, version: 3, extra: true }),
    };
    expect(migrate({ version: 1, old: 'x' }, migrations, 3)).toEqual({ version: 3, old: 'x', renamed: 'x', extra: true });
    expect(migrate({ version: 2 }, migrations, 3)).toEqual({ version: 3, extra: true });
    expect(() => migrate({ version: 4 }, migrations, 3)).toThrow(/version 4, written by a newer version/);
    expect(() => migrate({ version: 'one' }, migrations, 3)).toThrow(/no valid "version"/);
    expect(() => migrate({ version: 1 }, { 1: (d) => d }, 3)).toThrow(/did not produce version 2/);
    expect(() => migrate({ version: 1 }, {}, 2)).toThrow(/no migration from progress version 1/);
  });
});

describe('challenge progress', () => {
  it('tells solved from solved with help, keeps the first time, and forgets one challenge on reset', () => {
    let p = recordChallengeSolved(emptyProgress(), 'isolate-c3', 't1');
    p = recordChallengeHint(p, 'fix-masquerade', 't2');
    p = recordChallengeSolved(p, 'fix-masquerade', 't3');
    p = recordChallengeSolution(p, 'find-the-drop', 't4');
    expect(['isolate-c3', 'fix-masquerade', 'find-the-drop'].map((id) => challengeState(p, id))).toEqual(['solved', 'assisted', 'unsolved']);
    expect(recordChallengeSolved(p, 'isolate-c3', 't9').challenges['isolate-c3'].solvedAt).toBe('t1');
    const reset = resetChallenge(p, 'fix-masquerade', 'r');
    expect(Object.keys(reset.challenges)).toEqual(['isolate-c3', 'find-the-drop']);
    expect(challengeState(reset, 'fix-masquerade')).toBe('unsolved');
  });

  it('reads a version 1 file as having solved no challenge, and round-trips version 2', () => {
    const v1 = JSON.stringify({ version: 1, chapters: { a: { steps: { s1: { doneAt: 't', hintsShown: 0, solutionShown: false } } } }, history: {} });
    const migrated = parseProgress(v1);
    expect(migrated).toMatchObject({ version: 2, challenges: {}, chapters: { a: { steps: { s1: { doneAt: 't' } } } } });
    const solved = recordChallengeSolved(migrated, 'isolate-c3', 't2');
    expect(parseProgress(serializeProgress(solved))).toEqual(solved);
  });

  it('refuses a damaged challenge record with what is wrong', () => {
    const damaged = JSON.stringify({ version: 2, chapters: {}, challenges: { 'isolate-c3': { hintsShown: -1, solutionShown: false } }, history: {} });
    expect(() => parseProgress(damaged)).toThrow(ProgressFormatError);
    expect(() => parseProgress(damaged)).toThrow(/challenges\/isolate-c3\/hintsShown/);
  });
});
