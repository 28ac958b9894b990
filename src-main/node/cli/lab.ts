// `npm run lab -- --backend sim --script FILE [--json] [--scenario NAME]`:
// runs a lab script without the UI and prints each terminal's screen, or the
// commands as JSON.
// `npm run lab -- --cleanup [--tag TAG]`: removes the lab hosts earlier runs
// left on the Docker engine (a crash, a killed app, a stopped engine), never a
// live one; --tag narrows it to those made with DNE_LAB_TAG=TAG.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import xtermHeadless from '@xterm/headless';
import { parseScript, runScript, ScriptError } from '../../core/lab/runner.js';
import { createBackend } from '../backends.js';
import { describeLeftover } from '../../core/api/leftovers.js';
import { DockerBackend } from '../docker/backend.js';
import type { BackendKind, TerminalName } from '../../core/api/lab.js';
import { runAsMain, type CliResult } from './cli-result.js';

const { Terminal } = xtermHeadless;
const COLS = 80;
const ROWS = 24;

/** Renders a terminal's byte stream as the screen shows it, scrollback included. */
export async function renderScreen(raw: string, cols = COLS, rows = ROWS): Promise<string> {
  const term = new Terminal({ cols, rows, scrollback: 100_000, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(raw, resolve));
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i);
    if (!line) continue;
    // A wrapped row continues the previous line on screen; keep rows as shown.
    lines.push(line.translateToString(true));
  }
  term.dispose();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

const USAGE = 'usage: npm run lab -- --backend sim|docker --script FILE [--json] [--scenario NAME]\n       npm run lab -- --cleanup [--tag TAG]\n';

async function cleanup(tag: string | undefined): Promise<CliResult> {
  const backend = new DockerBackend();
  try {
    await backend.connect();
    const leftovers = await backend.leftoverLabs(tag);
    const removed = await backend.removeLeftoverLabs(undefined, tag);
    const lines = leftovers
      .filter((lab) => removed.includes(lab.id))
      .map((lab) => `removed ${lab.id.slice(0, 12)}  ${describeLeftover(lab, Date.now())}\n`);
    const summary = removed.length === 0 ? 'no leftover lab hosts\n' : `${removed.length} leftover lab host${removed.length === 1 ? '' : 's'} removed\n`;
    return { exitCode: 0, stdout: lines.join('') + summary, stderr: '' };
  } catch (err) {
    return { exitCode: 1, stdout: '', stderr: `${err instanceof Error ? err.message : String(err)}\n` };
  }
}

export async function runLabCli(argv: string[]): Promise<CliResult> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        backend: { type: 'string', default: 'sim' },
        script: { type: 'string' },
        json: { type: 'boolean', default: false },
        scenario: { type: 'string', default: 'article' },
        cleanup: { type: 'boolean', default: false },
        tag: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (err) {
    return { exitCode: 2, stdout: '', stderr: `${(err as Error).message}\n${USAGE}` };
  }
  if (values.cleanup) return cleanup(values.tag);
  if (!values.script) return { exitCode: 2, stdout: '', stderr: USAGE };
  if (values.backend !== 'sim' && values.backend !== 'docker') {
    return { exitCode: 2, stdout: '', stderr: `unknown backend '${values.backend}'\n${USAGE}` };
  }
  let text: string;
  try {
    text = readFileSync(values.script, 'utf8');
  } catch (err) {
    return { exitCode: 2, stdout: '', stderr: `cannot read ${values.script}: ${(err as Error).message}\n` };
  }
  let directives;
  try {
    directives = parseScript(text);
  } catch (err) {
    if (err instanceof ScriptError) return { exitCode: 1, stdout: '', stderr: `${values.script}: ${err.message}\n` };
    throw err;
  }
  const backend = createBackend(values.backend as BackendKind);
  try {
    await backend.start(values.scenario!);
    const result = await runScript(backend, directives, { size: { cols: COLS, rows: ROWS } });
    let stdout = '';
    if (values.json) {
      stdout = JSON.stringify(result.commands.map(({ terminal, command, output }) => ({ terminal, command, output })), null, 2) + '\n';
    } else {
      for (const [name, raw] of result.transcripts as Map<TerminalName, string>) {
        stdout += `=== ${name} ===\n${await renderScreen(raw)}\n`;
      }
    }
    const stderr = result.error ? `${values.script}: ${result.error}\n` : '';
    return { exitCode: result.error ? 1 : 0, stdout, stderr };
  } catch (err) {
    return { exitCode: 1, stdout: '', stderr: `${(err as Error).message}\n` };
  } finally {
    await backend.dispose();
  }
}

await runAsMain(import.meta.url, runLabCli);
