// Lesson engine figures on the article's lab (simulator): time to load the
// course, and check evaluation time per command, from the moment the lab
// reports a command ended to the moment the step's status is pushed. Timed on
// the test fixture chapter, which has every kind of check (transcript with an
// order constraint, traffic, state), so the figures do not move as the course
// is edited; and on the course's counter step of the filter table, whose observed checks
// read every iptables listing the learner prints (the heaviest fact reading).
import { ChapterEngine } from '../src-main/core/lessons/engine.js';
import type { Chapter } from '../src-main/core/lessons/model.js';
import { loadChapter, loadCourse } from '../src-main/core/lessons/loader.js';
import type { LabBackend, TerminalSession } from '../src-main/core/lab/backend.js';
import { createBackend } from '../src-main/node/backends.js';
import { folderSource } from '../src-main/node/lessons-source.js';
import type { Report } from './index.js';

const COMMANDS_PER_STEP = 100;
const TIMED_CHAPTER = 'test/unit/lessons/fixtures';
/** Commands that leave the current step unfinished, so every one is evaluated against it. */
const FILLER = ['ip link', 'hostname', 'ip addr show eth0', 'ip neigh'];
/** Listings full of facts, run on the host, that still leave the filter-table steps unfinished. */
const FACT_FILLER = ['iptables -L -v -n', 'iptables -t nat -S', 'iptables-save', 'iptables -L DOCKER -v -n'];
const FACT_CHAPTER = { folder: 'lessons', id: '07-the-filter-table', steps: [2] };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runCommand(backend: LabBackend, terminal: TerminalSession, command: string, ended: () => number): Promise<void> {
  const before = ended();
  terminal.write(`${command}\r`);
  for (let waited = 0; ended() === before; waited += 10) {
    if (waited > 30_000) throw new Error(`\`${command}\` did not end within 30 s of lab time`);
    await backend.sleep(10);
  }
}

/** Evaluation times (ms) of the given step, kept current while filler commands run in c1. */
async function timeStep(chapter: Chapter, stepIndex: number, where = 'c1', filler = FILLER): Promise<number[]> {
  const backend = createBackend('sim');
  await backend.start(chapter.scenario);
  const bindings = await backend.bindings();
  let endedCount = 0;
  let endedAt = 0;
  const times: number[] = [];
  // Registered before the engine's own listener, so it sees each command first.
  backend.onCommand(() => {
    endedCount++;
    endedAt = performance.now();
  });
  const completed = Object.fromEntries(chapter.steps.slice(0, stepIndex).map((s) => [s.id, 'done' as const]));
  const stepId = chapter.steps[stepIndex].id;
  const engine = new ChapterEngine({
    backend,
    chapter,
    bindings,
    completed,
    onStatus: (status) => {
      if (status.stepId === stepId && endedCount > 0) times.push(performance.now() - endedAt);
    },
  });
  await engine.start();
  const terminal = await backend.openTerminal(where, { cols: 80, rows: 24 });
  for (let i = 0; i < COMMANDS_PER_STEP; i++) {
    await runCommand(backend, terminal, filler[i % filler.length], () => endedCount);
    await engine.idle();
  }
  if (engine.currentStepId !== stepId) throw new Error(`step ${stepId} did not stay current`);
  engine.dispose();
  await backend.dispose();
  return times;
}

export async function run(report: Report): Promise<void> {
  // Cold: the first load compiles the JSON Schemas; warm: a reload, as after an edit.
  for (const name of ['lessons.load_course_cold_ms', 'lessons.load_course_warm_ms']) {
    const started = performance.now();
    const { course } = loadCourse(folderSource('lessons'));
    report(name, performance.now() - started, 'ms');
    if (!course) throw new Error('the course manifest does not load');
  }
  const loaded = loadChapter(folderSource(TIMED_CHAPTER), '00-the-map');
  if ('errors' in loaded) throw new Error(loaded.errors.join('\n'));
  const chapter = loaded;

  for (const [index, step] of chapter.steps.entries()) {
    const kinds = [...new Set(step.checks.map((c) => c.kind))].join('+');
    const times = await timeStep(chapter, index);
    if (times.length < COMMANDS_PER_STEP) throw new Error(`step ${step.id}: ${times.length} evaluations for ${COMMANDS_PER_STEP} commands`);
    report(`lessons.check_eval_ms_p50{step=${step.id},checks=${kinds}}`, percentile(times, 50), 'ms');
    report(`lessons.check_eval_ms_p95{step=${step.id},checks=${kinds}}`, percentile(times, 95), 'ms');
    report(`lessons.check_eval_ms_max{step=${step.id},checks=${kinds}}`, Math.max(...times), 'ms');
  }

  const course = loadChapter(folderSource(FACT_CHAPTER.folder), FACT_CHAPTER.id);
  if ('errors' in course) throw new Error(course.errors.join('\n'));
  for (const index of FACT_CHAPTER.steps) {
    const step = course.steps[index];
    const kinds = [...new Set(step.checks.map((c) => c.kind))].join('+');
    const times = await timeStep(course, index, 'host', FACT_FILLER);
    if (times.length < COMMANDS_PER_STEP) throw new Error(`step ${step.id}: ${times.length} evaluations for ${COMMANDS_PER_STEP} commands`);
    report(`lessons.check_eval_ms_p50{step=${step.id},checks=${kinds}}`, percentile(times, 50), 'ms');
    report(`lessons.check_eval_ms_p95{step=${step.id},checks=${kinds}}`, percentile(times, 95), 'ms');
    report(`lessons.check_eval_ms_max{step=${step.id},checks=${kinds}}`, Math.max(...times), 'ms');
  }
}
