// Every mutant of the course, replayed on the simulator: the explanations a
// learner would read for each failing check, kept as a snapshot so a change
// to their wording is reviewed, and checked for what they must never show.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../../src-main/core/lessons/loader.js';
import { verifyChapter } from '../../../src-main/core/lessons/verify.js';
import { createBackend } from '../../../src-main/node/backends.js';
import { folderSource } from '../../../src-main/node/lessons-source.js';

const { course } = loadCourse(folderSource(join(import.meta.dirname, '../../../lessons')));

describe('explanations of the course mutants', () => {
  for (const entry of course?.chapters ?? []) {
    it(`${entry.id}: every named check fails with a plain explanation`, { timeout: 120_000 }, async () => {
      const chapter = entry.chapter!;
      const backend = createBackend('sim');
      const explanations: string[] = [];
      try {
        const verdict = await verifyChapter(chapter, backend, {
          onMutantResults: (step, mutant, results) => {
            for (const failure of mutant.fails) {
              const result = results.find((r) => r.id === failure.check)!;
              explanations.push(`${step.id} / ${mutant.name} / ${failure.check}:\n${result.explanation}`);
            }
          },
        });
        expect(verdict.failures).toEqual([]);
      } finally {
        await backend.dispose();
      }
      for (const text of explanations) {
        // Never a regular expression, always the check's hint.
        expect(text).not.toMatch(/\\[bsdSw]|\(\?|\/\^|\$\/|no command matching/);
        expect(text).toMatch(/\nHint: /);
      }
      expect(explanations.join('\n\n')).toMatchSnapshot();
    });
  }
});
