// `npm run lessons:check [-- --backend sim|docker] [--chapter ID] [--challenge ID] [--solutions-only] [--lessons DIR] [--write-schema]`
// Lesson CI: validates every lesson file against the schema, then proves on a
// fresh lab per chapter that each solution passes its step's checks and each
// mutant fails the checks it names, with the explanation it expects; the same
// for every challenge (lessons/challenges/). Naming only --challenge skips the chapters.
// It lints each chapter too: checks no mutant targets, predictions given away before they are asked.
// --solutions-only replays the solutions alone (CI on real Docker; the full proof runs on a schedule).
// Prints a table and exits non-zero on any failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCourse } from '../../core/lessons/loader.js';
import { challengeSchemas } from '../../core/lessons/challenge-schema.js';
import { loadChallenges, verifyChallenge } from '../../core/lessons/challenges.js';
import { predictionGiveaways } from '../../core/lessons/giveaways.js';
import { lessonSchemas } from '../../core/lessons/schema.js';
import { lintChapter, lintCourse, verifyChapter, type ChapterVerdict, type VerifyOptions } from '../../core/lessons/verify.js';
import type { LabBackend } from '../../core/lab/backend.js';
import { createBackend } from '../backends.js';
import { folderSource } from '../lessons-source.js';
import type { BackendKind } from '../../core/api/lab.js';

function schemaProblems(lessons: string, write: boolean): string[] {
  const problems: string[] = [];
  for (const [name, schema] of Object.entries({ ...lessonSchemas, ...challengeSchemas })) {
    const file = join(lessons, 'schema', name);
    const text = `${JSON.stringify(schema, null, 2)}\n`;
    if (write) writeFileSync(file, text);
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== text) problems.push(`${file}:1:1: out of date with src-main/core/lessons/schema.ts (run with --write-schema)`);
  }
  return problems;
}

interface CheckEntry {
  name: string;
  backends?: BackendKind[];
  /** Undefined when the files do not load. */
  verify?: (backend: LabBackend, options: VerifyOptions) => Promise<ChapterVerdict>;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

const USAGE =
  'usage: npm run lessons:check -- [--backend sim|docker] [--chapter ID ...] [--challenge ID ...] [--solutions-only] [--lessons DIR] [--write-schema]';

function options() {
  return parseArgs({
    options: {
      backend: { type: 'string', default: 'sim' },
      'solutions-only': { type: 'boolean', default: false },
      chapter: { type: 'string', multiple: true },
      challenge: { type: 'string', multiple: true },
      lessons: { type: 'string', default: 'lessons' },
      'write-schema': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
}

async function main(): Promise<number> {
  let values: ReturnType<typeof options>['values'];
  try {
    values = options().values;
  } catch (err) {
    console.error(`lessons:check: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const kind = values.backend as BackendKind;
  if (kind !== 'sim' && kind !== 'docker') {
    console.error(`--backend must be sim or docker, not "${values.backend}"`);
    return 2;
  }

  const errors = schemaProblems(values.lessons!, values['write-schema']!);
  const { course, errors: loadErrors } = loadCourse(folderSource(values.lessons!));
  errors.push(...loadErrors);
  for (const error of errors) console.error(error);
  if (!course) return 1;

  const { challenges, errors: challengeErrors } = loadChallenges(folderSource(values.lessons!));
  errors.push(...challengeErrors);
  for (const error of challengeErrors) console.error(error);
  // Naming chapters or challenges checks only those; naming neither checks everything.
  const wanted = values.chapter ?? (values.challenge ? [] : undefined);
  const wantedChallenges = values.challenge ?? (values.chapter ? [] : undefined);
  const unknown = (wanted ?? []).filter((id) => !course.chapters.some((c) => c.id === id));
  for (const id of unknown) console.error(`--chapter ${id}: no such chapter in lessons/course.yaml`);
  const unknownChallenges = (wantedChallenges ?? []).filter((id) => !challenges.some((c) => c.id === id));
  for (const id of unknownChallenges) console.error(`--challenge ${id}: no such challenge in lessons/challenges/challenges.yaml`);
  unknown.push(...unknownChallenges);
  const chapters = course.chapters.filter((c) => !wanted || wanted.includes(c.id));
  if (!wanted) {
    const courseProblems = lintCourse(course.chapters.flatMap((c) => (c.chapter ? [c.chapter] : [])));
    for (const problem of courseProblems) console.error(problem);
    errors.push(...courseProblems);
  }

  // Chapters and challenges are proven alike: each on a fresh backend, one row each.
  const entries: CheckEntry[] = [
    ...chapters.map((entry) => ({
      name: entry.id,
      backends: entry.chapter?.backends,
      verify:
        entry.chapter &&
        ((backend: LabBackend, options: VerifyOptions) => {
          const read = (name: string) => readFileSync(join(values.lessons!, 'chapters', entry.id, name), 'utf8');
          const texts = { chapter: read('chapter.md'), steps: read('steps.yaml') };
          return verifyChapter(entry.chapter!, backend, {
            ...options,
            sources: [
              { file: `lessons/chapters/${entry.id}/chapter.md`, text: texts.chapter },
              { file: `lessons/chapters/${entry.id}/steps.yaml`, text: texts.steps },
            ],
          }).then((verdict) => {
            verdict.failures.unshift(...lintChapter(entry.chapter!), ...predictionGiveaways(entry.chapter!, texts));
            return verdict;
          });
        }),
    })),
    ...challenges
      .filter((c) => !wantedChallenges || wantedChallenges.includes(c.id))
      .map((entry) => ({
        name: `challenge ${entry.id}`,
        backends: entry.challenge?.backends,
        verify:
          entry.challenge &&
          ((backend: LabBackend, options: VerifyOptions) =>
            verifyChallenge(entry.challenge!, backend, {
              ...options,
              sources: [{ file: `lessons/challenges/${entry.id}/challenge.yaml`, text: readFileSync(join(values.lessons!, 'challenges', entry.id, 'challenge.yaml'), 'utf8') }],
            })),
      })),
  ];

  const rows = [['chapter', 'steps', 'checks', 'mutants', 'alternatives', 'result']];
  let failed = errors.length > 0 || unknown.length > 0;
  for (const entry of entries) {
    if (!entry.verify) {
      rows.push([entry.name, '-', '-', '-', '-', 'FAIL (does not load)']);
      failed = true;
      continue;
    }
    if (entry.backends && !entry.backends.includes(kind)) {
      rows.push([entry.name, '-', '-', '-', '-', `skipped (not for ${kind})`]);
      continue;
    }
    const started = performance.now();
    const backend = await createBackend(kind);
    let verdict: ChapterVerdict;
    try {
      verdict = await entry.verify(backend, {
        onReplay: (what) => console.error(`# ${what}`),
        solutionsOnly: values['solutions-only'],
        timer: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
      });
    } finally {
      await backend.dispose();
    }
    for (const failure of verdict.failures) console.error(failure);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const result = verdict.failures.length ? `FAIL (${verdict.failures.length})` : 'ok';
    const notRun = (n: number) => (values['solutions-only'] ? `${n} not run` : String(n));
    rows.push([entry.name, String(verdict.steps), String(verdict.checks), notRun(verdict.mutants), notRun(verdict.alternatives), `${result} ${seconds}s`]);
    failed ||= verdict.failures.length > 0;
  }
  console.log(table(rows));
  console.log(failed ? 'lessons:check FAILED' : `lessons:check passed on ${kind}`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
