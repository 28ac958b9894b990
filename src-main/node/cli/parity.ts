// `npm run parity [-- --golden DIR] [--case NAME]... [--threshold PCT]`: runs
// every golden lab script (test/golden/<case>/script.lab) on the simulator and
// on real Docker, compares each command's output after the golden tests'
// normalization, real Docker's rewritten by the version profiles; prints commands compared, identical,
// differing, a diff per difference and `FIGURE parity.identical_pct N %`.
//
// `npm run parity -- --corpus [--sample N] [--out FILE] [--threshold PCT]`:
// the same over the differential corpus (test/corpus), each group in a fresh
// lab; prints per tool compared/identical/differing, writes every difference
// with its one-line reason to FILE, and ends with the corpus figures.
//
// Exits non-zero when a backend could not run a case or the identical share
// is below the threshold (default 100% for golden cases, 97% for the corpus).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPatch } from 'diff';
import { parseScript, runScript, type Directive, type RunCommand } from '../../core/lab/runner.js';
import { normalize, type Replacement } from '../../core/lab/transcript-normalize.js';
import { createBackend } from '../backends.js';
import { GOLDEN_ROOT, listGoldenCases, readGoldenCase } from '../golden/cases.js';
import { commandKey, readCorpus, readCorpusRules, readKnownDifferences, sampleCorpus, toolOf, type CorpusGroup } from '../golden/corpus.js';
import { asSimulated } from '../golden/version-profiles.js';
import type { BackendKind } from '../../core/api/lab.js';
import { isMainModule } from './cli-result.js';

/** Typed into every terminal a script used, after the script, so its last command has ended; not compared. */
const SYNC_COMMAND = ': parity sync';

export const DEFAULT_THRESHOLD = { golden: 100, corpus: 97 } as const;

export interface Difference {
  /** `terminal$ command`, as differences.json names it. */
  key: string;
  tool: string;
  patch: string;
}

export interface CaseResult {
  name: string;
  compared: number;
  identical: number;
  /** The tool of every compared command, identical or not, in order. */
  tools: string[];
  differences: Difference[];
  /** Why a backend could not run the case, if it could not. */
  error?: string;
}

function withSync(directives: Directive[]): Directive[] {
  const terminals = [...new Set(directives.flatMap((d) => (d.kind === 'type' ? [d.terminal] : [])))];
  return [...directives, ...terminals.map((terminal) => ({ kind: 'type' as const, line: 0, terminal, command: SYNC_COMMAND }))];
}

async function runOn(kind: BackendKind, scenario: string, directives: Directive[]): Promise<RunCommand[]> {
  const backend = createBackend(kind);
  try {
    await backend.start(scenario);
    const result = await runScript(backend, withSync(directives));
    if (result.error) throw new Error(result.error);
    return result.commands.filter((c) => c.command !== SYNC_COMMAND);
  } finally {
    await backend.dispose();
  }
}

export function compareCommands(name: string, sim: RunCommand[], real: RunCommand[], rules: readonly Replacement[]): CaseResult {
  const result: CaseResult = { name, compared: Math.max(sim.length, real.length), identical: 0, tools: [], differences: [] };
  for (let i = 0; i < result.compared; i++) {
    const s = sim[i];
    const r = real[i];
    const key = commandKey((s ?? r)!.terminal, (s ?? r)!.command);
    const tool = toolOf((s ?? r)!.command);
    result.tools.push(tool);
    const simText = s ? normalize(s.output, rules) : '<not run>\n';
    const realText = r ? normalize(asSimulated(r.output), rules) : '<not run>\n';
    if (s && r && s.command === r.command && simText === realText) result.identical++;
    else result.differences.push({ key, tool, patch: createPatch(key, simText, realText, 'simulator', 'real docker').split('\n').slice(2).join('\n') });
  }
  return result;
}

/**
 * Real Docker's outputs kept by group name and script, so the simulator can be
 * compared again without the engine run (`--real-cache FILE`); a group whose
 * script changed runs again.
 */
type RealCache = Record<string, { script: string; commands: RunCommand[] }>;

async function parityOf(name: string, scenario: string, directives: Directive[], rules: Replacement[], cache?: RealCache): Promise<CaseResult> {
  try {
    const sim = await runOn('sim', scenario, directives);
    const script = JSON.stringify(directives);
    const cached = cache?.[name];
    const real = cached?.script === script ? cached.commands : await runOn('docker', scenario, directives);
    if (cache) cache[name] = { script, commands: real };
    return compareCommands(name, sim, real, rules);
  } catch (err) {
    const typed = directives.flatMap((d) => (d.kind === 'type' ? [toolOf(d.command)] : []));
    return { name, compared: typed.length, identical: 0, tools: typed, differences: [], error: err instanceof Error ? err.message : String(err) };
  }
}

export async function parityCase(name: string, root = GOLDEN_ROOT): Promise<CaseResult> {
  const golden = readGoldenCase(name, root);
  return parityOf(name, golden.scenario, parseScript(golden.script), golden.rules);
}

export const parityGroup = (group: CorpusGroup, cache?: RealCache, rules = readCorpusRules()): Promise<CaseResult> =>
  parityOf(group.name, group.scenario, group.directives, rules, cache);

interface Totals {
  compared: number;
  identical: number;
  pct: number;
}

export function totals(results: CaseResult[]): Totals {
  const compared = results.reduce((n, r) => n + r.compared, 0);
  const identical = results.reduce((n, r) => n + r.identical, 0);
  return { compared, identical, pct: compared ? Math.round((identical / compared) * 1000) / 10 : 0 };
}

