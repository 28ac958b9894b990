// GNU xargs (findutils 4.8): builds argument lists from its input and runs
// the command (echo by default) from the host's commands, as input arrives.
import type { Command } from '../command.js';
import { hasOption, lastOption, optionWords, parseOptions, type OptionSpec } from './getopt.js';
import { printedHelp } from './help-option.js';
import { chunksOf, openInput } from './text-input.js';
import { fsErrorText } from '../fs.js';
import { TextInput } from '../streams.js';

const OPTIONS: OptionSpec = {
  short: '0a:d:E:e::I:i::L:l::n:P:prs:txv',
  long: {
    null: '0', 'arg-file=': 'a', 'delimiter=': 'd', 'eof?': 'e', 'replace?': 'i', 'max-lines?': 'l', 'max-args=': 'n',
    'max-procs=': 'P', interactive: 'p', 'no-run-if-empty': 'r', 'max-chars=': 's', verbose: 't', exit: 'x', 'show-limits': 'show-limits',
  },
  stopAtOperand: true,
};

/** Splits input as xargs does by default: blanks and newlines separate, quotes and backslashes group; or on one delimiter. */
class ArgumentReader {
  private word = '';
  private inWord = false;
  private quote = '';
  private escaped = false;
  /** Completed arguments, each with whether a newline ended it (for -L). */
  readonly ready: { arg: string; endsLine: boolean }[] = [];
  error: string | undefined;

  constructor(private readonly delimiter: string | undefined) {}

  feed(text: string): void {
    for (const ch of text) {
      if (this.delimiter !== undefined) {
        if (ch === this.delimiter) this.finish(true, true);
        else this.word += ch;
        continue;
      }
      if (this.escaped) {
        this.word += ch;
        this.inWord = true;
        this.escaped = false;
      } else if (this.quote) {
        if (ch === this.quote) this.quote = '';
        else if (ch === '\n') {
          this.error = `unmatched ${this.quote === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option`;
          return;
        } else this.word += ch;
      } else if (ch === "'" || ch === '"') {
        this.quote = ch;
        this.inWord = true;
      } else if (ch === '\\') this.escaped = true;
      else if (ch === ' ' || ch === '\t' || ch === '\n') this.finish(ch === '\n', false);
      else {
        this.word += ch;
        this.inWord = true;
      }
    }
  }

  end(): void {
    if (this.quote && !this.error) this.error = `unmatched ${this.quote === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option`;
    this.finish(true, false);
  }

  private finish(endsLine: boolean, always: boolean): void {
    if (always || this.inWord || this.word !== '') this.ready.push({ arg: this.word, endsLine });
    else if (endsLine && this.ready.length > 0) this.ready[this.ready.length - 1].endsLine = true;
    this.word = '';
    this.inWord = false;
  }
}

/** Input lines for -I: each whole line, leading blanks dropped. */
class LineSplitter {
  private rest = '';
  readonly ready: string[] = [];
  feed(text: string): void {
    this.rest += text;
    const lines = this.rest.split('\n');
    this.rest = lines.pop()!;
    for (const line of lines) this.push(line);
  }
  end(): void {
    if (this.rest !== '') this.push(this.rest);
    this.rest = '';
  }
  private push(line: string): void {
    const trimmed = line.replace(/^[ \t]+/, '');
    if (trimmed !== '') this.ready.push(trimmed);
  }
}

