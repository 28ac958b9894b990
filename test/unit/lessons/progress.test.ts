import { describe, expect, it } from 'vitest';
import type { Course } from '../../../src-main/core/lessons/model.js';
import {
  completedSteps,
  emptyProgress,
  HISTORY_LIMIT,
  migrate,
  progressSnapshot,
  recordCommand,
  recordHint,
  recordPrediction,
  recordSolution,
  recordStepDone,
  resetProgress,
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