/** Whether the run passes: every case ran and the identical share reaches the threshold. */
export function passes(results: CaseResult[], threshold: number): boolean {
  return results.every((r) => !r.error) && totals(results).pct >= threshold;
}

export function formatReport(results: CaseResult[]): string {
  let out = '';
  for (const r of results) {
    out += `=== ${r.name}: ${r.compared} compared, ${r.identical} identical, ${r.compared - r.identical} differing\n`;
    if (r.error) out += `    could not run: ${r.error}\n`;
    for (const d of r.differences) out += `${d.patch}\n`;
  }
  const t = totals(results);
  out += `\nparity: ${results.length} cases, ${t.compared} commands compared, ${t.identical} identical, ${t.compared - t.identical} differing\n`;
  out += `FIGURE parity.identical_pct ${t.pct} %\n`;
  return out;
}

/** Per tool: compared, identical, differing; then the corpus figures. */
export function formatCorpusSummary(results: CaseResult[]): string {
  const perTool = new Map<string, { compared: number; differing: number }>();
  for (const r of results) {
    const differing = r.error ? r.tools : r.differences.map((d) => d.tool);
    for (const tool of r.tools) {
      const row = perTool.get(tool) ?? { compared: 0, differing: 0 };
      row.compared++;
      perTool.set(tool, row);
    }
    for (const tool of differing) perTool.get(tool)!.differing++;
  }
  let out = `${'tool'.padEnd(10)} ${'compared'.padStart(8)} ${'identical'.padStart(9)} ${'differing'.padStart(9)}\n`;
  for (const [tool, row] of [...perTool].sort(([a], [b]) => a.localeCompare(b))) {
    out += `${tool.padEnd(10)} ${String(row.compared).padStart(8)} ${String(row.compared - row.differing).padStart(9)} ${String(row.differing).padStart(9)}\n`;
  }
  for (const r of results.filter((r) => r.error)) out += `could not run ${r.name}: ${r.error}\n`;
  const t = totals(results);
  out += `\ncorpus: ${results.length} groups, ${t.compared} commands compared, ${t.identical} identical, ${t.compared - t.identical} differing\n`;
  out += `FIGURE parity.corpus_commands ${t.compared} count\n`;
  out += `FIGURE parity.corpus_identical_pct ${t.pct} %\n`;
  return out;
}

/** Every difference with its one-line reason from differences.json, then its diff. */
export function formatDifferences(results: CaseResult[], reasons: Map<string, string>): string {
  let out = '';
  for (const r of results) {
    if (r.error) out += `### ${r.name}\nreason: the group could not run: ${r.error}\n\n`;
    for (const d of r.differences) {
      out += `### ${r.name}: ${d.key}\nreason: ${reasons.get(d.key) ?? 'no reason recorded'}\n${d.patch}\n`;
    }
  }
  return out;
}

function options() {
  return parseArgs({
    options: {
      golden: { type: 'string', default: GOLDEN_ROOT },
      case: { type: 'string', multiple: true },
      corpus: { type: 'boolean', default: false },
      group: { type: 'string', multiple: true },
      sample: { type: 'string' },
      out: { type: 'string', default: 'parity-corpus.diff' },
      threshold: { type: 'string' },
      'real-cache': { type: 'string' },
    },
  });
}

const USAGE =
  'usage: npm run parity -- [--case NAME ...] [--golden DIR] [--threshold PCT]\n       npm run parity -- --corpus [--group NAME ...] [--sample N] [--out FILE] [--real-cache DIR] [--threshold PCT]';

if (isMainModule(import.meta.url)) {
  let values: ReturnType<typeof options>['values'];
  try {
    values = options().values;
  } catch (err) {
    console.error(`parity: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 100)) {
    console.error(`parity: --threshold must be a percentage from 0 to 100, got '${values.threshold}'`);
    process.exit(2);
  }
  const sample = values.sample === undefined ? undefined : Number(values.sample);
  if (sample !== undefined && !(Number.isInteger(sample) && sample > 0)) {
    console.error(`parity: --sample must be a positive whole number, got '${values.sample}'`);
    process.exit(2);
  }
  const results: CaseResult[] = [];
  if (values.corpus) {
    let groups = readCorpus().filter((g) => !values.group || values.group.some((name) => g.name.includes(name)));
    if (sample !== undefined) groups = sampleCorpus(groups, sample);
    const cacheFile = values['real-cache'];
    const cache = cacheFile ? (existsSync(cacheFile) ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as RealCache) : {}) : undefined;
    for (const group of groups) {
      console.error(`# ${group.name}`);
      results.push(await parityGroup(group, cache));
      if (cacheFile) writeFileSync(cacheFile, JSON.stringify(cache));
    }
    writeFileSync(values.out!, formatDifferences(results, readKnownDifferences()));
    process.stdout.write(`differences written to ${values.out}\n`);
    process.stdout.write(formatCorpusSummary(results));
    process.exitCode = passes(results, threshold ?? DEFAULT_THRESHOLD.corpus) ? 0 : 1;
  } else {
    const root = values.golden!;
    const names = listGoldenCases(root).filter((name) => !values.case || values.case.includes(name));
    for (const name of names) {
      console.error(`# ${name}`);
      results.push(await parityCase(name, root));
    }
    process.stdout.write(formatReport(results));
    process.exitCode = passes(results, threshold ?? DEFAULT_THRESHOLD.golden) ? 0 : 1;
  }
}
