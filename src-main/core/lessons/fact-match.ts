// Expected facts as lessons write them, and how an observed fact compares.
// A lesson names a fact kind and the fields that matter, by dotted path
// (`destination.cidr`, `extras.dport.port`); a field holds a value (bindings
// filled) or a range of numbers. List fields match when they contain the value.
import type { Fact } from '../facts/model.js';
import { fill } from './bindings.js';
import type { ExpectedFact, FieldExpectation } from './model.js';

export interface FieldDifference {
  path: string;
  /** The wanted value, in words (`nat`, `at least 1`). */
  wanted: string;
  /** What the fact holds there; undefined when the output did not show that field at all. */
  seen: string | undefined;
}

export interface FactComparison {
  fact: Fact;
  /** Fields that matched, in the order the lesson wrote them. */
  matched: number;
  /** The first field that did not match, in the lesson's order (the one to talk about). */
  difference?: FieldDifference;
}

function valueAt(fact: Fact, path: string): unknown {
  let value: unknown = fact;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function shown(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : undefined;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A field's wanted value in words, bindings filled. */
export function wantedWords(expectation: FieldExpectation, bindings: Record<string, string>): string {
  if (typeof expectation !== 'object') return fill(String(expectation), bindings);
  const parts: string[] = [];
  if (expectation.min !== undefined) parts.push(`at least ${expectation.min}`);
  if (expectation.max !== undefined) parts.push(`at most ${expectation.max}`);
  return parts.join(' and ');
}

function fieldMatches(value: unknown, expectation: FieldExpectation, bindings: Record<string, string>): boolean {
  if (Array.isArray(value)) return value.some((item) => fieldMatches(item, expectation, bindings));
  if (typeof expectation === 'object') {
    if (typeof value !== 'number') return false;
    return (expectation.min === undefined || value >= expectation.min) && (expectation.max === undefined || value <= expectation.max);
  }
  if (value === undefined || value === null) return false;
  return String(value) === fill(String(expectation), bindings);
}

/** Compares one observed fact with the expectation; facts of another kind never compare. */
export function compareFact(expected: ExpectedFact, fact: Fact, bindings: Record<string, string>): FactComparison | undefined {
  if (fact.kind !== expected.kind) return undefined;
  let matched = 0;
  let difference: FieldDifference | undefined;
  for (const [path, expectation] of Object.entries(expected.fields)) {
    const value = valueAt(fact, path);
    if (fieldMatches(value, expectation, bindings)) matched++;
    else difference ??= { path, wanted: wantedWords(expectation, bindings), seen: shown(value) };
  }
  return { fact, matched, difference };
}

/** The closest of some facts to the expectation: most fields matched, the later one on ties. */
export function closestFact(expected: ExpectedFact, facts: readonly Fact[], bindings: Record<string, string>): FactComparison | undefined {
  let best: FactComparison | undefined;
  for (const fact of facts) {
    const comparison = compareFact(expected, fact, bindings);
    if (comparison && (!best || comparison.matched >= best.matched)) best = comparison;
  }
  return best;
}
