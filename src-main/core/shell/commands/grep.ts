import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';
import { linesOf, readInputs } from './text-input.js';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

/** GNU grep's everyday flags; patterns are JavaScript regular expressions (close to -E). */
export const grep: Command = {
  name: 'grep',
  aliases: ['egrep'],
  summary: 'print lines that match patterns',
  usage: 'grep [OPTION]... PATTERNS [FILE]...',
  man: 'grep - print lines that match a pattern\n\n  -i  ignore case     -v  non-matching lines   -c  count matching lines\n  -n  line numbers    -o  only the matching parts   -E  extended regular expressions\n  -F  fixed strings   -w  whole words   -q  quiet: exit status only',
  async run(ctx) {
    if (printedHelp(ctx, grep)) return 0;
    const flags = new Set<string>();
    const operands: string[] = [];
    let pattern: string | undefined;
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-e') pattern = args[++i];
      else if (/^-[ivcnoEFwqhs]+$/.test(arg)) for (const f of arg.slice(1)) flags.add(f);
      else if (arg.startsWith('-') && arg !== '-') {
        ctx.stderr.write(`grep: invalid option -- '${arg.slice(1, 2)}'\n${USAGE}`);
        return 2;
      } else if (pattern === undefined) pattern = arg;
      else operands.push(arg);
    }
    if (pattern === undefined) {
      ctx.stderr.write(USAGE);
      return 2;
    }
    let source = flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern;
    // Basic regular expressions: \| \( \) are the operators, bare | ( ) literals.
    if (!flags.has('E') && !flags.has('F') && ctx.argv[0] !== 'egrep') {
      source = source.replace(/\\?([|()+?{}])/g, (m, c: string) => (m.length === 2 ? c : `\\${c}`));
    }
    if (flags.has('w')) source = `\\b(?:${source})\\b`;
    let regex: RegExp;
    try {
      regex = new RegExp(source, flags.has('i') ? 'gi' : 'g');
    } catch {
      ctx.stderr.write('grep: Unmatched ( or \\(\n');
      return 2;
    }
    const { inputs, failed } = await readInputs(ctx, 'grep', operands);
    const prefixNames = inputs.length > 1 && !flags.has('h');
    let matched = false;
    for (const input of inputs) {
      let count = 0;
      linesOf(input.text).forEach((line, index) => {
        regex.lastIndex = 0;
        const hit = regex.test(line) !== flags.has('v');
        if (!hit) return;
        count++;
        matched = true;
        if (flags.has('q') || flags.has('c')) return;
        const prefix = (prefixNames ? `${input.name}:` : '') + (flags.has('n') ? `${index + 1}:` : '');
        if (flags.has('o') && !flags.has('v')) {
          regex.lastIndex = 0;
          for (const m of line.matchAll(regex)) if (m[0] !== '') ctx.stdout.write(`${prefix}${m[0]}\n`);
        } else ctx.stdout.write(`${prefix}${line}\n`);
      });
      if (flags.has('c') && !flags.has('q')) ctx.stdout.write(`${prefixNames ? `${input.name}:` : ''}${count}\n`);
    }
    if (failed && !(flags.has('q') && matched)) return 2;
    return matched ? 0 : 1;
  },
};

// cspell:words Fwqhs ivcno
