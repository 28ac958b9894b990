// `npm run lessons:try -- --backend sim|docker --chapter ID|--challenge ID --script FILE [--json] [--wrong-predictions]`
// Replays a learner's script (the `npm run lab` format; `{{bindings}}` filled
// from the lab) in one chapter or challenge from its starting lab, and reports
// each step's state and checks (a challenge: solved or not, and its checks)
// exactly as the app would judge them. Exits 0 whatever the learner did; 2 for
// bad arguments, an unreadable or malformed script, or an unknown chapter or
// challenge.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ScriptError, parseScript } from '../../core/lab/runner.js';
import { loadChallenges, tryChallenge, type ChallengeTryReport } from '../../core/lessons/challenges.js';
import { loadCourse } from '../../core/lessons/loader.js';
import { tryScript, type TryReport } from '../../core/lessons/verify.js';
import { createBackend } from '../backends.js';
import { folderSource } from '../lessons-source.js';
import type { BackendKind } from '../../core/api/lab.js';
import { runAsMain, type CliResult } from './cli-result.js';

const USAGE = 'usage: npm run lessons:try -- --backend sim|docker --chapter ID|--challenge ID --script FILE [--json] [--wrong-predictions] [--lessons DIR]\n';

function describe(report: TryReport): string {
  const lines = [`chapter ${report.chapter}`];
  for (const step of report.steps) {
    lines.push(`  ${step.state.padEnd(7)} ${step.id}`);
    for (const check of step.checks) {
      lines.push(`    ${check.passed ? 'pass' : 'FAIL'} ${check.id}`);
      if (!check.passed && step.state === 'active') lines.push(...check.explanation.split('\n').map((l) => `         ${l}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

function describeChallenge(report: ChallengeTryReport): string {
  const lines = [`challenge ${report.challenge}: ${report.solved ? 'solved' : 'not solved'}`];
  for (const check of report.checks) {
    lines.push(`  ${check.passed ? 'pass' : 'FAIL'} ${check.id}`);
    if (!check.passed) lines.push(...check.explanation.split('\n').map((l) => `       ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

export async function runLessonsTry(argv: string[]): Promise<CliResult> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        backend: { type: 'string', default: 'sim' },
        chapter: { type: 'string' },
        challenge: { type: 'string' },
        script: { type: 'string' },
        json: { type: 'boolean', default: false },
        // Predictions never gate checks in the app, so a wrong answer judges the same: accepted for scripts that set it.
        'wrong-predictions': { type: 'boolean', default: false },
        lessons: { type: 'string', default: 'lessons' },
      },
      strict: true,
    }).values;
  } catch (err) {
    return { exitCode: 2, stdout: '', stderr: `${(err as Error).message}\n${USAGE}` };
  }
  if (!values.chapter === !values.challenge || !values.script) return { exitCode: 2, stdout: '', stderr: USAGE };
  if (values.backend !== 'sim' && values.backend !== 'docker') return { exitCode: 2, stdout: '', stderr: `unknown backend '${values.backend}'\n${USAGE}` };
  let script: string;
  try {
    script = readFileSync(values.script, 'utf8');
    parseScript(script);
  } catch (err) {
    const message = err instanceof ScriptError ? err.message : `cannot read it: ${(err as Error).message}`;
    return { exitCode: 2, stdout: '', stderr: `${values.script}: ${message}\n` };
  }
  if (values.challenge) return tryOneChallenge(values.challenge, values.lessons!, values.backend as BackendKind, script, values.json!);
  const { course, errors } = loadCourse(folderSource(values.lessons!));
  const entry = course?.chapters.find((c) => c.id === values.chapter);
  if (!entry) return { exitCode: 2, stdout: '', stderr: [`--chapter ${values.chapter}: no such chapter in ${values.lessons}/course.yaml`, ...errors].join('\n') + '\n' };
  if (!entry.chapter) return { exitCode: 2, stdout: '', stderr: `${entry.broken?.errors.join('\n')}\n` };
  const backend = createBackend(values.backend as BackendKind);
  try {
    const report = await tryScript(entry.chapter, backend, script, {
      timer: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
    });
    return { exitCode: 0, stdout: values.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report), stderr: '' };
  } catch (err) {
    return { exitCode: 1, stdout: '', stderr: `the lab could not run the script: ${(err as Error).message}\n` };
  } finally {
    await backend.dispose();
  }
}

async function tryOneChallenge(id: string, lessons: string, kind: BackendKind, script: string, json: boolean): Promise<CliResult> {
  const { challenges, errors } = loadChallenges(folderSource(lessons));
  const entry = challenges.find((c) => c.id === id);
  if (!entry) return { exitCode: 2, stdout: '', stderr: [`--challenge ${id}: no such challenge in ${lessons}/challenges/challenges.yaml`, ...errors].join('\n') + '\n' };
  if (!entry.challenge) return { exitCode: 2, stdout: '', stderr: `${entry.broken?.errors.join('\n')}\n` };
  const backend = createBackend(kind);
  try {
    const report = await tryChallenge(entry.challenge, backend, script, {
      timer: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
    });
    return { exitCode: 0, stdout: json ? `${JSON.stringify(report, null, 2)}\n` : describeChallenge(report), stderr: '' };
  } catch (err) {
    return { exitCode: 1, stdout: '', stderr: `the lab could not run the script: ${(err as Error).message}\n` };
  } finally {
    await backend.dispose();
  }
}

await runAsMain(import.meta.url, runLessonsTry);
