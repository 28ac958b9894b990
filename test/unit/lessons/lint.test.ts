// Lesson lint: unclosed bindings, the recap kept for the end of a chapter,
// checks no mutant targets, chapters without faked output or other routes,
// and prediction answers crowded on one position.
import { describe, expect, it } from 'vitest';
import { loadChapter, type LessonSource } from '../../../src-main/core/lessons/loader.js';
import type { Chapter } from '../../../src-main/core/lessons/model.js';
import { choiceOrder } from '../../../src-main/core/lessons/prediction-order.js';
import { lintChapter, lintCourse } from '../../../src-main/core/lessons/verify.js';

const CHAPTER_MD = `---
id: 00-x
title: X
summary: One sentence.
scenario: article
terminals: [host]
---

# X

Intro with {{host.ip}}.

## Recap

- docker0 holds {{docker0.ip}}.

## Going further

More.
`;

function steps(goal = 'List the addresses.'): string {
  return `steps:
  - id: one
    goal: ${goal}
    hints: [Run ip a.]
    solution: |
      @host ip a
    checks:
      - id: listed
        kind: observed
        terminal: host
        fact: ip-address
        where:
          interface: docker0
        expect: docker0's address
        hint: Run ip a.
      - id: other
        kind: transcript
        command: ^ip\\b
        expect: an ip command
        hint: Run ip.
    mutants:
      - name: typed it
        solution: |
          @host echo docker0
        fails:
          - check: listed
            explanation: typed
`;
}

function source(files: Record<string, string>): LessonSource {
  return { read: (path) => files[path] };
}

function load(stepsText: string, markdown = CHAPTER_MD): Chapter | { errors: string[] } {
  return loadChapter(source({ 'chapters/00-x/chapter.md': markdown, 'chapters/00-x/steps.yaml': stepsText }), '00-x') as Chapter | { errors: string[] };
}

describe('lesson lint', () => {
  it('fails an unclosed {{ with its file, line and column', () => {
    const result = load(steps('Ping {{host.ip and read the reply.'));
    expect(result).toEqual({ id: '00-x', errors: ['lessons/chapters/00-x/steps.yaml:3:16: "{{" is never closed with "}}" on this line'] });
  });

  it('keeps the recap apart from the introduction', () => {
    const chapter = load(steps()) as Chapter;
    expect(chapter.narrative).toBe('# X\n\nIntro with {{host.ip}}.\n\n## Going further\n\nMore.');
    expect(chapter.recap).toBe('- docker0 holds {{docker0.ip}}.');
  });

  it('names every check no mutant targets, and a chapter without alternatives', () => {
    const chapter = load(steps()) as Chapter;
    expect(lintChapter(chapter)).toEqual([
      'lessons/chapters/00-x/steps.yaml: step one: check other is not targeted by any mutant, so nothing proves it can fail',
      'lessons/chapters/00-x/steps.yaml: no step lists alternatives (other correct formats or flags); add the routes a network engineer would take',
    ]);
  });

  it('asks for a mutant that fakes the output with echo or printf', () => {
    const chapter = load(steps().replace('@host echo docker0', '@host ip r')) as Chapter;
    expect(lintChapter(chapter)).toContain(
      'lessons/chapters/00-x/steps.yaml: no mutant fakes the expected output (typed with echo or printf); add one to prove typed text never counts',
    );
  });

  it('fails a course whose prediction answers crowd one position', () => {
    const chapter = load(steps()) as Chapter;
    const withAnswer = (answer: number) => ({ ...chapter.steps[0], prediction: { question: 'Q?', choices: ['a', 'b', 'c'], answer, explanation: 'E.' } });
    const crowded = { ...chapter, steps: [withAnswer(1), withAnswer(1), withAnswer(0)] };
    expect(lintCourse([crowded])).toEqual(['lessons/chapters: 2 of 3 predictions have their answer at position 1; spread the answers over the positions']);
    expect(lintCourse([{ ...chapter, steps: [withAnswer(1), withAnswer(2), withAnswer(0)] }])).toEqual([]);
  });
});

describe('prediction choice order', () => {
  it('is a permutation, stable for one learner and step', () => {
    const order = choiceOrder('2026-12-07T03:00:00.000Z', '02-a-ping-in-the-dark', 'routing-tables', 3);
    expect([...order].sort()).toEqual([0, 1, 2]);
    expect(choiceOrder('2026-12-07T03:00:00.000Z', '02-a-ping-in-the-dark', 'routing-tables', 3)).toEqual(order);
  });

  it('differs between learners', () => {
    const orders = new Set(Array.from({ length: 20 }, (_, i) => choiceOrder(`learner-${i}`, 'c', 's', 3).join('')));
    expect(orders.size).toBeGreaterThan(3);
  });
});
