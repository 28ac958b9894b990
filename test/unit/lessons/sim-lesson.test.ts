// The example chapter on the real simulator: lesson CI end to end.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChapter } from '../../../src-main/core/lessons/loader.js';
import { verifyChapter } from '../../../src-main/core/lessons/verify.js';
import { createBackend } from '../../../src-main/node/backends.js';
import { folderSource } from '../../../src-main/node/lessons-source.js';

describe('lesson CI on the simulator', () => {
  it('passes every solution and catches every mutant of the example chapter', { timeout: 60_000 }, async () => {
    const chapter = loadChapter(folderSource(join(import.meta.dirname, 'fixtures')), '00-the-map');
    if ('errors' in chapter) throw new Error(chapter.errors.join('\n'));
    const backend = createBackend('sim');
    try {
      expect(await verifyChapter(chapter, backend)).toEqual({ chapterId: '00-the-map', steps: 3, checks: 7, mutants: 4, alternatives: 0, failures: [] });
    } finally {
      await backend.dispose();
    }
  });
});
