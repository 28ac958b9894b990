// Lesson CI for one chapter: on a fresh lab, replay each step's solution
// through the terminals (as a learner types) and prove its checks pass; then
// replay each mutant after the earlier steps' solutions and prove the checks
// it names fail with the explanation it expects.
import type { LabBackend } from '../lab/backend.js';
import { parseScript, runScript } from '../lab/runner.js';
import { compileRegex, fill, findHardCodedValues, positionIn } from './bindings.js';
import type { WallTimer } from './checks/state.js';
import { ChapterEngine } from './engine.js';
import type { Chapter, Mutant, Step } from './model.js';
import { checkBindings } from './loader.js';
import type { CheckOutcome } from './results.js';

export interface ChapterVerdict {
  chapterId: string;
  steps: number;
  checks: number;
  mutants: number;
  alternatives: number;
  /** Empty when the chapter passed. */
  failures: string[];
}

export interface VerifyOptions {
  /** Lab time to wait, after a script, for its step to complete (commands ending after Ctrl+C). */
  settleMs?: number;
  /** Called before each replay, for progress output. */
  onReplay?: (what: string) => void;
  /** Wall-clock timer for state probes the lab never answers (see ChapterEngineOptions.timer). */
  timer?: WallTimer;
  /** Called with the step's check results after each mutant, for review of the explanations learners read. */
  onMutantResults?: (step: Step, mutant: Mutant, results: readonly CheckOutcome[]) => void;
  /** The chapter's files as written, to find lab values spelt out instead of bound. */
  sources?: Array<{ file: string; text: string }>;
  /**
   * Replay only the solutions, not the alternatives and mutants. Each of those replays from a
   * fresh lab, which on real Docker costs minutes per chapter: CI proves them on the simulator
   * and replays the solutions on Docker; the scheduled run proves everything on both.
   */
  solutionsOnly?: boolean;
}

const SETTLE_POLL_MS = 50;
/** Lab time a step's commands get to end before its checks are read; a command still running after it is read as it is. */
const COMMANDS_END_WITHIN_MS = 15_000;

export async function verifyChapter(chapter: Chapter, backend: LabBackend, options: VerifyOptions = {}): Promise<ChapterVerdict> {
  const verdict: ChapterVerdict = {
    chapterId: chapter.id,
    steps: chapter.steps.length,
    checks: chapter.steps.reduce((n, s) => n + s.checks.length, 0),
    mutants: chapter.steps.reduce((n, s) => n + (s.mutants?.length ?? 0), 0),
    alternatives: chapter.steps.reduce((n, s) => n + (s.alternatives?.length ?? 0), 0),
    failures: [],
  };
  const fail = (message: string) => verdict.failures.push(`${chapter.id}: ${message}`);
  try {
    await backend.start(chapter.scenario);
    const bindings = await backend.bindings();
    const bindingErrors = checkBindings(chapter, bindings);
    if (bindingErrors.length) {
      verdict.failures.push(...bindingErrors);
      return verdict;
    }
    for (const { file, text } of options.sources ?? []) {
      for (const found of findHardCodedValues(text, bindings)) {
        const { line, col } = positionIn(text, found.index);
        verdict.failures.push(`${file}:${line}:${col}: ${found.value} is this lab's ${found.name}: write {{${found.name}}}`);
      }
    }

    options.onReplay?.(`${chapter.id}: solutions`);
    const run = await Lab.begin(chapter, backend, bindings, options);
    // Steps after the first whose solution fails never become current: one message says so.
    let firstBroken: Step | undefined;
    for (const step of chapter.steps) {
      const failure = await run.replay(step.solution, step);
      if (!failure) continue;
      firstBroken = step;
      fail(`step ${step.id}: the solution did not complete it: ${failure}`);
      break;
    }
    run.end();
    if (options.solutionsOnly) return verdict;

    for (const [index, step] of chapter.steps.entries()) {
      if (firstBroken && index > chapter.steps.indexOf(firstBroken)) {
        const untested = chapter.steps.slice(index).reduce((n, s) => n + (s.mutants?.length ?? 0) + (s.alternatives?.length ?? 0), 0);
        fail(`steps after ${firstBroken.id} (${chapter.steps.length - index} steps, ${untested} mutants and alternatives) not checked: its solution fails`);
        break;
      }
      for (const alternative of step.alternatives ?? []) {
        options.onReplay?.(`${chapter.id}: ${step.id}: alternative "${alternative.name}"`);
        const problem = await verifyAlternative(chapter, index, alternative.solution, backend, options);
        if (problem) fail(`step ${step.id}: alternative "${alternative.name}" did not complete it: ${problem}`);
      }
      for (const mutant of step.mutants ?? []) {
        options.onReplay?.(`${chapter.id}: ${step.id}: mutant "${mutant.name}"`);
        const problems = await verifyMutant(chapter, index, mutant, backend, options);
        for (const problem of problems) fail(`step ${step.id}: mutant "${mutant.name}": ${problem}`);
      }
    }
  } catch (error) {
    fail(`could not finish: ${error instanceof Error ? error.message : String(error)}`);
  }
  return verdict;
}

