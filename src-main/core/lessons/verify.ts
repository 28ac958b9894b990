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

export interface ChapterVerdict {
  chapterId: string;
  steps: number;
  checks: number;
  mutants: number;
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
  /** The chapter's files as written, to find lab values spelt out instead of bound. */
  sources?: Array<{ file: string; text: string }>;
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

    for (const [index, step] of chapter.steps.entries()) {
      if (firstBroken && index > chapter.steps.indexOf(firstBroken)) {
        const untested = chapter.steps.slice(index).reduce((n, s) => n + (s.mutants?.length ?? 0), 0);
        fail(`steps after ${firstBroken.id} (${chapter.steps.length - index} steps, ${untested} mutants) not checked: its solution fails`);
        break;
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

async function verifyMutant(
  chapter: Chapter,
  stepIndex: number,
  mutant: Mutant,
  backend: LabBackend,
  options: VerifyOptions,
): Promise<string[]> {
  await backend.reset();
  const bindings = await backend.bindings();
  const run = await Lab.begin(chapter, backend, bindings, options);
  try {
    for (const earlier of chapter.steps.slice(0, stepIndex)) {
      const failure = await run.replay(earlier.solution, earlier);
      if (failure) return [`the solution of the earlier step ${earlier.id} failed: ${failure}`];
    }
    const step = chapter.steps[stepIndex];
    await run.replay(mutant.solution, step);
    const results = run.engine.status(step.id).checks;
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
    run.end();
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
