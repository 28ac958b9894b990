// Challenges: a goal on the lab's state, with no prescribed commands, judged
// by state probes only. A challenge runs as a chapter of one step, so the
// engine, explanations, lesson CI and lessons:try are the chapters' own; what
// it adds is setup run after its scenario starts (and after every reset).
import { Ajv, type ValidateFunction } from 'ajv';
import type { BackendKind, TerminalName } from '../api/lab.js';
import type { LabBackend } from '../lab/backend.js';
import { fill } from './bindings.js';
import { challengeListSchema, challengeSchema } from './challenge-schema.js';
import { YamlFile, stepRuleErrors, unclosedBindings, type LessonSource } from './loader.js';
import type { Alternative, BindingReference, Chapter, Mutant, StateCheck, Step } from './model.js';
import { tryScript, verifyChapter, type ChapterVerdict, type VerifyOptions } from './verify.js';

/** A command run in a hidden session to shape the starting lab. */
export interface SetupCommand {
  on: TerminalName;
  run: string;
}

/** lessons/challenges/<id>/challenge.yaml */
export interface Challenge {
  id: string;
  title: string;
  /** The state to reach, without commands. */
  goal: string;
  narrative?: string;
  scenario: string;
  setup?: SetupCommand[];
  terminals: TerminalName[];
  backends?: BackendKind[];
  hints: string[];
  solution: string;
  checks: StateCheck[];
  alternatives: Alternative[];
  mutants: Mutant[];
  /** Every binding the file uses, with its position (set by the loader), to check once the lab is up. */
  bindingRefs: BindingReference[];
}

/** A challenge that failed to load: shown with its errors where it would be listed. */
export interface BrokenChallenge {
  id: string;
  errors: string[];
}

export interface ChallengesLoadResult {
  challenges: Array<{ id: string; challenge?: Challenge; broken?: BrokenChallenge }>;
  errors: string[];
}

/** The one step a challenge runs as; progress and status name it. */
export const CHALLENGE_STEP_ID = 'goal';

const LIST_PATH = 'challenges/challenges.yaml';

let validators: { list: ValidateFunction; challenge: ValidateFunction } | undefined;
function schemaValidators() {
  validators ??= (() => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    return { list: ajv.compile(challengeListSchema), challenge: ajv.compile(challengeSchema) };
  })();
  return validators;
}

/** Reads lessons/challenges/challenges.yaml and every challenge it lists; a broken one never stops the others. */
export function loadChallenges(source: LessonSource): ChallengesLoadResult {
  const text = source.read(LIST_PATH);
  if (text === undefined) return { challenges: [], errors: [`lessons/${LIST_PATH}:1:1: file not found`] };
  const file = new YamlFile(LIST_PATH, text);
  const listErrors = file.errors.length ? file.errors : file.schemaErrors(schemaValidators().list);
  if (listErrors.length) return { challenges: [], errors: listErrors };
  const ids = (file.doc.toJS() as { challenges: string[] }).challenges;
  const errors: string[] = [];
  const challenges = ids.map((id) => {
    const loaded = loadChallenge(source, id);
    if ('errors' in loaded) {
      errors.push(...loaded.errors);
      return { id, broken: loaded };
    }
    return { id, challenge: loaded };
  });
  return { challenges, errors };
}

export function loadChallenge(source: LessonSource, id: string): Challenge | BrokenChallenge {
  const path = `challenges/${id}/challenge.yaml`;
  const text = source.read(path);
  if (text === undefined) return { id, errors: [`lessons/${path}:1:1: file not found (listed in ${LIST_PATH})`] };
  const file = new YamlFile(path, text);
  const errors = file.errors.length ? file.errors : file.schemaErrors(schemaValidators().challenge);
  if (errors.length) return { id, errors };
  errors.push(...unclosedBindings(text, path));
  if (errors.length) return { id, errors };
  const challenge: Challenge = { ...(file.doc.toJS() as Omit<Challenge, 'bindingRefs'>), bindingRefs: file.bindingRefs() };
  if (challenge.id !== id) errors.push(file.atPath(['id'], `must equal the folder name "${id}"`));
  errors.push(...stepRuleErrors([stepOf(challenge)], challenge, file, () => []));
  const terminals = new Set(challenge.terminals);
  challenge.setup?.forEach((command, i) => {
    if (!terminals.has(command.on)) errors.push(file.atPath(['setup', i, 'on'], `terminal "${command.on}" is not among the challenge's terminals`));
  });
  challenge.checks.forEach((check, i) => {
    if (!terminals.has(check.host)) errors.push(file.atPath(['checks', i, 'host'], `host "${check.host}" is not among the challenge's terminals`));
  });
  if (errors.length) return { id, errors };
  return challenge;
}