/** Course rules that need the whole chapter: every check proven able to fail, faked output and other routes tried. */
export function lintChapter(chapter: Chapter): string[] {
  const problems: string[] = [];
  const file = `lessons/chapters/${chapter.id}/steps.yaml`;
  for (const step of chapter.steps) {
    const targeted = new Set((step.mutants ?? []).flatMap((m) => m.fails.map((f) => f.check)));
    for (const check of step.checks) {
      if (!targeted.has(check.id)) problems.push(`${file}: step ${step.id}: check ${check.id} is not targeted by any mutant, so nothing proves it can fail`);
    }
  }
  const mutants = chapter.steps.flatMap((s) => s.mutants ?? []);
  if (!mutants.some((m) => FAKED_OUTPUT.test(m.solution))) {
    problems.push(`${file}: no mutant fakes the expected output (typed with echo or printf); add one to prove typed text never counts`);
  }
  if (!chapter.steps.some((s) => s.alternatives?.length)) {
    problems.push(`${file}: no step lists alternatives (other correct formats or flags); add the routes a network engineer would take`);
  }
  return problems;
}

/** Course rules across chapters: prediction answers spread over the positions, so where the answer sits gives nothing away. */
export function lintCourse(chapters: readonly Chapter[]): string[] {
  const positions = new Map<number, number>();
  let total = 0;
  for (const step of chapters.flatMap((c) => c.steps)) {
    if (!step.prediction) continue;
    positions.set(step.prediction.answer, (positions.get(step.prediction.answer) ?? 0) + 1);
    total++;
  }
  const crowded = [...positions].find(([, count]) => total >= 3 && count > total / 2);
  if (!crowded) return [];
  return [`lessons/chapters: ${crowded[1]} of ${total} predictions have their answer at position ${crowded[0]}; spread the answers over the positions`];
}

/** A mutant that types the expected text instead of running the tool. */
const FAKED_OUTPUT = /^\s*@\S+\s+(.*[;&|]\s*)?(echo|printf)\b/m;

/** Replays the earlier steps' solutions on a fresh lab, then a script for step `stepIndex`. */
async function replayUpTo(chapter: Chapter, stepIndex: number, script: string, backend: LabBackend, options: VerifyOptions): Promise<{ lab: Lab; bindings: Record<string, string>; earlierFailure?: string; failure?: string }> {
  await backend.reset();
  const bindings = await backend.bindings();
  const lab = await Lab.begin(chapter, backend, bindings, options);
  for (const earlier of chapter.steps.slice(0, stepIndex)) {
    const failure = await lab.replay(earlier.solution, earlier);
    if (failure) return { lab, bindings, earlierFailure: `the solution of the earlier step ${earlier.id} failed: ${failure}` };
  }
  const failure = await lab.replay(script, chapter.steps[stepIndex]);
  return { lab, bindings, failure };
}

async function verifyAlternative(chapter: Chapter, stepIndex: number, script: string, backend: LabBackend, options: VerifyOptions): Promise<string | undefined> {
  const { lab, earlierFailure, failure } = await replayUpTo(chapter, stepIndex, script, backend, options);
  lab.end();
  return earlierFailure ?? failure;
}

