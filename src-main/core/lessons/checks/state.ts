// State checks: a probe command run in a hidden session, its output matched.
// A probe that fails or times out reports that it could not finish, and why.
import type { LabBackend } from '../../lab/backend.js';
import { compileRegex, fill } from '../bindings.js';
import type { StateCheck } from '../model.js';
import { closestFact } from '../fact-match.js';
import { differenceWords, factLine, kindWords } from '../observation.js';
import { excerpt, outcome, type CheckOutcome } from '../results.js';
import { probeFacts } from './observed.js';

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

/** Extra wall-clock time a backend gets beyond the probe's own timeout before the check gives up on it. */
const NO_ANSWER_GRACE_MS = 2000;

/** Resolves after some wall-clock milliseconds; the host provides it (core has no timers). */
export type WallTimer = (ms: number) => Promise<void>;

export async function evaluateState(
  check: StateCheck,
  backend: LabBackend,
  bindings: Record<string, string>,
  timer?: WallTimer,
): Promise<CheckOutcome> {
  const base = { id: check.id, expected: fill(check.expect, bindings), hint: fill(check.hint, bindings) };
  const probe = fill(check.probe, bindings);
  const timeoutMs = check.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const couldNotFinish = (reason: string) => outcome('state', base, 'error', `The probe \`${probe}\` on ${check.host} could not finish: ${reason}`);
  const startedAt = backend.now();
  let result;
  try {
    const answer = backend.probe(check.host, probe, timeoutMs);
    const giveUp = timer?.(timeoutMs + NO_ANSWER_GRACE_MS).then(() => undefined);
    result = await (giveUp ? Promise.race([answer, giveUp]) : answer);
  } catch (error) {
    return couldNotFinish(error instanceof Error ? error.message : String(error));
  }
  if (!result) return couldNotFinish(`the lab gave no answer within ${(timeoutMs + NO_ANSWER_GRACE_MS) / 1000} s`);
  // Backends stop a probe at its timeout and return what it printed so far.
  if (backend.now() - startedAt >= timeoutMs) return couldNotFinish(`it was still running after ${timeoutMs / 1000} s`);
  const source = `\`${probe}\` on ${check.host}`;
  const printed = `the lab's answer to ${source} was:\n${excerpt(result.output)}`;
  if (check.exitCode !== undefined && result.exitCode !== check.exitCode) {
    return outcome('state', base, 'fail', `In the lab, ${source} exited with ${result.exitCode}, not ${check.exitCode}; ${printed}`);
  }
  if (check.fact) return judgeFact(check, base, probe, result.output, bindings);
  const output = compileOptional(check.output, bindings);
  const notOutput = compileOptional(check.notOutput, bindings);
  if (output && !output.test(result.output)) return outcome('state', base, 'fail', `It is not so in the lab yet: ${printed}`);
  if (notOutput?.test(result.output)) return outcome('state', base, 'fail', `It is not so in the lab yet: ${printed}`);
  return outcome('state', base, 'pass', printed);
}

/** A state check that reads facts: the probe's output must show the fact (or, with `absent`, must not). */
function judgeFact(
  check: StateCheck,
  base: { id: string; expected: string; hint: string },
  probe: string,
  output: string,
  bindings: Record<string, string>,
): CheckOutcome {
  const expected = { kind: check.fact!, fields: check.where ?? {} };
  const { observation, facts } = probeFacts(check.host, probe, output);
  const nearest = closestFact(expected, facts, bindings);
  const present = nearest !== undefined && !nearest.difference;
  if (check.absent) {
    return present
      ? outcome('state', base, 'fail', `It is still there in the lab: ${factLine(nearest.fact)}`)
      : outcome('state', base, 'pass', `It is gone from the lab (checked with \`${probe}\` on ${check.host}).`);
  }
  if (present) return outcome('state', base, 'pass', `The lab shows it: ${factLine(nearest.fact)}`);
  if (!nearest) return outcome('state', base, 'fail', `The lab has no ${kindWords(expected.kind).replace(/^an? /, '')} like that yet.`);
  return outcome(
    'state',
    base,
    'fail',
    `In the lab, the nearest is ${factLine(nearest.fact)} — but ${differenceWords(expected.kind, nearest.difference!, observation)}.`,
  );
}

function compileOptional(pattern: string | undefined, bindings: Record<string, string>): RegExp | undefined {
  return pattern === undefined ? undefined : compileRegex(pattern, bindings);
}
