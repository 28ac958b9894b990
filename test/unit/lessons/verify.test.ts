import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chapter } from '../../../src-main/core/lessons/model.js';
import { loadChapter } from '../../../src-main/core/lessons/loader.js';
import { verifyChapter } from '../../../src-main/core/lessons/verify.js';
import { folderSource } from '../../../src-main/node/lessons-source.js';
import { ScriptedLab } from './scripted-lab.js';

/** A copy of the first example chapter, so the course can change without changing this test. */
function exampleChapter(): Chapter {
  const loaded = loadChapter(folderSource(join(import.meta.dirname, 'fixtures')), '00-the-map');
  if ('errors' in loaded) throw new Error(loaded.errors.join('\n'));
  return loaded;
}

describe('lesson CI (verifyChapter)', () => {
  it('proves the example chapter: every solution passes and every mutant fails as declared', async () => {
    const verdict = await verifyChapter(exampleChapter(), new ScriptedLab());
    expect(verdict).toEqual({ chapterId: '00-the-map', steps: 3, checks: 7, mutants: 4, alternatives: 0, failures: [] });
  });

  it('catches a mutant that the checks let through (a check too loose)', async () => {
    const chapter = exampleChapter();
    const capture = chapter.steps[1].checks.find((c) => c.id === 'capture-docker0')!;
    if (capture.kind !== 'transcript') throw new Error('expected a transcript check');
    // Any tcpdump, whatever it printed: both capture mutants now pass this check,
    // and the ping "during the capture" with it.
    capture.command = '^tcpdump\\b';
    delete capture.output;
    const verdict = await verifyChapter(chapter, new ScriptedLab());
    expect(verdict.failures).toEqual([
      expect.stringMatching(/^00-the-map: step ping-the-host: mutant "capture on the uplink instead of docker0": check capture-docker0 passed but should fail/),
      expect.stringMatching(/^00-the-map: step ping-the-host: mutant "capture on the uplink instead of docker0": check ping-during-capture passed but should fail/),
      expect.stringMatching(/^00-the-map: step ping-the-host: mutant "ping before the capture starts": check capture-docker0 passed but should fail/),
    ]);
  });

  it('catches a mutant whose explanation is not the one declared', async () => {
    const chapter = exampleChapter();
    chapter.steps[0].mutants![0].fails[0].explanation = 'ran in c2';
    const verdict = await verifyChapter(chapter, new ScriptedLab());
    expect(verdict.failures).toEqual([
      expect.stringMatching(/mutant "routes of the host instead of c1": check route-listed failed, but its explanation does not match \/ran in c2\/: Wanted: c1's routing table/),
    ]);
  });

  it('reports a solution that does not complete its step, with the failing check', async () => {
    const chapter = exampleChapter();
    chapter.steps[2].solution = '@host iptables -L DOCKER -n';
    const lab = new ScriptedLab();
    const verdict = await verifyChapter(chapter, lab);
    expect(verdict.failures[0]).toMatch(/^00-the-map: step published-port: the solution did not complete it: check dnat-listed: Wanted: the nat table listed/);
  });

  it('says once that the steps after a failing solution were not checked', async () => {
    const chapter = exampleChapter();
    chapter.steps[0].solution = '@c1 hostname';
    const verdict = await verifyChapter(chapter, new ScriptedLab());
    expect(verdict.failures).toEqual([
      expect.stringMatching(/^00-the-map: step c1-default-route: the solution did not complete it: check route-listed: Wanted: c1's routing table.*No command of that kind/s),
      '00-the-map: steps after c1-default-route (2 steps, 3 mutants and alternatives) not checked: its solution fails',
    ]);
  });

  it('reports lab values written out instead of bound', async () => {
    const text = 'steps:\n  - goal: Ping 172.16.211.128 from c1.\n';
    const verdict = await verifyChapter(exampleChapter(), new ScriptedLab(), { sources: [{ file: 'lessons/chapters/00-the-map/steps.yaml', text }] });
    expect(verdict.failures).toEqual(['lessons/chapters/00-the-map/steps.yaml:2:16: 172.16.211.128 is this lab\'s host.ip: write {{host.ip}}']);
  });

  it('reports bindings the lab does not provide', async () => {
    const chapter = exampleChapter();
    chapter.bindingRefs.push({ name: 'c9.ip', file: 'lessons/chapters/00-the-map/steps.yaml', line: 3, col: 4 });
    const verdict = await verifyChapter(chapter, new ScriptedLab());
    expect(verdict.failures).toEqual(['lessons/chapters/00-the-map/steps.yaml:3:4: unknown binding {{c9.ip}}']);
  });
});
