// What a check reports: the API's CheckResult plus the parts the lesson pane
// and lesson CI read separately (expected, seen, hint).
import type { CheckResult } from '../api/contract.js';
import type { CheckKind } from './model.js';

export interface CheckOutcome extends CheckResult {
  kind: CheckKind;
  /** The check's `expect`, bindings filled in. */
  expected: string;
  /** What was actually seen: the closest command and its output, the probe's output, the packets. */
  seen: string;
  /** The check's hint, shown when it did not pass. */
  hint: string;
}

const EXCERPT_LINES = 6;
const EXCERPT_LINE_CHARS = 160;

/** The first lines of some output, for an explanation. */
export function excerpt(output: string): string {
  const lines = output.replace(/\n+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return '(nothing)';
  const shown = lines
    .slice(0, EXCERPT_LINES)
    .map((line) => (line.length > EXCERPT_LINE_CHARS ? `${line.slice(0, EXCERPT_LINE_CHARS)}…` : line));
  if (lines.length > EXCERPT_LINES) shown.push(`… (${lines.length - EXCERPT_LINES} more lines)`);
  return shown.join('\n');
}

export function outcome(
  kind: CheckKind,
  base: { id: string; expected: string; hint: string },
  status: CheckOutcome['status'],
  seen: string,
): CheckOutcome {
  const result: CheckOutcome = { ...base, kind, label: base.expected, status, seen };
  if (status === 'fail') result.explanation = explanation(base, seen);
  if (status === 'error') {
    result.message = seen;
    result.explanation = explanation(base, seen);
  }
  return result;
}

/** What the step wanted, what was seen and the one difference, then the check's own hint. */
function explanation(base: { expected: string; hint: string }, seen: string): string {
  const sentence = (text: string) => (/[.:!?)`]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
  return `Wanted: ${sentence(base.expected)}\n${seen.trim()}\nHint: ${sentence(base.hint)}`;
}
