// GNU sed 4.7 as Debian bullseye has it: streams its input line by line, with
// -i editing the simulated files in place.
import type { Command, CommandContext, InputStream } from '../../command.js';
import { FileSystem, fsErrorText } from '../../fs.js';
import { replaceMatches } from '../awk/interpreter.js';
import { optionWords, parseOptions, type OptionSpec } from '../getopt.js';
import { openInput, streamLines, type StreamLine } from '../text-input.js';
import { parseScript, SedScriptError, type Address, type SedCommand } from './script.js';

const OPTIONS: OptionSpec = {
  short: 'ne:f:i::l:Ersuz',
  long: {
    quiet: 'n', silent: 'n', 'expression=': 'e', 'file=': 'f', 'in-place?': 'i', 'line-length=': 'l', 'regexp-extended': 'E',
    separate: 's', unbuffered: 'u', 'null-data': 'z', posix: 'posix', debug: 'debug', sandbox: 'sandbox', 'follow-symlinks': 'follow-symlinks', version: 'version', help: 'help',
  },
};

const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

/** Lines of several inputs as one stream, one line ahead so `$` is known. */
class LineSource {
  private current: AsyncIterator<StreamLine> | undefined;
  private ahead: StreamLine | null | undefined;
  lineNumber = 0;

  constructor(
    private readonly inputs: () => Promise<InputStream | undefined>,
  ) {}

  private async pull(): Promise<StreamLine | null> {
    for (;;) {
      if (!this.current) {
        const input = await this.inputs();
        if (!input) return null;
        this.current = streamLines(input)[Symbol.asyncIterator]();
      }
      const next = await this.current.next();
      if (!next.done) return next.value;
      this.current = undefined;
    }
  }

  async next(): Promise<StreamLine | null> {
    const line = this.ahead !== undefined ? this.ahead : await this.pull();
    this.ahead = undefined;
    if (line) this.lineNumber++;
    return line;
  }

  async isLast(): Promise<boolean> {
    if (this.ahead === undefined) this.ahead = await this.pull();
    return this.ahead === null;
  }
}

interface RangeState {
  active: boolean;
  end?: number;
}

class SedRun {
  private hold = '';
  private lastRegex: RegExp | undefined;
  private readonly ranges = new Map<number, RangeState>();
  private appendQueue: string[] = [];
  private quitStatus: number | undefined;

  constructor(
    private readonly ctx: CommandContext,
    private readonly commands: SedCommand[],
    private readonly quiet: boolean,
    private readonly write: (text: string) => void,
  ) {}

  private regexFor(re: RegExp | null | undefined): RegExp {
    const picked = re ?? this.lastRegex;
    if (!picked) throw new SedScriptError('no previous regular expression');
    this.lastRegex = picked;
    return picked;
  }

  private async matchAddress(a: Address, space: string, source: LineSource): Promise<boolean> {
    switch (a.t) {
      case 'line':
        return source.lineNumber === a.n;
      case 'last':
        return source.isLast();
      case 'regex':
        return this.regexFor(a.re).test(space);
      case 'step':
        return a.step <= 0 ? source.lineNumber === a.first : source.lineNumber >= a.first && (source.lineNumber - a.first) % a.step === 0;
    }
  }

  private async selected(index: number, c: SedCommand, space: string, source: LineSource): Promise<boolean> {
    if (!c.a1) return true;
    if (!c.a2) return this.matchAddress(c.a1, space, source);
    const state = this.ranges.get(index) ?? { active: false };
    this.ranges.set(index, state);
    const n = source.lineNumber;
    if (!state.active) {
      const zeroStart = c.a1.t === 'line' && c.a1.n === 0;
      if (!zeroStart && !(await this.matchAddress(c.a1, space, source))) return false;
      const end = c.a2;
      if (end.t === 'line') {
        if (end.n > n) state.active = true;
      } else if (end.t === 'plus') {
        state.end = n + end.n;
        state.active = end.n > 0;
      } else if (end.t === 'multiple') {
        state.active = end.n > 0 && n % end.n !== 0;
      } else if (zeroStart && end.t === 'regex') {
        state.active = !this.regexFor(end.re).test(space);
        if (!state.active && n > 1) return false;
      } else if (end.t === 'last') state.active = !(await source.isLast());
      else state.active = true;
      if (zeroStart && n > 1 && !state.active) return false;
      return true;
    }
    const end = c.a2;
    if (end.t === 'line') state.active = n < end.n;
    else if (end.t === 'plus') state.active = n < state.end!;
    else if (end.t === 'multiple') state.active = n % end.n !== 0;
    else if (end.t === 'last') state.active = !(await source.isLast());
    else if (end.t === 'regex') state.active = !this.regexFor(end.re).test(space);
    if (end.t === 'line' && n > end.n) {
      state.active = false;
      return false;
    }
    return true;
  }

  private flushAppends(): void {
    for (const text of this.appendQueue) this.write(text);
    this.appendQueue = [];
  }

