// Lab scripts as solutions and mutants use them: the directives of the lab
// runner (`npm run lab`), so a step's solution can be replayed by either.
import type { TerminalName } from '../lab/backend.js';

export type Directive =
  | { kind: 'type'; line: number; terminal: TerminalName; command: string }
  | { kind: 'interrupt'; line: number; terminal: TerminalName }
  | { kind: 'wait'; line: number; seconds: number };

export interface ScriptProblem {
  /** 1-based line within the script. */
  line: number;
  message: string;
}

export function parseLabScript(script: string): { directives: Directive[]; problems: ScriptProblem[] } {
  const directives: Directive[] = [];
  const problems: ScriptProblem[] = [];
  script.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const wait = /^wait\s+(\S+)$/.exec(text);
    if (wait) {
      const seconds = Number(wait[1]);
      if (Number.isFinite(seconds) && seconds >= 0) directives.push({ kind: 'wait', line, seconds });
      else problems.push({ line, message: `wait needs a number of seconds, not "${wait[1]}"` });
      return;
    }
    const typed = /^@([a-z][a-z0-9]*)\s+(.+)$/.exec(text);
    if (!typed) {
      problems.push({ line, message: `expected "@TERMINAL COMMAND", "@TERMINAL ^C" or "wait SECONDS", got "${text}"` });
      return;
    }
    const [, terminal, command] = typed;
    directives.push(command === '^C' ? { kind: 'interrupt', line, terminal } : { kind: 'type', line, terminal, command });
  });
  return { directives, problems };
}