async function verifyMutant(
  chapter: Chapter,
  stepIndex: number,
  mutant: Mutant,
  backend: LabBackend,
  options: VerifyOptions,
): Promise<string[]> {
  const { lab, bindings, earlierFailure } = await replayUpTo(chapter, stepIndex, mutant.solution, backend, options);
  try {
    if (earlierFailure) return [earlierFailure];
    const results = lab.engine.status(chapter.steps[stepIndex].id).checks;
    options.onMutantResults?.(chapter.steps[stepIndex], mutant, results);
    const problems: string[] = [];
    for (const expected of mutant.fails) {
      const result = results.find((r) => r.id === expected.check)!;
      if (result.status === 'pass') {
        problems.push(`check ${expected.check} passed but should fail (${result.seen})`);
        continue;
      }
      const pattern = compileRegex(expected.explanation, bindings);
      if (!pattern.test(result.explanation ?? '')) {
        problems.push(`check ${expected.check} failed, but its explanation does not match /${pattern.source}/: ${result.explanation}`);
      }
    }
    return problems;
  } finally {
    lab.end();
  }
}

/** One replay session: the engine following the lab while scripts run. */
class Lab {
  private constructor(
    readonly engine: ChapterEngine,
    private readonly backend: LabBackend,
    private readonly bindings: Record<string, string>,
    private readonly settleMs: number,
  ) {}

  static async begin(chapter: Chapter, backend: LabBackend, bindings: Record<string, string>, options: VerifyOptions): Promise<Lab> {
    const engine = new ChapterEngine({ backend, chapter, bindings, timer: options.timer });
    await engine.start();
    return new Lab(engine, backend, bindings, options.settleMs ?? 3000);
  }

  /** Runs a script for a step; returns why the step is not done, or undefined when it is. */
  async replay(script: string, step: Step): Promise<string | undefined> {
    // Checks read what the step's commands did: wait for them to end (a `curl -m 3` takes 3 s), not a fixed time.
    const result = await runScript(this.backend, parseScript(fill(script, this.bindings)), { drainMs: COMMANDS_END_WITHIN_MS });
    if (result.error) return result.error;
    await this.engine.idle();
    for (let waited = 0; !this.done(step) && waited < this.settleMs; waited += SETTLE_POLL_MS) {
      await this.backend.sleep(SETTLE_POLL_MS);
      await this.engine.idle();
    }
    if (this.done(step)) return undefined;
    if (this.engine.status(step.id).state === 'pending') return 'it never became current: an earlier step is not done';
    const failing = this.engine.status(step.id).checks.filter((c) => c.status !== 'pass');
    return failing.map((c) => `check ${c.id}: ${c.explanation ?? c.status}`).join('; ');
  }

  private done(step: Step): boolean {
    const state = this.engine.status(step.id).state;
    return state === 'done' || state === 'assisted';
  }

  end(): void {
    this.engine.dispose();
  }
}

/** How `lessons:try` reports a learner's script: each step's state and its checks, as the app would judge them. */
export interface TryReport {
  chapter: string;
  steps: Array<{
    id: string;
    state: 'pending' | 'active' | 'done';
    checks: Array<{ id: string; passed: boolean; explanation: string }>;
  }>;
}

/**
 * Replays a learner's script in a chapter from its starting lab, steps
 * becoming current in order as the app runs them. Predictions do not gate
 * checks in the app (a wrong answer only shows the explanation), so how they
 * were answered changes nothing here.
 */
export async function tryScript(chapter: Chapter, backend: LabBackend, script: string, options: VerifyOptions = {}): Promise<TryReport> {
  await backend.start(chapter.scenario);
  const bindings = await backend.bindings();
  const lab = await Lab.begin(chapter, backend, bindings, options);
  try {
    await lab.replay(script, chapter.steps.at(-1)!);
    return {
      chapter: chapter.id,
      steps: chapter.steps.map((step) => {
        const status = lab.engine.status(step.id);
        const state = status.state === 'assisted' ? 'done' : status.state;
        return {
          id: step.id,
          state,
          checks: status.checks.map((check) => ({
            id: check.id,
            passed: check.status === 'pass',
            explanation:
              check.status === 'pass'
                ? check.seen
                : state === 'pending'
                  ? 'Not checked: an earlier step is not done yet.'
                  : (check.explanation ?? check.status),
          })),
        };
      }),
    };
  } finally {
    lab.end();
  }
}
