// Observed checks: some command's real output showed a fact. Any command
// whose tool printed it counts, whatever its format or flags; typed text
// (echo, cat, printf), counts of lines and mixed outputs never do. A failure
// talks about the learner's nearest attempt in this step and the one
// difference that matters.
import type { CommandRecord } from '../../api/lab.js';
import type { Fact } from '../../facts/model.js';
import { fill } from '../bindings.js';
import { closestFact, type FactComparison } from '../fact-match.js';
import type { ExpectedFact, ObservedCheck } from '../model.js';
import { readFacts } from '../../facts/read.js';
import { differenceWords, factLine, kindWords, observe, toolShows, toolsFor, type Observation } from '../observation.js';
import { outcome, type CheckOutcome } from '../results.js';

export interface ObservedContext {
  /** Commands in the order they ended. */
  records: readonly CommandRecord[];
  /** First record seq that belongs to the current step. */
  stepStartSeq: number;
  bindings: Record<string, string>;
}

export function quoteCommand(record: Pick<CommandRecord, 'command' | 'terminal'>): string {
  return `\`${record.command.trim()}\` in ${record.terminal}`;
}

/** How close an attempt came, best last: a match in the wrong place beats a near fact, which beats the right tool showing nothing. */
const enum Closeness {
  OtherCommand,
  TypedText,
  RightTool,
  NearFact,
  /** Typed text that would show the fact if a tool had printed it. */
  Faked,
  WrongPlace,
  Match,
}

interface Attempt {
  observation: Observation;
  closeness: Closeness;
  comparison?: FactComparison;
}

