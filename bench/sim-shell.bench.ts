// Simulator and shell figures: building the article's lab, its memory, and
// the latency of a keystroke echo and of a command's output through the
// TerminalSession API (what the UI sees).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Report } from './index.js';
import { parseScript } from '../src-main/core/shell/bash/syntax.js';
import { SimBackend } from '../src-main/core/simlab/backend.js';

const decoder = new TextDecoder();

async function buildMs(scenario: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const backend = new SimBackend();
    const start = performance.now();
    await backend.start(scenario);
    times.push(performance.now() - start);
    await backend.dispose();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// A full collection before each reading, so the figure is what the labs retain.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heapMb(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

/** A million random command lines through the parser: none may throw (the fuzz test runs fewer). */
function parseMillion(report: Report): void {
  const alphabet = 'abcxyz019 \'"\\$(){}|;&<>#=*~-./\t!?';
  let seed = 0x5eed;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const lines = 1_000_000;
  let failures = 0;
  const start = performance.now();
  for (let i = 0; i < lines; i++) {
    let line = '';
    const length = Math.floor(random() * 40);
    for (let j = 0; j < length; j++) line += alphabet[Math.floor(random() * alphabet.length)];
    try {
      parseScript(line);
    } catch {
      failures++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  report('shell.parse_lines_per_s', Math.round(lines / seconds), 'lines/s');
  report('shell.parse_exceptions', failures, 'count');
}

export async function run(report: Report): Promise<void> {
  parseMillion(report);
  // Scenarios that need commands not yet in the registry cannot be built; measure what can.
  const scenario = (await new SimBackend().start('article').then(() => true, () => false)) ? 'article' : 'fresh';
  if (scenario !== 'article') console.error('# article scenario not buildable yet; measuring fresh');
  await buildMs(scenario, 3); // warm-up: JIT, jq's WebAssembly
  report('sim.lab_build_ms', await buildMs(scenario, 15), 'ms');

  const before = heapMb();
  const labs: SimBackend[] = [];
  for (let i = 0; i < 10; i++) {
    const b = new SimBackend();
    await b.start(scenario);
    labs.push(b);
  }
  report('sim.lab_heap_mb', (heapMb() - before) / labs.length, 'MB');
  for (const b of labs) await b.dispose();

  const backend = new SimBackend();
  await backend.start(scenario);
  const term = await backend.openTerminal('host', { cols: 80, rows: 24 });
  let received = '';
  term.onData((chunk) => (received += decoder.decode(chunk)));

  // Keystroke to echo: the time from write() until the echoed character arrives.
  const keystrokes = 20_000;
  const start = performance.now();
  for (let i = 0; i < keystrokes; i++) {
    const before = received.length;
    term.write('x');
    if (received.length === before) await backend.sleep(0);
    if (i % 200 === 199) term.write('\x15'); // Ctrl-U keeps the line short
  }
  report('shell.keystroke_echo_us', ((performance.now() - start) * 1000) / keystrokes, 'us');
  term.write('\x15');

  // Command to output: Enter until the command's output and the next prompt are there.
  const commands = 500;
  const cmdStart = performance.now();
  for (let i = 0; i < commands; i++) {
    received = '';
    term.write(`echo hello ${i}\r`);
    while (!received.includes(`hello ${i}\r\n`) || term.busy) await backend.sleep(0);
  }
  report('shell.command_output_ms', (performance.now() - cmdStart) / commands, 'ms');
  await backend.dispose();
}

// cspell:words abcxyz
