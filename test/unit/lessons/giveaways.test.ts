// Predictions given away before they are asked: the answer's own words in the
// goal, the narrative or the chapter's introduction, and commands shown in the
// narrative, each reported at its file and line; the same words after the
// answer (afterPrediction) pass. afterPrediction without a prediction fails to load.
import { describe, expect, it } from 'vitest';
import { predictionGiveaways } from '../../../src-main/core/lessons/giveaways.js';
import { loadChapter } from '../../../src-main/core/lessons/loader.js';
import type { Chapter } from '../../../src-main/core/lessons/model.js';

const CHAPTER_MD = (intro: string) => `---
id: 00-x
title: X
summary: One sentence.
scenario: article
terminals: [host, c1]
---

# X

${intro}
`;

interface StepText {
  goal?: string;
  narrative?: string;
  afterPrediction?: string;
  prediction?: boolean;
}

function stepsYaml({ goal = 'Read c1 routing table.', narrative, afterPrediction, prediction = true }: StepText): string {
  const block = (key: string, text?: string) => (text === undefined ? '' : `    ${key}: |\n${text.split('\n').map((l) => `      ${l}`).join('\n')}\n`);
  return `steps:
  - id: routes
    goal: ${goal}
${block('narrative', narrative)}${
    prediction
      ? `    prediction:
      question: How does c1 send its ping to the host's uplink address?
      choices:
        - Straight out of eth0, since the host answers ARP for it
        - To the gateway by its default route
      answer: 1
      explanation: The address is not in c1's subnet.
`
      : ''
  }${block('afterPrediction', afterPrediction)}    hints: [Run ip route in c1.]
    solution: |
      @c1 ip route
    checks:
      - id: listed
        kind: transcript
        terminal: c1
        command: ^ip\\s+r
        expect: c1's routes
        hint: Run ip route.
`;
}

function giveaways(step: StepText, intro = 'Routes decide where a packet goes.'): string[] {
  const files = { 'chapters/00-x/chapter.md': CHAPTER_MD(intro), 'chapters/00-x/steps.yaml': stepsYaml(step) };
  const chapter = loadChapter({ read: (path) => files[path as keyof typeof files] }, '00-x') as Chapter;
  expect(chapter.steps).toBeDefined();
  return predictionGiveaways(chapter, { chapter: files['chapters/00-x/chapter.md'], steps: files['chapters/00-x/steps.yaml'] });
}

describe('predictions given away', () => {
  it('passes a step whose visible text does not say the answer', () => {
    expect(giveaways({ narrative: 'Each namespace has a routing table of its own.\nLook at it.' })).toEqual([]);
  });

  it("names a goal that repeats the answer's own phrase, at its line", () => {
    expect(giveaways({ goal: 'Read the default route of c1.' })).toEqual([
      "lessons/chapters/00-x/steps.yaml:3:11: step routes: its goal repeats the prediction's answer (default route) before it is asked; reword it or move it into afterPrediction",
    ]);
  });

  it('names the sentence of the narrative that gives it away, even wrapped over lines, and passes it in afterPrediction', () => {
    const narrative = 'Look at both tables.\nc1 has a default\nroute via the bridge.';
    expect(giveaways({ narrative })).toEqual([
      "lessons/chapters/00-x/steps.yaml:6:7: step routes: its narrative repeats the prediction's answer (default route) before it is asked; reword it or move it into afterPrediction",
    ]);
    expect(giveaways({ narrative: 'Look at both tables.', afterPrediction: 'c1 has a default\nroute via the bridge.' })).toEqual([]);
  });

  it('names a paraphrase that repeats three of its words without a copied phrase', () => {
    expect(giveaways({ narrative: 'By default, packets go to a gateway when no route matches.' })).toEqual([
      "lessons/chapters/00-x/steps.yaml:5:7: step routes: its narrative repeats the prediction's answer (default, gateway, route) before it is asked; reword it or move it into afterPrediction",
    ]);
  });

  it("names the chapter's introduction, in chapter.md", () => {
    expect(giveaways({}, 'Every container sends off-subnet traffic by its default route.')).toEqual([
      "lessons/chapters/00-x/chapter.md:11:1: the chapter's introduction, read before step routes repeats the prediction's answer (default route) before it is asked; reword it or move it into afterPrediction",
    ]);
  });

  it('names a command shown in the narrative before the answer', () => {
    expect(giveaways({ narrative: 'Look at it:\n\n```sh terminal=c1\nip route\n```' })).toEqual([
      'lessons/chapters/00-x/steps.yaml:7:7: step routes: its narrative shows a command to run before the prediction is answered; put it in commands or afterPrediction',
    ]);
  });

  it('refuses afterPrediction on a step that asks no prediction, at its line', () => {
    const files = { 'chapters/00-x/chapter.md': CHAPTER_MD('Intro.'), 'chapters/00-x/steps.yaml': stepsYaml({ prediction: false, afterPrediction: 'Later.' }) };
    expect(loadChapter({ read: (path) => files[path as keyof typeof files] }, '00-x')).toEqual({
      id: '00-x',
      errors: ['lessons/chapters/00-x/steps.yaml:4:22: steps[0].afterPrediction: is shown once the prediction is answered, and this step asks none: move it into `narrative`'],
    });
  });
});
