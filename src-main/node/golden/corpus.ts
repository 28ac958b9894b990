// The differential corpus on disk: test/corpus/{generated,sequences}/*.lab,
// each file a group of lab-script lines run in one fresh lab, plus
// differences.json, the one-line reason for each difference still known.
// Read here for the parity report; the sampling and the tool a command
// exercises are decided here so the report and its tests agree.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseScript, type Directive } from '../../core/lab/runner.js';
import type { Replacement } from '../../core/lab/transcript-normalize.js';
import { readRulesFile } from './cases.js';

export interface CorpusGroup {
  /** `generated/ip-link` or `sequences/unreachable`. */
  name: string;
  scenario: string;
  directives: Directive[];
}

/** The corpus folder of this checkout. */
export const CORPUS_ROOT = join(new URL('../../..', import.meta.url).pathname, 'test/corpus');

const GROUP_FOLDERS = ['generated', 'sequences'];

export function readCorpus(root = CORPUS_ROOT): CorpusGroup[] {
  return GROUP_FOLDERS.flatMap((folder) => {
    const dir = join(root, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.lab'))
      .sort()
      .map((file) => {
        const text = readFileSync(join(dir, file), 'utf8');
        const scenario = /^#\s*scenario:\s*(\S+)/m.exec(text)?.[1] ?? 'article';
        return { name: `${folder}/${basename(file, '.lab')}`, scenario, directives: parseScript(text) };
      });
  });
}

/**
 * normalize.json: `[pattern, replacement]` pairs applied to both backends' output of
 * every group, as a golden case's own file is: values that run in real time or are
 * drawn at random (a DHCP lease and conntrack timeouts counting down, bridge timers and ids).
 */
export const readCorpusRules = (root = CORPUS_ROOT): Replacement[] => readRulesFile(join(root, 'normalize.json'));

/** `terminal$ command`: how the report and differences.json name a corpus command. */
export const commandKey = (terminal: string, command: string): string => `${terminal}$ ${command}`;

/** differences.json: command key to the one-line reason it still differs. */
export function readKnownDifferences(root = CORPUS_ROOT): Map<string, string> {
  const file = join(root, 'differences.json');
  if (!existsSync(file)) return new Map();
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
}

const TOOLS = ['ip', 'bridge', 'iptables', 'tcpdump', 'ping', 'curl', 'wget', 'nc', 'ss', 'conntrack', 'sysctl', 'nsenter', 'lsns', 'docker', 'jq'];

/** The simulated tool a command line exercises: the first pipeline stage that runs one, else `shell`. */
export function toolOf(command: string): string {
  if (/\/proc\/sys\b/.test(command)) return 'sysctl';
  for (const stage of command.split(/\|\|?|&&|;/)) {
    const word = stage.trim().split(/\s+/)[0] ?? '';
    const tool = word.replace(/-(save|restore)$/, '');
    if (TOOLS.includes(tool)) return tool;
  }
  return 'shell';
}

const isCapture = (directive: Directive | undefined): boolean => directive?.kind === 'type' && toolOf(directive.command) === 'tcpdump';

const typedCount = (directives: Directive[]): number => directives.filter((d) => d.kind === 'type').length;

/**
 * About `size` commands taken from every group in proportion to its size, as
 * a prefix of the group so each command keeps the state the commands before
 * it made; a capture cut off there keeps the wait and the traffic after it.
 * Deterministic: the same corpus gives the same sample.
 */
export function sampleCorpus(groups: CorpusGroup[], size: number): CorpusGroup[] {
  const total = groups.reduce((n, g) => n + typedCount(g.directives), 0);
  if (size >= total) return groups;
  return groups.map((group) => {
    const want = Math.max(1, Math.round((size * typedCount(group.directives)) / total));
    const d = group.directives;
    let end = 0;
    for (let typed = 0; end < d.length && typed < want; end++) if (d[end]!.kind === 'type') typed++;
    // A capture that ends the prefix waits for packets: keep the traffic typed after it
    // (and, if that is a capture too, its traffic), never a capture without its traffic.
    while (isCapture(d[end - 1]) && d[end]?.kind === 'wait' && d[end + 1]?.kind === 'type') end += 2;
    if (d[end]?.kind === 'wait') end++;
    return { ...group, directives: d.slice(0, end) };
  });
}
