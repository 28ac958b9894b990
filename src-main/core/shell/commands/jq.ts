// jq is the real jq (1.7, compiled to WebAssembly by jq-wasm); this module only
// gathers the input and maps jq's errors to its exit statuses.
import { runJq } from '../../userspace/jq.js';
import type { Command } from '../command.js';
import { FileSystem, fsErrorText } from '../fs.js';

/** Flags followed by values, which must not be taken for the filter. */
const FLAG_ARITY: Record<string, number> = { '--arg': 2, '--argjson': 2, '--indent': 1, '--slurpfile': 2, '--rawfile': 2 };
const KNOWN_SWITCHES = new Set(['-r', '-j', '-c', '-n', '-s', '-e', '-S', '-M', '-C', '-a', '--tab', '--raw-output', '--compact-output', '--null-input', '--slurp', '--exit-status', '--sort-keys', '--monochrome-output', '--color-output', '--join-output', '--ascii-output', '--raw-input', '-R']);

export const jq: Command = {
  name: 'jq',
  summary: 'Command-line JSON processor',
  usage: 'Usage:\tjq [OPTIONS] FILTER [FILES...]',
  man: 'jq - Command-line JSON processor\n\nApplies FILTER to each JSON value read from FILES or standard input.\n  -r  raw strings, no quotes      -c  one line per value\n  -n  no input (null)             -s  read all values into one array\n  -e  exit status from the last output\n  --arg NAME VALUE   $NAME as a string\n  --argjson NAME JSON  $NAME as a JSON value',
  async run(ctx) {
    const flags: string[] = [];
    const files: string[] = [];
    let filter: string | undefined;
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-h' || arg === '--help') {
        ctx.stdout.write(`${jq.usage}\n\n${jq.man}\n`);
        return 0;
      }
      const arity = FLAG_ARITY[arg];
      if (arity !== undefined) {
        if (i + arity >= args.length) {
          ctx.stderr.write(`jq: ${arg} takes ${arity === 1 ? 'one parameter' : 'two parameters'} (e.g. ${arg} varname value)\n${jq.usage}\n`);
          return 2;
        }
        flags.push(arg, ...args.slice(i + 1, i + 1 + arity));
        i += arity;
      } else if (arg.startsWith('-') && arg.length > 1) {
        const expanded = /^-[a-zA-Z]{2,}$/.test(arg) ? [...arg.slice(1)].map((c) => '-' + c) : [arg];
        for (const flag of expanded) {
          if (!KNOWN_SWITCHES.has(flag)) {
            ctx.stderr.write(`jq: Unknown option: ${arg}\n${jq.usage}\n`);
            return 2;
          }
          if (flag !== '-C' && flag !== '--color-output') flags.push(flag);
        }
      } else if (filter === undefined) filter = arg;
      else files.push(arg);
    }
    let input = '';
    if (files.length === 0) input = flags.includes('-n') && ctx.stdin.isTTY ? '' : await ctx.stdin.readAll();
    for (const file of files) {
      const content = ctx.fs.readFile(FileSystem.resolve(ctx.cwd, file));
      if (typeof content !== 'string') {
        ctx.stderr.write(`jq: error: Could not open ${file}: ${fsErrorText(content.error)}\n`);
        return 2;
      }
      input += content;
    }
    if (ctx.interrupted.signalled) return 130;
    // jq prints nothing for empty input unless told not to read any.
    if (input.trim() === '' && !flags.includes('-n')) return 0;
    try {
      const output = await runJq(input === '' ? 'null' : input, filter ?? '.', flags);
      if (output !== '') ctx.stdout.write(output + (flags.includes('-j') ? '' : '\n'));
      if (flags.includes('-e')) return /(^|\n)(null|false)$/.test(output) ? 1 : output === '' ? 4 : 0;
      return 0;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      ctx.stderr.write(message.replace(/^Failed to execute raw query: /, '') + '\n');
      if (/compile error/.test(message)) return 3;
      if (/parse error/.test(message)) return 2;
      return 5;
    }
  },
};

// cspell:words argjson rawfile slurpfile
