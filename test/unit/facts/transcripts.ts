// The real outputs the readers are tested on: the reference transcripts of a
// real Docker host and the golden cases' expected outputs, both written as
// `$ command` followed by what it printed.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fact, FactKind, FactOf } from '../../../src-main/core/facts/model.js';
import { readFacts } from '../../../src-main/core/facts/read.js';
import { REFERENCE_DIR } from '../../reference-dir.js';

export interface Recorded {
  readonly command: string;
  readonly output: string;
}

const GOLDEN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../golden');
const FIXTURE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Every `$ command` of a transcript with the output printed after it. */
export function splitTranscript(text: string): Recorded[] {
  const records: { command: string; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) records.push({ command: line.slice(2), lines: [] });
    else records.at(-1)?.lines.push(line);
  }
  return records.map((r) => ({ command: r.command, output: r.lines.join('\n') }));
}

/** The one command of a reference transcript. */
export function reference(name: string): Recorded {
  return splitTranscript(readFileSync(`${REFERENCE_DIR}/${name}`, 'utf8'))[0]!;
}

/**
 * A capture of the reference host: `tcpdump-IFACE-TRAFFIC.txt` holds output
 * only; ../shared/tools/real-lab.sh ran `tcpdump -l -n -i IFACE FILTER`.
 */
export function referenceCapture(name: string): Recorded {
  const iface = /^tcpdump-([^-]+)-/.exec(name)![1]!;
  return { command: `tcpdump -l -n -i ${iface}`, output: readFileSync(`${REFERENCE_DIR}/${name}`, 'utf8') };
}

/** The commands of a golden case, in order. */
export function golden(caseName: string): Recorded[] {
  return splitTranscript(readFileSync(`${GOLDEN_DIR}/${caseName}/expected.txt`, 'utf8'));
}

/** The first recorded output of a golden case whose command line is exactly `command`. */
export function goldenOutput(caseName: string, command: string): string {
  const found = golden(caseName).find((r) => r.command === command);
  if (!found) throw new Error(`golden case ${caseName} has no command ${JSON.stringify(command)}`);
  return found.output;
}

/** The commands of a fixture recorded on the real engine (test/unit/facts/fixtures). */
export function fixture(name: string): Recorded[] {
  return splitTranscript(readFileSync(`${FIXTURE_DIR}/${name}`, 'utf8'));
}

export function goldenCases(): string[] {
  return readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

/**
 * The producer of a command line: the words of its first pipeline stage, with
 * quotes removed and `$(...)` kept as one word. Enough for the recorded lines.
 */
export function producerOf(command: string): { tool: string; argv: string[] } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === "'" || c === '"') {
      const end = command.indexOf(c, i + 1);
      word += command.slice(i + 1, end < 0 ? undefined : end);
      inWord = true;
      i = end < 0 ? command.length : end;
    } else if (c === '$' && command[i + 1] === '(') {
      let depth = 0;
      let j = i;
      for (; j < command.length; j++) {
        if (command[j] === '(') depth++;
        else if (command[j] === ')' && --depth === 0) break;
      }
      word += command.slice(i, j + 1);
      inWord = true;
      i = j;
    } else if (c === '|' || c === ';' || c === '&' || c === '>') {
      break;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return { tool: words[0] ?? '', argv: words.slice(1) };
}

/** The facts of a recorded command, read with its own command line. */
export function read(r: Recorded): Fact[] {
  return readFacts(producerOf(r.command), r.output);
}

/** The facts of one kind. */
export function only<K extends FactKind>(kind: K, facts: readonly Fact[]): FactOf<K>[] {
  return facts.filter((f): f is FactOf<K> => f.kind === kind);
}