  /** Runs the script over every line; returns the exit status (q's, or 0). */
  async run(source: LineSource): Promise<number> {
    let line = await source.next();
    while (line) {
      let space = line.text;
      let newline = line.newline;
      let substituted = false;
      let deleted = false;
      let restart = false;
      let pc = 0;
      const end = async (print: boolean): Promise<void> => {
        if (print && !this.quiet) this.write(space + (newline ? '\n' : ''));
        this.flushAppends();
      };
      while (pc < this.commands.length) {
        const c = this.commands[pc];
        const hit = (await this.selected(pc, c, space, source)) !== c.negate;
        pc++;
        if (!hit) {
          if (c.name === '{') pc = c.jump!;
          continue;
        }
        switch (c.name) {
          case '{':
          case '}':
          case ':':
            break;
          case '=':
            this.write(`${source.lineNumber}\n`);
            break;
          case 'a':
            this.appendQueue.push(c.text! + '\n');
            break;
          case 'i':
            this.write(c.text! + '\n');
            break;
          case 'c':
            // In a range, the text replaces the whole range (printed at its end).
            if (!c.a2 || !this.ranges.get(pc - 1)?.active) this.write(c.text! + '\n');
            deleted = true;
            break;
          case 'b':
            pc = c.jump!;
            break;
          case 't':
          case 'T':
            if (substituted === (c.name === 't')) pc = c.jump!;
            substituted = false;
            break;
          case 'd':
            deleted = true;
            break;
          case 'D':
            if (!space.includes('\n')) deleted = true;
            else {
              space = space.slice(space.indexOf('\n') + 1);
              restart = true;
            }
            break;
          case 'g':
            space = this.hold;
            break;
          case 'G':
            space += '\n' + this.hold;
            break;
          case 'h':
            this.hold = space;
            break;
          case 'H':
            this.hold += '\n' + space;
            break;
          case 'x':
            [space, this.hold] = [this.hold, space];
            break;
          case 'z':
            space = '';
            break;
          case 'F':
            this.write('-\n');
            break;
          case 'l':
            this.write(unambiguous(space, c.status ?? 70));
            break;
          case 'n': {
            if (await source.isLast()) {
              await end(true);
              return this.quitStatus ?? 0;
            }
            await end(true);
            const next = (await source.next())!;
            space = next.text;
            newline = next.newline;
            break;
          }
          case 'N': {
            if (await source.isLast()) {
              await end(true);
              return 0;
            }
            this.flushAppends();
            const next = (await source.next())!;
            space += '\n' + next.text;
            newline = next.newline;
            break;
          }
          case 'p':
            this.write(space + '\n');
            break;
          case 'P':
            this.write(space.split('\n')[0] + '\n');
            break;
          case 'q':
            await end(true);
            return c.status ?? 0;
          case 'Q':
            return c.status ?? 0;
          case 'r': {
            const content = this.ctx.fs.readFile(FileSystem.resolve(this.ctx.cwd, c.text!));
            if (typeof content === 'string') this.appendQueue.push(content);
            break;
          }
          case 'w':
            this.ctx.fs.appendFile(FileSystem.resolve(this.ctx.cwd, c.text!), space + '\n');
            break;
          case 'y':
            space = [...space].map((ch) => c.map!.get(ch) ?? ch).join('');
            break;
          case 's': {
            const re = this.regexFor(c.re);
            const { result, count } = replaceMatches(space, re, c.global ? Infinity : 1, (m) => expandReplacement(c.replacement!, m), c.occurrence ?? 1);
            if (count > 0) {
              space = result;
              substituted = true;
              for (let k = 0; k < (c.print ?? 0); k++) this.write(space + '\n');
              if (c.writeFile) this.ctx.fs.appendFile(FileSystem.resolve(this.ctx.cwd, c.writeFile), space + '\n');
            }
            break;
          }
        }
        if (deleted || restart) break;
      }
      if (restart) {
        this.flushAppends();
        // D with a newline: start over on what is left, without reading a line.
        line = { text: space, newline };
        continue;
      }
      await end(!deleted);
      if (this.ctx.interrupted.signalled) return 130;
      line = await source.next();
    }
    return 0;
  }
}

/** `\1`..`\9`, `&`, `\n`, `\t` and GNU's case conversions `\U \L \u \l \E`. */
function expandReplacement(replacement: string, m: RegExpExecArray): string {
  let out = '';
  let caseMode: 'U' | 'L' | '' = '';
  let oneShot: 'u' | 'l' | '' = '';
  const add = (text: string): void => {
    for (const ch of text) {
      let c = caseMode === 'U' ? ch.toUpperCase() : caseMode === 'L' ? ch.toLowerCase() : ch;
      if (oneShot) {
        c = oneShot === 'u' ? c.toUpperCase() : c.toLowerCase();
        oneShot = '';
      }
      out += c;
    }
  };
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === '&') add(m[0]);
    else if (ch === '\\' && i + 1 < replacement.length) {
      const next = replacement[++i];
      if (/\d/.test(next)) add(m[Number(next)] ?? '');
      else if (next === 'n') add('\n');
      else if (next === 't') add('\t');
      else if (next === 'U' || next === 'L') caseMode = next;
      else if (next === 'E') caseMode = '';
      else if (next === 'u' || next === 'l') oneShot = next;
      else add(next);
    } else add(ch);
  }
  return out;
}

