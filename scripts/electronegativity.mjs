// Runs @doyensec/electronegativity over the Electron side of the app (main,
// preload, utility process, the renderer's HTML with its CSP) and fails on
// any finding above "note" level. The tool exits 0 whatever it finds, and it
// rates even nodeIntegration:true/contextIsolation:false only as SARIF
// "warning", so warnings count as errors here, except the reviewed ones below. AvailableSecurityFixesGlobalCheck
// needs the internet, so it is off.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Findings read and accepted: the rule, the file, and text that must be on the reported line, with the reason. */
const REVIEWED = [
  {
    rule: 'CUSTOM_ARGUMENTS_JS_CHECK',
    file: 'src-main/electron/main.ts',
    line: "app.commandLine.appendSwitch('disable-features', 'DeferRendererTasksAfterInput')",
    why: 'a scheduling switch for keystroke echo latency; it turns off no security feature',
  },
];
const work = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const scanned = join(work, 'app');
const report = join(work, 'report.sarif');

function lineOf(file, number) {
  return readFileSync(join(root, file), 'utf8').split('\n')[(number ?? 0) - 1] ?? '';
}

try {
  mkdirSync(join(scanned, 'src-main/electron'), { recursive: true });
  for (const file of readdirSync(join(root, 'src-main/electron'))) {
    cpSync(join(root, 'src-main/electron', file), join(scanned, 'src-main/electron', file));
  }
  cpSync(join(root, 'src-renderer/index.html'), join(scanned, 'src-renderer/index.html'));
  cpSync(join(root, 'package.json'), join(scanned, 'package.json'));

  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', scanned, '-o', report, '-r', '-x', 'AvailableSecurityFixesGlobalCheck'],
    { cwd: root, encoding: 'utf8' },
  );
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    console.error(`electronegativity failed to run (exit ${run.status})`);
    process.exit(2);
  }

  const sarif = JSON.parse(readFileSync(report, 'utf8'));
  const findings = sarif.runs.flatMap((r) => r.results ?? []);
  let errors = 0;
  for (const finding of findings) {
    const where = finding.locations?.[0]?.physicalLocation;
    const place = `${where?.artifactLocation?.uri ?? '?'}:${where?.region?.startLine ?? '?'}`;
    const reviewed = REVIEWED.find((r) => r.rule === finding.ruleId && where?.artifactLocation?.uri?.endsWith(r.file) && lineOf(r.file, where?.region?.startLine).includes(r.line));
    if (reviewed) {
      console.log(`${'reviewed'.padEnd(7)} ${finding.ruleId} ${place}: ${reviewed.why}`);
      continue;
    }
    if (finding.level === 'error' || finding.level === 'warning') errors++;
    console.log(`${(finding.level ?? 'note').padEnd(7)} ${finding.ruleId} ${place}: ${finding.message?.text ?? ''}`);
  }
  console.log(`electronegativity: ${findings.length} findings, ${errors} errors`);
  process.exit(errors ? 1 : 0);
} finally {
  rmSync(work, { recursive: true, force: true });
}
