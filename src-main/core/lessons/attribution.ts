// Who printed a command's output. A fact counts as observed only when a tool
// printed it itself: the first command of a pipeline is the producer, the
// filters after it keep its identity (what they removed was not seen), a
// count (`wc`) is not the lines it counted, and text the learner typed
// (`echo`, `cat`, `printf`) observes nothing; a tool no reader knows yields
// no facts (core/facts reads only the tools it knows). A line of
// several commands (`a; b`, `a && b`) mixes their outputs, so only a line
// whose other commands print nothing can be attributed.
import { parse, type ParseEntry } from 'shell-quote';
import type { CommandRecord, TerminalName } from '../api/lab.js';

/** Commands after a producer that pass some of its lines through unchanged. */
const FILTERS = new Set(['grep', 'egrep', 'fgrep', 'head', 'tail', 'sort', 'uniq', 'cut', 'awk', 'sed', 'jq', 'less', 'more', 'tee', 'column', 'nl']);

/** Commands after a producer that print a count of its lines instead of them. */
const COUNTERS = new Set(['wc']);

/** Commands that print nothing of their own, so they may share a line with a producer. */
const SILENT = new Set(['sleep', 'cd', 'clear', 'true', 'export', 'set', 'sync']);

/** Files whose content a tool wrote, so `cat` of them shows the kernel's state rather than typed text. */
const KERNEL_FILES = /^\/(proc|sys)\//;

export interface Producer {
  /** The program that printed the output (`iptables`, `ping`, ...). */
  tool: string;
  /** Its arguments, without the program name. */
  argv: string[];
}

export type Attribution =
  | {
      kind: 'tool';
      producer: Producer;
      /** Where the tool ran: the terminal, or the container a `docker exec` entered. */
      place: TerminalName;
      /** Filters its output went through (`grep`, `head`, ...), by name. */
      filters: string[];
      /** The output is a count of the tool's lines (`| wc -l`), not the lines. */
      counted: boolean;
    }
  | {
      kind: 'none';
      /** Why nothing the command printed counts as an observation, in words. */
      reason: string;
    };

type Word = string;
type Pipeline = Word[][];


