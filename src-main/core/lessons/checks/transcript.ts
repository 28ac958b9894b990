// Transcript checks: did a command matching a pattern run (in the right
// terminal, printing the right thing, at the right time relative to another)?
// A failure explains itself from the record that got furthest.
import { compileRegex, fill } from '../bindings.js';
import type { OrderConstraint, TranscriptCheck } from '../model.js';
import { excerpt, outcome, type CheckOutcome } from '../results.js';
import { observe } from '../observation.js';
import { closestCommand, patternWords } from './closest.js';
import type { CommandRecord } from '../../api/lab.js';

export interface TranscriptContext {
  /** Commands in the order they ended. */
  records: readonly CommandRecord[];
  /** First record seq that counts for `since: step`. */
  stepStartSeq: number;
  bindings: Record<string, string>;
  /** The step's transcript checks by id, for order constraints. */
  siblings: ReadonlyMap<string, TranscriptCheck>;
}

/** How far a record got through a check, in the order a learner would fix things. */
const enum Stage {
  CommandDiffers,
  WrongTerminal,
  /** The output cannot be the tool's own (typed with echo, several commands on one line). */
  NotTheTool,
  OutputMissing,
  OutputForbidden,
  ExitCode,
  Order,
  Pass,
}

interface Compiled {
  check: TranscriptCheck;
  command: RegExp;
  output?: RegExp;
  notOutput?: RegExp;
}

function compile(check: TranscriptCheck, bindings: Record<string, string>): Compiled {
  return {
    check,
    command: compileRegex(check.command, bindings),
    output: check.output === undefined ? undefined : compileRegex(check.output, bindings),
    notOutput: check.notOutput === undefined ? undefined : compileRegex(check.notOutput, bindings),
  };
}

function considered(check: TranscriptCheck, ctx: TranscriptContext): readonly CommandRecord[] {
  return check.since === 'chapter' ? ctx.records : ctx.records.filter((r) => r.seq >= ctx.stepStartSeq);
}

/** The stage a record reaches, ignoring order constraints. */
function baseStage(c: Compiled, record: CommandRecord): Stage {
  if (!c.command.test(record.command.trim())) return Stage.CommandDiffers;
  if (c.check.terminal !== undefined && record.terminal !== c.check.terminal) return Stage.WrongTerminal;
  if (c.output && observe(record).attribution.kind === 'none') return Stage.NotTheTool;
  if (c.output && !c.output.test(record.output)) return Stage.OutputMissing;
  if (c.notOutput?.test(record.output)) return Stage.OutputForbidden;
  if (c.check.exitCode !== undefined && record.exitCode !== c.check.exitCode) return Stage.ExitCode;
  return Stage.Order;
}

type Relation = keyof OrderConstraint;
const RELATIONS: Relation[] = ['during', 'after', 'before'];

function related(relation: Relation, mine: CommandRecord, other: CommandRecord): boolean {
  switch (relation) {
    case 'during':
      return other.startedAt <= mine.startedAt && mine.endedAt <= other.endedAt && other.seq !== mine.seq;
    case 'after':
      return mine.startedAt >= other.endedAt;
    case 'before':
      return mine.endedAt <= other.startedAt;
  }
}

function relationFailure(relation: Relation, mine: string, other: string, last: string | undefined): string {
  if (!last) return `${mine} ran, but ${other} never did in this step, and it has to run ${relationWords(relation)}.`;
  switch (relation) {
    case 'during':
      return `${mine} ran, but not while ${last} was running (${other} has to be running the whole time).`;
    case 'after':
      return `${mine} started before ${last} ended; it has to come after ${other}.`;
    case 'before':
      return `${mine} ended after ${last} started; it has to come before ${other}.`;
  }
}

function relationWords(relation: Relation): string {
  return relation === 'during' ? 'around it' : relation === 'after' ? 'before it' : 'after it';
}

function quote(record: CommandRecord): string {
  return `\`${record.command.trim()}\` in ${record.terminal}`;
}

export function evaluateTranscript(check: TranscriptCheck, ctx: TranscriptContext): CheckOutcome {
  const base = { id: check.id, expected: fill(check.expect, ctx.bindings), hint: fill(check.hint, ctx.bindings) };
  const compiled = compile(check, ctx.bindings);
  const records = considered(check, ctx);

  // Candidates for each order constraint: the other check's records that pass its own base stages.
  const partners = new Map<Relation, { check: TranscriptCheck; records: CommandRecord[] }>();
  for (const relation of RELATIONS) {
    const otherId = check.order?.[relation];
    const other = otherId === undefined ? undefined : ctx.siblings.get(otherId);
    if (!other) continue;
    const otherCompiled = compile(other, ctx.bindings);
    partners.set(relation, {
      check: other,
      records: considered(other, ctx).filter((r) => baseStage(otherCompiled, r) === Stage.Order),
    });
  }

  let best: { record: CommandRecord; stage: Stage; failedRelation?: Relation } | undefined;
  for (const record of records) {
    let stage = baseStage(compiled, record);
    let failedRelation: Relation | undefined;
    if (stage === Stage.Order) {
      failedRelation = [...partners].find(([relation, p]) => !p.records.some((o) => related(relation, record, o)))?.[0];
      if (failedRelation === undefined) stage = Stage.Pass;
    }
    // Later records win ties: the learner's latest attempt is the one to talk about.
    if (!best || stage >= best.stage) best = { record, stage, failedRelation };
  }

  if (best?.stage === Stage.Pass) return outcome('transcript', base, 'pass', `${quote(best.record)} ran`);
  return outcome('transcript', base, 'fail', explainMiss(compiled, records, best, partners, ctx.bindings));
}

function explainMiss(
  c: Compiled,
  records: readonly CommandRecord[],
  best: { record: CommandRecord; stage: Stage; failedRelation?: Relation } | undefined,
  partners: Map<Relation, { check: TranscriptCheck; records: CommandRecord[] }>,
  bindings: Record<string, string>,
): string {
  const where = c.check.terminal ? ` in ${c.check.terminal}` : '';
  if (!best) return `No command has run${c.check.since === 'chapter' ? '' : ' in this step'} yet.`;
  const { record } = best;
  switch (best.stage) {
    case Stage.CommandDiffers: {
      const closest = closestCommand(records, patternWords(c.command.source), c.check.terminal) ?? record;
      return `No command of that kind ran${where}; the nearest was ${quote(closest)}, which printed:\n${excerpt(closest.output)}`;
    }
    case Stage.WrongTerminal:
      return `\`${record.command.trim()}\` ran in ${record.terminal}, but it has to run in ${c.check.terminal}.`;
    case Stage.NotTheTool: {
      const { attribution } = observe(record);
      return `${quote(record)} does not count: ${attribution.kind === 'none' ? attribution.reason : 'its output is not the tool\'s own'}.`;
    }
    case Stage.OutputMissing:
      return `${quote(record)} did not print what was wanted; it printed:\n${excerpt(record.output)}`;
    case Stage.OutputForbidden: {
      const line = record.output.split('\n').find((l) => c.notOutput!.test(l)) ?? '';
      return `${quote(record)} printed what it must not: ${line.trim()}`;
    }
    case Stage.ExitCode:
      return `${quote(record)} exited with ${record.exitCode}, not ${c.check.exitCode}; it printed:\n${excerpt(record.output)}`;
    default: {
      const relation = best.failedRelation!;
      const partner = partners.get(relation)!;
      const last = partner.records.at(-1);
      return relationFailure(relation, quote(record), fill(partner.check.expect, bindings), last && quote(last));
    }
  }
}
