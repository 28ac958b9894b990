// `npm run parity [-- --golden DIR] [--case NAME]...`: runs every golden lab
// script (test/golden/<case>/script.lab) on the simulator and on real Docker,
// compares each command's output after the golden tests' normalization, and
// prints commands compared, identical, differing, a diff per difference and
// `FIGURE parity.identical_pct N %`.
import { parseArgs } from 'node:util';
import { createPatch } from 'diff';
import { parseScript, runScript, type Directive, type RunCommand } from '../../core/lab/runner.js';
import { normalize, type Replacement } from '../../core/lab/transcript-normalize.js';
import { createBackend } from '../backends.js';
import { GOLDEN_ROOT, listGoldenCases, readGoldenCase } from '../golden/cases.js';
import type { BackendKind } from '../../core/api/lab.js';

/** Typed into every terminal a script used, after the script, so its last command has ended; not compared. */
const SYNC_COMMAND = ': parity sync';

export interface CaseResult {
  name: string;
  compared: number;
  identical: number;
  differences: string[];
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

export function compareCommands(name: string, sim: RunCommand[], real: RunCommand[], rules: Replacement[]): CaseResult {
  const result: CaseResult = { name, compared: Math.max(sim.length, real.length), identical: 0, differences: [] };
  for (let i = 0; i < result.compared; i++) {
    const s = sim[i];
    const r = real[i];
    const label = `${s?.terminal ?? r?.terminal}$ ${s?.command ?? r?.command}`;
    const simText = s ? normalize(s.output, rules) : '<not run>\n';
    const realText = r ? normalize(r.output, rules) : '<not run>\n';
    if (s && r && s.command === r.command && simText === realText) result.identical++;
    else result.differences.push(createPatch(label, simText, realText, 'simulator', 'real docker').split('\n').slice(2).join('\n'));
  }
  return result;
}

export async function parityCase(name: string, root = GOLDEN_ROOT): Promise<CaseResult> {
  const golden = readGoldenCase(name, root);
  const directives = parseScript(golden.script);
  try {
    const sim = await runOn('sim', golden.scenario, directives);
    const real = await runOn('docker', golden.scenario, directives);
    return compareCommands(name, sim, real, golden.rules);
  } catch (err) {
    const compared = directives.filter((d) => d.kind === 'type').length;
    return { name, compared, identical: 0, differences: [], error: err instanceof Error ? err.message : String(err) };
  }
}

export function formatReport(results: CaseResult[]): string {
  let out = '';
  for (const r of results) {
    out += `=== ${r.name}: ${r.compared} compared, ${r.identical} identical, ${r.compared - r.identical} differing\n`;
    if (r.error) out += `    could not run: ${r.error}\n`;
    for (const d of r.differences) out += `${d}\n`;
  }
  const compared = results.reduce((n, r) => n + r.compared, 0);
  const identical = results.reduce((n, r) => n + r.identical, 0);
  const pct = compared ? Math.round((identical / compared) * 1000) / 10 : 0;
  out += `\nparity: ${results.length} cases, ${compared} commands compared, ${identical} identical, ${compared - identical} differing\n`;
  out += `FIGURE parity.identical_pct ${pct} %\n`;
  return out;
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  const { values } = parseArgs({
    options: {
      golden: { type: 'string', default: GOLDEN_ROOT },
      case: { type: 'string', multiple: true },
    },
  });
  const root = values.golden!;
  const names = listGoldenCases(root).filter((name) => !values.case || values.case.includes(name));
  const results: CaseResult[] = [];
  for (const name of names) {
    console.error(`# ${name}`);
    results.push(await parityCase(name, root));
  }
  process.stdout.write(formatReport(results));
  process.exitCode = results.some((r) => r.error) ? 1 : 0;
}
