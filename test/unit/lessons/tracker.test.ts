import { describe, expect, it } from 'vitest';
import { emptyProgress, type Progress } from '../../../src-main/core/lessons/progress.js';
import { ProgressTracker } from '../../../src-main/core/lessons/tracker.js';

function memoryStore() {
  const saved: Progress[] = [];
  return { saved, save: async (p: Progress) => void saved.push(p) };
}

describe('progress tracker', () => {
  it('saves every change in order and tells listeners', async () => {
    const store = memoryStore();
    let tick = 0;
    const tracker = new ProgressTracker(emptyProgress(), store, () => `t${++tick}`);
    const seen: Progress[] = [];
    tracker.onChange((p) => seen.push(p));
    tracker.moved('00-the-map', 'ping');
    tracker.hintShown('00-the-map', 'ping');
    tracker.stepDone('00-the-map', 'ping');
    tracker.commandRan('c1', 'ping -c 3 172.16.211.128');
    await tracker.saved();
    expect(store.saved).toEqual(seen);
    expect(store.saved).toHaveLength(4);
    expect(tracker.completed('00-the-map')).toEqual({ ping: 'assisted' });
    expect(tracker.progress.chapters['00-the-map'].steps.ping.doneAt).toBe('t3');
    expect(tracker.progress.history.c1).toEqual(['ping -c 3 172.16.211.128']);
  });

  it('round-trips export and import, and leaves progress alone on a bad file', async () => {
    const store = memoryStore();
    const tracker = new ProgressTracker(emptyProgress(), store, () => 'now');
    tracker.stepDone('a', 's1');
    tracker.predicted('a', 's1', 1, true);
    const exported = tracker.exportText();
    tracker.reset({ scope: 'all' });
    expect(tracker.completed('a')).toEqual({});
    tracker.importText(exported);
    expect(tracker.completed('a')).toEqual({ s1: 'done' });
    expect(() => tracker.importText('{"version":1}')).toThrow(/damaged: \(top level\) must have required property 'chapters'/);
    expect(tracker.completed('a')).toEqual({ s1: 'done' });
    await tracker.saved();
    expect(store.saved).toHaveLength(4);
  });

  it('keeps saving after a failed save and reports the failure', async () => {
    let fail = true;
    const saved: Progress[] = [];
    const tracker = new ProgressTracker(emptyProgress(), { save: async (p) => { if (fail) throw new Error('disk full'); saved.push(p); } }, () => 'now');
    tracker.stepDone('a', 's1');
    await expect(tracker.saved()).rejects.toThrow('disk full');
    fail = false;
    tracker.stepDone('a', 's2');
    await tracker.saved();
    expect(Object.keys(saved[0].chapters.a.steps)).toEqual(['s1', 's2']);
  });
});
