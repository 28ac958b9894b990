// The headless lab script runner (`npm run lab`). Written against LabBackend
// only, so the simulator and real Docker run the same scripts the same way.
//
// Script lines:  @TERM COMMAND   types COMMAND + Enter in terminal TERM
//                @TERM ^C        sends Ctrl-C
//                wait SECONDS    lets lab time pass
//                # comment       (and blank lines) ignored
import type { LabBackend, TerminalSession, TerminalSize } from './backend.js';
import { utf8Decoder } from '../base/utf8.js';
import { ShellIntegrationParser, mark, plainText } from './shell-integration.js';
import type { TerminalName } from '../api/lab.js';

export type Directive =
  | { kind: 'type'; line: number; terminal: TerminalName; command: string }
  | { kind: 'interrupt'; line: number; terminal: TerminalName }
  | { kind: 'wait'; line: number; seconds: number };

export class ScriptError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const TERMINAL_NAME = /^[a-z][a-z0-9_-]*$/;

/** Parses a script; throws ScriptError naming the first malformed line. */
export function parseScript(text: string): Directive[] {
  const directives: Directive[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (trimmed.startsWith('@')) {
      const space = trimmed.search(/\s/);
      const terminal = space < 0 ? trimmed.slice(1) : trimmed.slice(1, space);
      if (!TERMINAL_NAME.test(terminal)) throw new ScriptError(line, `bad terminal name '${terminal}'`);
      // Keep the command exactly as written after the first space (quotes and all).
      const command = space < 0 ? '' : raw.slice(raw.indexOf(terminal) + terminal.length + 1).replace(/\s+$/, '');
      if (command.trim() === '^C') directives.push({ kind: 'interrupt', line, terminal });
      else if (command.trim() === '') throw new ScriptError(line, `no command for @${terminal}`);
      else directives.push({ kind: 'type', line, terminal, command });
      return;
    }
    const wait = /^wait\s+(\d+(?:\.\d+)?|\.\d+)$/.exec(trimmed);
    if (wait) {
      directives.push({ kind: 'wait', line, seconds: Number(wait[1]) });
      return;
    }
    throw new ScriptError(line, `expected '@TERM COMMAND', '@TERM ^C', 'wait SECONDS' or '# comment', got '${trimmed}'`);
  });
  return directives;
}

export interface RunCommand {
  terminal: TerminalName;
  command: string;
  output: string;
  /** Undefined while still running at the end of the script. */
  exitCode?: number;
}

export interface RunResult {
  commands: RunCommand[];
  /** Each terminal's raw byte stream as text, in the order the terminals were opened. */
  transcripts: Map<TerminalName, string>;
  /** Set when a directive timed out waiting for its terminal's prompt. */
  error?: string;
}

export interface RunOptions {
  size?: TerminalSize;
  /** Longest a directive waits for its terminal's prompt, in lab ms. */
  promptTimeoutMs?: number;
  /** Lab time between checks while waiting. */
  pollMs?: number;
  /** At the end, how long typed commands may take to start before they are reported as never started. */
  startGraceMs?: number;
  /** At the end, let running commands finish for up to this much lab time (default 0: leave them running). */
  drainMs?: number;
}

interface OpenTerminal {
  session: TerminalSession;
  parser: ShellIntegrationParser;
  raw: string;
  /** Typed a command whose start the shell has not reported yet. */
  awaitingStart: boolean;
  /** Entries for commands started here and not yet ended, oldest first. */
  active: RunCommand[];
  /** Commands typed here, in order, that have not started yet. */
  typed: RunCommand[];
}

export async function runScript(backend: LabBackend, directives: Directive[], options: RunOptions = {}): Promise<RunResult> {
  const size = options.size ?? { cols: 80, rows: 24 };
  const timeoutMs = options.promptTimeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 10;
  const terminals = new Map<TerminalName, OpenTerminal>();
  const commands: RunCommand[] = [];

  const open = async (name: TerminalName): Promise<OpenTerminal> => {
    const existing = terminals.get(name);
    if (existing) return existing;
    const session = await backend.openTerminal(name, size);
    const term: OpenTerminal = {
      session,
      raw: '',
      awaitingStart: false,
      active: [],
      typed: [],
      parser: new ShellIntegrationParser(
        (finished) => {
          const entry = term.active.shift();
          if (!entry) return;
          entry.output = finished.output;
          entry.exitCode = finished.exitCode;
        },
        (started) => {
          term.awaitingStart = false;
          // Commands typed here start in order; a nested shell's commands have no typed entry.
          const entry = term.typed.shift() ?? { terminal: name, command: started.command, output: '' };
          if (!commands.includes(entry)) commands.push(entry);
          entry.command = started.command;
          term.active.push(entry);
        },
      ),
    };
    const decoder = utf8Decoder();
    session.onData((chunk) => {
      const text = decoder.decode(chunk, { stream: true });
      term.raw += text;
      term.parser.feed(text);
    });
    terminals.set(name, term);
    return term;
  };

  const atPrompt = (term: OpenTerminal): boolean => term.parser.idle && !term.awaitingStart;

  const waitForPrompt = async (term: OpenTerminal): Promise<boolean> => {
    const deadline = backend.now() + timeoutMs;
    while (!atPrompt(term)) {
      if (backend.now() >= deadline) return false;
      await backend.sleep(pollMs);
    }
    return true;
  };

  let error: string | undefined;
  for (const d of directives) {
    if (d.kind === 'wait') {
      await backend.sleep(d.seconds * 1000);
      continue;
    }
    let term: OpenTerminal;
    try {
      term = await open(d.terminal);
    } catch (err) {
      error = `line ${d.line}: ${err instanceof Error ? err.message : String(err)}`;
      break;
    }
    if (d.kind === 'interrupt') {
      term.session.write('\x03');
      continue;
    }
    if (!(await waitForPrompt(term))) {
      error = `line ${d.line}: terminal ${d.terminal} was not back at its prompt after ${timeoutMs / 1000} s of lab time`;
      break;
    }
    const entry: RunCommand = { terminal: d.terminal, command: d.command, output: '' };
    term.typed.push(entry);
    commands.push(entry);
    term.awaitingStart = true;
    term.session.write(d.command + '\r');
    // Let the keystrokes reach the shell before the next directive.
    await backend.sleep(0);
  }

  // Typed commands the shell has not started yet (a real engine's latency): give them a moment.
  const startDeadline = backend.now() + (options.startGraceMs ?? 5000);
  while ([...terminals.values()].some((t) => t.typed.length > 0) && backend.now() < startDeadline) await backend.sleep(pollMs);
  const drainDeadline = backend.now() + (options.drainMs ?? 0);
  while ([...terminals.values()].some((t) => !atPrompt(t)) && backend.now() < drainDeadline) await backend.sleep(pollMs);
  // Commands still running: report what they printed so far.
  for (const term of terminals.values()) {
    for (const entry of term.active) {
      const start = term.raw.lastIndexOf(mark.outputStart);
      entry.output = start < 0 ? '' : plainText(term.raw.slice(start + mark.outputStart.length));
    }
  }
  return {
    commands,
    transcripts: new Map([...terminals].map(([name, t]) => [name, t.raw])),
    error,
  };
}
