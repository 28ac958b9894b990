// Solutions and mutants are lab scripts, parsed by the lab runner's parser;
// this reports a malformed line as a problem instead of throwing.
import { parseScript, ScriptError, type Directive } from '../lab/runner.js';

export type { Directive };

export interface ScriptProblem {
  /** 1-based line within the script. */
  line: number;
  message: string;
}

export function parseLabScript(script: string): { directives: Directive[]; problems: ScriptProblem[] } {
  try {
    return { directives: parseScript(script), problems: [] };
  } catch (error) {
    if (!(error instanceof ScriptError)) throw error;
    return { directives: [], problems: [{ line: error.line, message: error.message.replace(/^line \d+: /, '') }] };
  }
}
