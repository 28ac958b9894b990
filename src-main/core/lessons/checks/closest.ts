import type { CommandRecord, TerminalName } from '../../api/lab.js';

// Picks the command the learner ran that comes closest to what a check
// expected, so a failure can say "you ran X in Y and it printed Z".

function words(command: string): string[] {
  return command.trim().split(/\s+/).filter(Boolean);
}

/** Higher is closer: same program first, then shared words, then the right terminal, then the latest. */
function closeness(record: CommandRecord, wanted: string[], terminal?: TerminalName): number {
  const have = words(record.command);
  const shared = have.filter((w) => wanted.includes(w)).length;
  const overlap = shared / Math.max(1, new Set([...have, ...wanted]).size);
  const sameProgram = have[0] !== undefined && wanted[0] !== undefined && have[0] === wanted[0] ? 1 : 0;
  const sameTerminal = terminal === undefined || record.terminal === terminal ? 1 : 0;
  return sameProgram * 4 + overlap * 2 + sameTerminal;
}

/**
 * The record closest to a command pattern. `example` is a readable stand-in for
 * the pattern (the regex with its syntax dropped) to compare words against.
 */
export function closestCommand(records: readonly CommandRecord[], example: string, terminal?: TerminalName): CommandRecord | undefined {
  const wanted = words(example);
  let best: CommandRecord | undefined;
  let bestScore = -1;
  for (const record of records) {
    const score = closeness(record, wanted, terminal);
    if (score >= bestScore) {
      best = record;
      bestScore = score;
    }
  }
  return best;
}

/** A regex's literal words: `^tcpdump\b.*-i\s*docker0\b` -> `tcpdump -i docker0`. */
export function patternWords(pattern: string): string {
  return pattern
    .replace(/\\[bBsSdDwW]/g, ' ')
    .replace(/\\(.)/g, '$1')
    .replace(/[\^$*+?()[\]{}|]/g, ' ')
    .replace(/(^|\s)\.(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