export const xargs: Command = {
  name: 'xargs',
  summary: 'build and execute command lines from standard input',
  usage: 'xargs [OPTION]... COMMAND [INITIAL-ARGS]...',
  completions: (_words, ctx) => [...optionWords(OPTIONS), ...ctx.commands.installedOn(ctx.host).map((c) => c.name)],
  man: `xargs - run COMMAND with arguments INITIAL-ARGS and more arguments read from input.

Mandatory and optional arguments to long options are also
mandatory or optional for the corresponding short option.
  -0, --null                   items are separated by a null, not whitespace;
                                 disables quote and backslash processing
  -a, --arg-file=FILE          read arguments from FILE, not standard input
  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER,
                                 not by whitespace; disables quote and backslash
                                 processing
  -E END                       set logical EOF string; if END occurs as a line
                                 of input, the rest of the input is ignored
  -I R                         same as --replace=R
  -i, --replace[=R]            replace R in INITIAL-ARGS with names read
                                 from standard input, split at newlines;
                                 if R is unspecified, assume {}
  -L, --max-lines=MAX-LINES    use at most MAX-LINES non-blank input lines per
                                 command line
  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line
  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND;
                                 if this option is not given, COMMAND will be
                                 run at least once
  -t, --verbose                print commands before executing them
      --help                   display this help and exit

Exit status: 0 if every command succeeded, 123 if any invocation exited with status 1-125,
124 if a command exited with status 255, 127 if the command was not found.`,
  async run(ctx) {
    if (printedHelp(ctx, xargs)) return 0;
    const parsed = parseOptions(ctx, 'xargs', OPTIONS);
    if (!parsed) return 1;
    const fail = (message: string): number => {
      ctx.stderr.write(`xargs: ${message}\n`);
      return 1;
    };
    const replaceOption = parsed.options.filter((o) => o.key === 'I' || o.key === 'i').pop();
    const replace = replaceOption ? replaceOption.value || '{}' : undefined;
    const maxArgsText = lastOption(parsed, 'n');
    const maxLinesOption = parsed.options.filter((o) => o.key === 'L' || o.key === 'l').pop();
    for (const [text, name] of [[maxArgsText, 'max-args'], [maxLinesOption?.value || undefined, 'max-lines']] as const) {
      if (text !== undefined && !/^\d+$/.test(text)) return fail(`invalid number "${text}" for -${name === 'max-args' ? 'n' : 'L'} option`);
      if (text !== undefined && Number(text) < 1) return fail(`value ${text} for -${name === 'max-args' ? 'n' : 'L'} option should be >= 1`);
    }
    const maxArgs = maxArgsText === undefined ? Infinity : Number(maxArgsText);
    const maxLines = maxLinesOption ? Number(maxLinesOption.value || '1') : Infinity;
    const delimiterText = hasOption(parsed, '0') ? '\0' : lastOption(parsed, 'd');
    const delimiter = delimiterText === undefined ? undefined : unescapeDelimiter(delimiterText);
    if (delimiter !== undefined && delimiter.length !== 1) return fail(`invalid input delimiter specification ${delimiterText}: the delimiter must be either a single character or an escape sequence starting with \\.`);
    const eof = lastOption(parsed, 'E') ?? (parsed.options.some((o) => o.key === 'e') ? lastOption(parsed, 'e') || undefined : undefined);
    const command = parsed.operands.length > 0 ? parsed.operands : ['echo'];
    const verbose = hasOption(parsed, 't') || hasOption(parsed, 'p');
    const noRunIfEmpty = hasOption(parsed, 'r');

    const argFile = lastOption(parsed, 'a');
    const source = argFile === undefined ? ctx.stdin : openInput(ctx, argFile);
    if ('error' in source) return fail(`${argFile}: ${fsErrorText(source.error)}`);

    let status = 0;
    let ran = false;
    const installed = ctx.commands.installedOn(ctx.host).flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    /** Runs one command line; false when xargs must stop (command missing, or exit 255). */
    const runOnce = async (argv: string[]): Promise<boolean> => {
      ran = true;
      if (verbose) ctx.stderr.write(argv.join(' ') + '\n');
      const name = argv[0].slice(argv[0].lastIndexOf('/') + 1);
      if (!installed.includes(name)) {
        ctx.stderr.write(`xargs: ${argv[0]}: No such file or directory\n`);
        status = 127;
        return false;
      }
      // The command's input is /dev/null: xargs's own input is its arguments.
      const code = await ctx.exec(argv, { stdin: new TextInput() });
      if (code === 255) {
        ctx.stderr.write(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
        status = 124;
        return false;
      }
      if (code >= 128) {
        ctx.stderr.write(`xargs: ${argv[0]}: terminated by signal ${code - 128}\n`);
        status = 125;
        return false;
      }
      if (code !== 0) status = 123;
      return !ctx.interrupted.signalled;
    };

    if (replace !== undefined) {
      const lines = new LineSplitter();
      for await (const chunk of chunksOf(source)) {
        lines.feed(chunk);
        while (lines.ready.length > 0) if (!(await runOnce(substitute(command, replace, lines.ready.shift()!)))) return status;
      }
      lines.end();
      for (const line of lines.ready) if (!(await runOnce(substitute(command, replace, line)))) return status;
      return status;
    }

    const reader = new ArgumentReader(delimiter);
    let batch: string[] = [];
    let linesInBatch = 0;
    let stopped = false;
    /** Takes finished arguments into batches and runs each full one. */
    const drain = async (final: boolean): Promise<boolean> => {
      while (reader.ready.length > 0) {
        const { arg, endsLine } = reader.ready.shift()!;
        if (eof !== undefined && arg === eof) {
          stopped = true;
          reader.ready.length = 0;
          break;
        }
        batch.push(arg);
        if (endsLine) linesInBatch++;
        if (batch.length >= maxArgs || linesInBatch >= maxLines) {
          const args = batch;
          batch = [];
          linesInBatch = 0;
          if (!(await runOnce([...command, ...args]))) return false;
        }
      }
      if (final && (batch.length > 0 || (!ran && !noRunIfEmpty))) return runOnce([...command, ...batch]);
      return true;
    };
    for await (const chunk of chunksOf(source)) {
      reader.feed(chunk);
      if (reader.error) return fail(reader.error);
      if (!(await drain(false))) return status;
      if (stopped) break;
    }
    reader.end();
    if (reader.error) {
      ctx.stderr.write(`xargs: ${reader.error}\n`);
      status = 1;
    }
    await drain(true);
    return status;
  },
};

function substitute(command: string[], replace: string, value: string): string[] {
  return command.map((word) => word.split(replace).join(value));
}

function unescapeDelimiter(text: string): string {
  const named: Record<string, string> = { '\\n': '\n', '\\t': '\t', '\\0': '\0', '\\\\': '\\' };
  if (named[text]) return named[text];
  if (/^\\x[0-9a-fA-F]{2}$/.test(text)) return String.fromCharCode(parseInt(text.slice(2), 16));
  if (/^\\[0-7]{3}$/.test(text)) return String.fromCharCode(parseInt(text.slice(1), 8));
  return text;
}