/** Index of the `)` that closes the `(` at `open`, or -1. */
function closingParen(entries: ParseEntry[], open: number): number {
  let depth = 0;
  for (let i = open; i < entries.length; i++) {
    const entry = entries[i];
    if (typeof entry !== 'object' || !('op' in entry)) continue;
    if (entry.op === '(') depth++;
    if (entry.op === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The line as a list of pipelines, each a list of simple commands; undefined when it uses syntax this reading does not follow. */
function splitLine(line: string): { pipelines: Pipeline[]; redirected: boolean } | undefined {
  let entries: ParseEntry[];
  try {
    entries = parse(line, (name) => `$${name}`);
  } catch {
    return undefined;
  }
  const pipelines: Pipeline[] = [[[]]];
  let redirected = false;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (typeof entry === 'string') {
      pipelines.at(-1)!.at(-1)!.push(entry);
      continue;
    }
    if (!('op' in entry) || entry.op === 'glob') return undefined;
    const words = pipelines.at(-1)!.at(-1)!;
    if (entry.op === '(' && words.at(-1)?.endsWith('$')) {
      // `$(...)`: a command substitution is one word of this command, whatever it runs.
      const close = closingParen(entries, i);
      if (close < 0) return undefined;
      words[words.length - 1] = `${words.at(-1)!.slice(0, -1)}$(…)`;
      i = close;
      continue;
    }
    switch (entry.op) {
      case '|':
        pipelines.at(-1)!.push([]);
        break;
      case ';':
      case '&&':
      case '||':
      case '&':
        pipelines.push([[]]);
        break;
      case '>':
      case '>>': {
        // `2>` is stderr, which does not hide stdout; anything else sends stdout to a file.
        const words = pipelines.at(-1)!.at(-1)!;
        if (words.at(-1) === '2') words.pop();
        else redirected = true;
        i++;
        break;
      }
      case '>&':
        // `2>&1` joins stderr to stdout; the word before it is the fd.
        if (pipelines.at(-1)!.at(-1)!.at(-1) === '2') pipelines.at(-1)!.at(-1)!.pop();
        i++;
        break;
      case '<':
        i++;
        break;
      default:
        return undefined;
    }
  }
  const nonEmpty = pipelines.map((p) => p.filter((c) => c.length > 0)).filter((p) => p.length > 0);
  return { pipelines: nonEmpty, redirected };
}

/** Strips wrappers that run another command in place (`sudo`, `timeout 5`, `docker exec c1`, `nsenter -t PID -n`). */
function unwrap(words: Word[], terminal: TerminalName): { words: Word[]; place: TerminalName } {
  let place = terminal;
  for (;;) {
    const [program, ...rest] = words;
    if (program === 'sudo' || program === 'command' || program === 'exec') {
      let i = 0;
      while (i < rest.length && rest[i].startsWith('-')) i += /^-(u|g)$/.test(rest[i]) ? 2 : 1;
      words = rest.slice(i);
    } else if (program === 'timeout') {
      let i = 0;
      while (i < rest.length && rest[i].startsWith('-')) i += /^-(s|k)$/.test(rest[i]) ? 2 : 1;
      words = rest.slice(i + 1);
    } else if (program === 'docker' && rest[0] === 'exec') {
      const args = rest.slice(1);
      let i = 0;
      while (i < args.length && args[i].startsWith('-')) i += /^-(e|u|w|-env|-user|-workdir)$/.test(args[i]) ? 2 : 1;
      if (i >= args.length) return { words, place };
      place = args[i];
      words = args.slice(i + 1);
    } else if (program === 'nsenter') {
      const dash = rest.indexOf('--');
      const after = dash >= 0 ? rest.slice(dash + 1) : rest.filter((w, i) => !w.startsWith('-') && !/^-[a-zA-Z]*t$|^--target$/.test(rest[i - 1] ?? ''));
      words = after;
    } else if (program === 'ip' && rest[0] === 'netns' && rest[1] === 'exec') {
      place = rest[2] ?? place;
      words = rest.slice(3);
    } else {
      return { words, place };
    }
  }
}

function describeTyped(program: string): string {
  return `\`${program}\` only repeats text that was typed or stored, so what it printed is not something the lab showed`;
}

/** Who printed a record's output, and through which filters. */
export function attribute(record: Pick<CommandRecord, 'command' | 'terminal'>): Attribution {
  const split = splitLine(record.command.trim());
  if (!split || split.pipelines.length === 0) return { kind: 'none', reason: 'the command line could not be read' };
  if (split.redirected) return { kind: 'none', reason: 'its output went to a file instead of the screen' };
  const speaking = split.pipelines.filter((p) => !(p.length === 1 && SILENT.has(p[0][0])));
  if (speaking.length > 1) {
    return { kind: 'none', reason: 'it ran several commands on one line, so their outputs cannot be told apart; run the tool on its own' };
  }
  if (speaking.length === 0) return { kind: 'none', reason: 'it prints nothing the lab shows' };
  const [first, ...rest] = speaking[0];
  const { words, place } = unwrap(first, record.terminal);
  const [tool, ...argv] = words;
  if (!tool) return { kind: 'none', reason: 'the command line could not be read' };
  const program = tool.split('/').at(-1)!;
  if (program === 'echo' || program === 'printf') return { kind: 'none', reason: describeTyped(program) };
  if (program === 'cat' && !argv.some((a) => KERNEL_FILES.test(a))) return { kind: 'none', reason: describeTyped('cat') };
  const filters: string[] = [];
  let counted = false;
  for (const command of rest) {
    const name = command[0]?.split('/').at(-1) ?? '';
    if (COUNTERS.has(name)) counted = true;
    else if (FILTERS.has(name)) filters.push(name);
    else return { kind: 'none', reason: `its output went through \`${name}\`, which changes what the tool printed` };
  }
  return { kind: 'tool', producer: { tool: program, argv }, place, filters, counted };
}
