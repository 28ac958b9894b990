// Lint for predictions given away before they are asked. A learner sees a
// step's goal and narrative, and the chapter's introduction, before answering;
// the commands, checks, hints and `afterPrediction` come after. A sentence of
// that visible text which repeats what only the right answer says (words no
// other choice and not the question use), or which shows a command to run,
// hands the answer over. Word overlap cannot read meaning, so the rewording an
// author must still judge is theirs; this catches the copies an author misses.
import { positionIn } from './bindings.js';
import { YamlFile } from './loader.js';
import type { Chapter, Prediction } from './model.js';

export interface ChapterTexts {
  /** lessons/chapters/<id>/steps.yaml as written. */
  steps: string;
  /** lessons/chapters/<id>/chapter.md as written. */
  chapter: string;
}

/** Words that carry no answer of their own. */
const COMMON = new Set(
  (
    'a an the of to in on at by for from with and or but not no nor as is are was were be been being it its this that these those ' +
    'there here than then so if when while which what who whom whose how why will would can could may might must shall should do ' +
    'does did done has have had only own same other another any each every all both one two three first into out up down over ' +
    'through because via also just more most less very yet still even too again you your we our they their them he she his her ' +
    'i me my us'
  ).split(' '),
);

const BINDING_OR_WORD = /\{\{[^}]+\}\}|[A-Za-z0-9][\w.-]*[A-Za-z0-9]|[A-Za-z0-9]/g;

/** A word as the lint compares it: lower case, no possessive, no plural s. */
function normalize(word: string): string {
  const lower = word.toLowerCase().replace(/['’]s$/, '');
  return /^[a-z]{4,}s$/.test(lower) && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
}

/** The words of a text that can carry an answer, in order. */
function words(text: string): string[] {
  return [...text.replace(/['’]s\b/g, '').matchAll(BINDING_OR_WORD)].map((m) => normalize(m[0])).filter((w) => !COMMON.has(w));
}

/** Words only the right choice uses: not the question's, not another choice's. */
export function answerWords(prediction: Prediction): Set<string> {
  const elsewhere = new Set([prediction.question, ...prediction.choices.filter((_, i) => i !== prediction.answer)].flatMap(words));
  return new Set(words(prediction.choices[prediction.answer]).filter((w) => !elsewhere.has(w)));
}

/** Two words side by side, in either order. */
function pairs(sequence: readonly string[]): Set<string> {
  return new Set(sequence.slice(1).map((word, i) => [sequence[i], word].sort().join(' ')));
}

/** A paraphrase that repeats this many of the answer's own words gives it away even without a copied phrase. */
const PARAPHRASE_WORDS = 3;

/**
 * What of the answer a sentence repeats: a phrase of two words side by side in
 * both (one of them the answer's own), or three of the answer's own words.
 */
export function repeatedAnswer(sentence: string, prediction: Prediction): string | undefined {
  const own = answerWords(prediction);
  const said = words(sentence);
  const answerPairs = pairs(words(prediction.choices[prediction.answer]));
  const phrase = [...pairs(said)].find((pair) => answerPairs.has(pair) && pair.split(' ').some((w) => own.has(w)));
  if (phrase) return phrase;
  const repeated = [...new Set(said.filter((w) => own.has(w)))];
  return repeated.length > 0 && repeated.length >= Math.min(PARAPHRASE_WORDS, own.size) ? repeated.join(', ') : undefined;
}

/** Sentences of a text: a sentence ends at `.`, `!` or `?` before a space, or at a blank line. */
function sentences(text: string): string[] {
  return [...text.matchAll(/(?:[^.!?\n]|[.!?](?!\s|$)|\n(?!\s*\n))+[.!?]*/g)].map((m) => m[0].trim()).filter(Boolean);
}

/** A fenced block with "Run in" buttons: ```` ```sh terminal=c1 ````. */
const RUNNABLE_FENCE = /^[ \t]*(`{3,}|~{3,})[^\n]*\bterminal=/m;

/** Text a learner reads before answering, and where it is written. */
interface Shown {
  what: string;
  text: string;
  file: string;
  /** The whole file, to turn an offset into a line. */
  source: string;
  /** Where in `source` the text is written (a YAML field's node, or the chapter's body). */
  from: number;
  to?: number;
}

/** Code blocks become blanks of their length: their commands are the other rule's, and offsets stay right. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(`{3,}|~{3,})[\s\S]*?^\1/gm, (block) => block.replace(/[^\n]/g, ' '));
}

export function predictionGiveaways(chapter: Chapter, texts: ChapterTexts): string[] {
  const stepsFile = `lessons/chapters/${chapter.id}/steps.yaml`;
  const chapterFile = `lessons/chapters/${chapter.id}/chapter.md`;
  const yaml = new YamlFile(`chapters/${chapter.id}/steps.yaml`, texts.steps);
  const problems: string[] = [];
  const at = (where: Shown, text: string, message: string) => {
    // YAML indents the lines after the first, so only the first line is looked for as written.
    const found = where.source.slice(where.from, where.to).indexOf(text.trim().split('\n')[0]);
    const { line, col } = positionIn(where.source, where.from + Math.max(0, found));
    problems.push(`${where.file}:${line}:${col}: ${message}`);
  };
  const field = (s: number, key: string) => {
    const range = yaml.node(['steps', s, key])?.range;
    return { file: stepsFile, source: texts.steps, from: range?.[0] ?? 0, to: range?.[1] };
  };
  const intro: Omit<Shown, 'what'> = { text: chapter.narrative, file: chapterFile, source: texts.chapter, from: texts.chapter.indexOf('\n---', 3) + 1 };
  chapter.steps.forEach((step, s) => {
    if (!step.prediction) return;
    const narrative: Shown | undefined = step.narrative === undefined ? undefined : { what: `step ${step.id}: its narrative`, text: step.narrative, ...field(s, 'narrative') };
    const shown: Shown[] = [
      { what: `step ${step.id}: its goal`, text: step.goal, ...field(s, 'goal') },
      ...(narrative ? [narrative] : []),
      { what: `the chapter's introduction, read before step ${step.id}`, ...intro },
    ];
    for (const where of shown) {
      for (const sentence of sentences(withoutCode(where.text))) {
        const repeated = repeatedAnswer(sentence, step.prediction);
        if (repeated) at(where, sentence, `${where.what} repeats the prediction's answer (${repeated}) before it is asked; reword it or move it into afterPrediction`);
      }
    }
    const fence = narrative && RUNNABLE_FENCE.exec(narrative.text);
    if (narrative && fence) {
      at(narrative, fence[0], `step ${step.id}: its narrative shows a command to run before the prediction is answered; put it in commands or afterPrediction`);
    }
  });
  return problems;
}