function attemptOf(observation: Observation, expected: ExpectedFact, terminal: string | undefined, bindings: Record<string, string>): Attempt {
  const { attribution } = observation;
  if (attribution.kind === 'none') {
    const typed = /^(echo|printf|cat)\b/.test(attribution.reason.replace(/`/g, ''));
    if (!typed) return { observation, closeness: Closeness.OtherCommand };
    return { observation, closeness: wouldShow(observation.record.output, expected, bindings) ? Closeness.Faked : Closeness.TypedText };
  }
  const comparison = closestFact(expected, observation.facts, bindings);
  if (comparison && !comparison.difference) {
    const placeOk = terminal === undefined || attribution.place === terminal;
    return { observation, comparison, closeness: placeOk ? Closeness.Match : Closeness.WrongPlace };
  }
  if (comparison) return { observation, comparison, closeness: Closeness.NearFact };
  return { observation, closeness: toolShows(attribution.producer.tool, expected.kind) ? Closeness.RightTool : Closeness.OtherCommand };
}

/** Whether text, had one of the fact's tools printed it, would show the fact. */
function wouldShow(output: string, expected: ExpectedFact, bindings: Record<string, string>): boolean {
  // The lab's values (bound ones and numbers) all written out are enough to call it a fake, whatever its format.
  const scalars = Object.values(expected.fields).filter((v) => typeof v === 'string' || typeof v === 'number');
  const labValues = scalars.filter((v) => typeof v === 'number' || v.includes('{{'));
  const values = labValues.length > 0 ? labValues : scalars;
  if (values.length > 0 && values.every((v) => output.includes(fill(String(v), bindings)))) return true;
  return toolsFor(expected.kind).some((tool) => {
    const comparison = closestFact(expected, readFacts({ tool, argv: [] }, output), bindings);
    return comparison !== undefined && !comparison.difference;
  });
}

/** The nearest attempt among records; later attempts win ties (the learner's latest try). */
export function nearestAttempt(
  records: readonly Pick<CommandRecord, 'command' | 'terminal' | 'output'>[],
  expected: ExpectedFact,
  terminal: string | undefined,
  bindings: Record<string, string>,
): Attempt | undefined {
  let best: Attempt | undefined;
  for (const record of records) {
    const attempt = attemptOf(observe(record), expected, terminal, bindings);
    if (
      !best ||
      attempt.closeness > best.closeness ||
      (attempt.closeness === best.closeness && (attempt.comparison?.matched ?? 0) >= (best.comparison?.matched ?? 0))
    ) {
      best = attempt;
    }
    if (best.closeness === Closeness.Match) return best;
  }
  return best;
}

/** What the nearest attempt showed and why it is not enough, in sentences. */
export function explainAttempt(attempt: Attempt | undefined, expected: ExpectedFact, terminal: string | undefined, none: string): string {
  if (!attempt) return none;
  const what = describeAttempt(attempt, expected, terminal);
  const { attribution } = attempt.observation;
  const place = attribution.kind === 'tool' ? attribution.place : attempt.observation.record.terminal;
  const elsewhere = (attempt.closeness === Closeness.NearFact || attempt.closeness === Closeness.RightTool) && terminal !== undefined && place !== terminal;
  return elsewhere ? `${what} Besides, it ran in ${place}, and this has to be seen in ${terminal}.` : what;
}

function describeAttempt(attempt: Attempt, expected: ExpectedFact, terminal: string | undefined): string {
  const { observation } = attempt;
  const quoted = quoteCommand(observation.record);
  const { attribution } = observation;
  switch (attempt.closeness) {
    case Closeness.Match:
      return `${quoted} showed it: ${factLine(attempt.comparison!.fact)}`;
    case Closeness.WrongPlace: {
      const place = attribution.kind === 'tool' ? attribution.place : observation.record.terminal;
      return `${quoted} showed it, but it ran in ${place}, and this has to be seen in ${terminal}.`;
    }
    case Closeness.NearFact: {
      const { fact, difference } = attempt.comparison!;
      return `The nearest attempt, ${quoted}, showed ${factLine(fact)} — but ${differenceWords(expected.kind, difference!, observation)}.`;
    }
    case Closeness.RightTool: {
      if (attribution.kind === 'tool' && attribution.counted) {
        return `${quoted} printed a count of lines (through \`wc\`), not the lines themselves, so it shows no ${kindWords(expected.kind).replace(/^an? /, '')}.`;
      }
      const filtered = attribution.kind === 'tool' && attribution.filters.length ? `; the \`${attribution.filters.join(' | ')}\` after it left none of those lines` : '';
      return `${quoted} printed no ${kindWords(expected.kind).replace(/^an? /, '')}${filtered}.`;
    }
    case Closeness.Faked: {
      const reason = attribution.kind === 'none' ? attribution.reason : '';
      return `${quoted} printed it, but only as text typed on the command line: ${reason}.`;
    }
    case Closeness.TypedText:
    case Closeness.OtherCommand: {
      const reason = attribution.kind === 'none' ? ` (${attribution.reason})` : '';
      return `Nothing in this step showed ${kindWords(expected.kind)} like that; the nearest command was ${quoted}${reason}.`;
    }
  }
}

export function evaluateObserved(check: ObservedCheck, ctx: ObservedContext): CheckOutcome {
  const base = { id: check.id, expected: fill(check.expect, ctx.bindings), hint: fill(check.hint, ctx.bindings) };
  const records = check.since === 'chapter' ? ctx.records : ctx.records.filter((r) => r.seq >= ctx.stepStartSeq);
  const expected: ExpectedFact = { kind: check.fact, fields: check.where };
  const attempt = nearestAttempt(records, expected, check.terminal, ctx.bindings);
  const none = check.since === 'chapter' ? 'No command has run yet.' : 'No command has run in this step yet.';
  const seen = explainAttempt(attempt, expected, check.terminal, none);
  return outcome('observed', base, attempt?.closeness === Closeness.Match ? 'pass' : 'fail', seen);
}

/** The facts a probe's output shows, for state checks that read facts. */
export function probeFacts(host: string, probe: string, output: string): { observation: Observation; facts: Fact[] } {
  const observation = observe({ command: probe, terminal: host, output });
  return { observation, facts: observation.facts };
}