function stepOf(challenge: Challenge): Step {
  return {
    id: CHALLENGE_STEP_ID,
    goal: challenge.goal,
    narrative: challenge.narrative,
    hints: challenge.hints,
    solution: challenge.solution,
    checks: challenge.checks,
    alternatives: challenge.alternatives,
    mutants: challenge.mutants,
  };
}

/** The challenge as a chapter of one step, for the engine, lesson CI and lessons:try. */
export function chapterOf(challenge: Challenge): Chapter {
  return {
    id: challenge.id,
    title: challenge.title,
    summary: challenge.goal,
    scenario: challenge.scenario,
    terminals: challenge.terminals,
    backends: challenge.backends,
    narrative: challenge.narrative ?? '',
    steps: [stepOf(challenge)],
    bindingRefs: challenge.bindingRefs,
  };
}

/** Runs a challenge's setup commands, in order, each with the lab's bindings as they are when it runs. */
export async function runSetup(backend: LabBackend, setup: readonly SetupCommand[] = []): Promise<void> {
  for (const command of setup) {
    const run = fill(command.run, await backend.bindings());
    const result = await backend.probe(command.on, run, 60_000);
    if (result.exitCode !== 0) throw new Error(`setup \`${run}\` on ${command.on} exited with ${result.exitCode}: ${result.output.trim()}`);
  }
}

/** The backend as a challenge sees it: its scenario, then its setup, at start and at every reset. */
export function withSetup(backend: LabBackend, challenge: Challenge): LabBackend {
  return new Proxy(backend, {
    get(target, property, receiver) {
      if (property === 'start') {
        return async (scenario: string, onProgress?: Parameters<LabBackend['start']>[1]) => {
          await target.start(scenario, onProgress);
          await runSetup(target, challenge.setup);
        };
      }
      if (property === 'reset') {
        return async () => {
          await target.reset();
          await runSetup(target, challenge.setup);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Lesson CI for one challenge: the solution and alternatives solve it, every mutant fails with its explanation. */
export async function verifyChallenge(challenge: Challenge, backend: LabBackend, options: VerifyOptions = {}): Promise<ChapterVerdict> {
  const verdict = await verifyChapter(chapterOf(challenge), withSetup(backend, challenge), options);
  verdict.failures.unshift(...lintChallenge(challenge));
  return verdict;
}

/** Rules over a whole challenge: every check proven able to fail by a mutant. */
export function lintChallenge(challenge: Challenge): string[] {
  const file = `lessons/challenges/${challenge.id}/challenge.yaml`;
  const targeted = new Set(challenge.mutants.flatMap((m) => m.fails.map((f) => f.check)));
  return challenge.checks
    .filter((check) => !targeted.has(check.id))
    .map((check) => `${file}: check ${check.id} is not targeted by any mutant, so nothing proves it can fail`);
}

/** How `lessons:try --challenge` reports a learner's script. */
export interface ChallengeTryReport {
  challenge: string;
  solved: boolean;
  checks: Array<{ id: string; passed: boolean; explanation: string }>;
}

/** Replays a learner's script from the challenge's starting lab and judges the state it leaves. */
export async function tryChallenge(challenge: Challenge, backend: LabBackend, script: string, options: VerifyOptions = {}): Promise<ChallengeTryReport> {
  const report = await tryScript(chapterOf(challenge), withSetup(backend, challenge), script, options);
  const [step] = report.steps;
  return { challenge: challenge.id, solved: step.state === 'done', checks: step.checks };
}
