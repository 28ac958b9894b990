// conntrack -L / -G / -E: one entry per line, the original direction's
// tuple first, then the reply's; [ASSURED]/[UNREPLIED] flags, mark, zone, use.
import type { ConntrackEntryFact, ConntrackTuple, Fact } from '../model.js';
import { canonicalAddress, integer, outputLines, protocolName } from './common.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function readConntrack(_argv: readonly string[], output: string): Fact[] {
  return outputLines(output).flatMap((line) => entry(line) ?? []);
}

const HEAD = /^(?:\s*\[\w+\]\s+)?(\S+)\s+(\d+)\s+(?:(\d+)\s+)?(?:([A-Z_]+)\s+)?(?=src=)/;

function entry(line: string): ConntrackEntryFact | undefined {
  const head = HEAD.exec(line);
  if (!head) return undefined;
  const tuples: Mutable<ConntrackTuple>[] = [];
  const flags: string[] = [];
  let mark: number | undefined;
  let zone: number | undefined;
  let use: number | undefined;
  for (const word of line.slice(head[0].length).trim().split(/\s+/)) {
    const flag = /^\[(\w+)\]$/.exec(word);
    if (flag) {
      flags.push(flag[1]!);
      continue;
    }
    const pair = /^([a-z]+)=(\S+)$/.exec(word);
    if (!pair) continue;
    const [, key, value] = pair as unknown as [string, string, string];
    // A new src= starts the next tuple: the reply direction.
    if (key === 'src') tuples.push({ src: undefined, dst: undefined, sport: undefined, dport: undefined });
    const tuple = tuples.at(-1);
    if (key === 'mark') mark = integer(value);
    else if (key === 'zone') zone = integer(value);
    else if (key === 'use') use = integer(value);
    else if (!tuple) continue;
    else if (key === 'src' || key === 'dst') tuple[key] = canonicalAddress(value) ?? value;
    else if (key === 'sport' || key === 'dport') tuple[key] = integer(value);
    else if (key === 'type') tuple.icmpType = integer(value);
    else if (key === 'code') tuple.icmpCode = integer(value);
    else if (key === 'id') tuple.icmpId = integer(value);
    else if (key === 'packets') tuple.packets = integer(value);
    else if (key === 'bytes') tuple.bytes = integer(value);
  }
  if (tuples.length === 0) return undefined;
  const empty: ConntrackTuple = { src: undefined, dst: undefined, sport: undefined, dport: undefined };
  return {
    kind: 'conntrack-entry',
    proto: head[1] === 'unknown' ? 'unknown' : protocolName(head[1]!),
    protoNumber: integer(head[2]),
    timeout: integer(head[3]),
    state: head[4],
    original: tuples[0]!,
    reply: tuples[1] ?? empty,
    flags,
    mark,
    zone,
    use,
    text: line,
  };
}