/** The `l` command: escapes shown, long lines wrapped with `\`, `$` at the end. */
function unambiguous(space: string, width: number): string {
  const names: Record<string, string> = { '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  const escaped = [...space].map((ch) => names[ch] ?? (ch < ' ' || ch === '\x7f' ? '\\' + ch.charCodeAt(0).toString(8).padStart(3, '0') : ch));
  let out = '';
  let lineLength = 0;
  for (const piece of escaped) {
    if (width > 1 && lineLength + piece.length > width - 1) {
      out += '\\\n';
      lineLength = 0;
    }
    out += piece;
    lineLength += piece.length;
  }
  return out + '$\n';
}

export const sed: Command = {
  name: 'sed',
  summary: 'stream editor for filtering and transforming text',
  usage: 'sed [OPTION]... {script-only-if-no-other-script} [input-file]...',
  completions: () => optionWords(OPTIONS),
  man: `sed - stream editor for filtering and transforming text (GNU sed 4.7)

${USAGE.split('\n').slice(2, -6).join('\n')}

Commands: s/regexp/replacement/[flags] (g, p, N, i, w file), y/source/dest/, p, P, d, D, n, N, q [status],
Q [status], =, a text, i text, c text, h, H, g, G, x, l, r file, w file, b label, t label, T label, : label,
{ ... }.  Addresses: N, $, /regexp/ (I for case-insensitive), first~step, addr1,addr2, addr1,+N,
addr1,~N, 0,/regexp/, and ! to negate.`,
  async run(ctx) {
    if (ctx.argv[1] === '--help') {
      ctx.stdout.write(USAGE);
      return 0;
    }
    const parsed = parseOptions(ctx, 'sed', OPTIONS);
    if (!parsed) {
      ctx.stderr.write(USAGE);
      return 1;
    }
    if (parsed.options.some((o) => o.key === 'version')) {
      ctx.stdout.write('sed (GNU sed) 4.7\nPackaged by Debian\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n');
      return 0;
    }
    const scripts: string[] = [];
    for (const o of parsed.options) {
      if (o.key === 'e') scripts.push(o.value);
      if (o.key === 'f') {
        const text = ctx.fs.readFile(FileSystem.resolve(ctx.cwd, o.value));
        if (typeof text !== 'string') {
          ctx.stderr.write(`sed: couldn't open file ${o.value}: ${fsErrorText(text.error)}\n`);
          return 1;
        }
        scripts.push(text.replace(/\n$/, ''));
      }
    }
    const operands = [...parsed.operands];
    if (scripts.length === 0) {
      if (operands.length === 0) {
        ctx.stderr.write(USAGE);
        return 1;
      }
      scripts.push(operands.shift()!);
    }
    const has = (key: string): boolean => parsed.options.some((o) => o.key === key);
    let commands: SedCommand[];
    try {
      commands = parseScript(scripts.join('\n'), has('E') || has('r'));
    } catch (err) {
      if (!(err instanceof SedScriptError)) throw err;
      ctx.stderr.write(`sed: ${err.message}\n`);
      return 1;
    }
    const quiet = has('n');
    let status = 0;
    const inPlace = parsed.options.find((o) => o.key === 'i');
    try {
      if (inPlace) {
        if (operands.length === 0) {
          ctx.stderr.write('sed: no input files\n');
          return 1;
        }
        for (const name of operands) {
          const path = FileSystem.resolve(ctx.cwd, name);
          const content = ctx.fs.readFile(path);
          if (typeof content !== 'string') {
            ctx.stderr.write(`sed: can't read ${name}: ${fsErrorText(content.error)}\n`);
            status = 2;
            continue;
          }
          let out = '';
          let given = false;
          const code = await new SedRun(ctx, commands, quiet, (t) => (out += t)).run(new LineSource(async () => (given ? undefined : ((given = true), openInputOrText(ctx, name)))));
          if (inPlace.value) ctx.fs.writeFile(path + inPlace.value, content);
          ctx.fs.writeFile(path, out);
          if (code) return code;
        }
        return status;
      }
      const names = operands.length > 0 ? operands : ['-'];
      let next = 0;
      const inputs = async (): Promise<InputStream | undefined> => {
        while (next < names.length) {
          const name = names[next++];
          const input = openInput(ctx, name);
          if ('error' in input) {
            ctx.stderr.write(`sed: can't read ${name}: ${fsErrorText(input.error)}\n`);
            status = 2;
            continue;
          }
          return input;
        }
        return undefined;
      };
      const code = await new SedRun(ctx, commands, quiet, (t) => ctx.stdout.write(t)).run(new LineSource(inputs));
      return code || status;
    } catch (err) {
      if (!(err instanceof SedScriptError)) throw err;
      ctx.stderr.write(`sed: ${err.message}\n`);
      return 4;
    }
  },
};

function openInputOrText(ctx: CommandContext, name: string): InputStream {
  const input = openInput(ctx, name);
  if ('error' in input) throw new SedScriptError(`can't read ${name}: ${fsErrorText(input.error)}`);
  return input;
}
