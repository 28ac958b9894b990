// GNU getopt_long as coreutils use it: clustered short options (`-nc5`),
// arguments attached or in the next word, long options by unique prefix,
// `--` ends options, and operands may come before options (permutation).
import type { CommandContext } from '../command.js';

export interface OptionSpec {
  /** getopt's short string: a letter, `:` after it when it takes an argument (`n:c:qv`), `::` when the argument is optional and attached (`-Iseconds`). */
  short: string;
  /** Long name -> the key it stands for (a short letter or a name of its own); `=` at the end when it takes an argument, `?` when optional (`--iso-8601[=FMT]`). */
  long?: Record<string, string>;
  /** Options end at the first operand (xargs, env: the rest is a command). */
  stopAtOperand?: boolean;
  /** Words like `-5` or `-.5` are operands (seq's negative numbers). */
  negativeNumbers?: boolean;
}

export interface ParsedOptions {
  /** In the order given: key (short letter or long key) and its argument. */
  options: { key: string; value: string }[];
  operands: string[];
}

/** Parses argv[1..]; on a bad option prints GNU's message and `Try 'TOOL --help'` and returns undefined. */
export function parseOptions(ctx: CommandContext, tool: string, spec: OptionSpec): ParsedOptions | undefined {
  const args = ctx.argv.slice(1);
  const options: ParsedOptions['options'] = [];
  const operands: string[] = [];
  const fail = (message: string): undefined => {
    ctx.stderr.write(`${tool}: ${message}\nTry '${tool} --help' for more information.\n`);
    return undefined;
  };
  const takesArg = (letter: string): boolean | 'optional' | undefined => {
    const at = spec.short.indexOf(letter);
    if (at < 0 || letter === ':') return undefined;
    return spec.short[at + 1] !== ':' ? false : spec.short[at + 2] === ':' ? 'optional' : true;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, attached] = arg.includes('=') ? [arg.slice(2, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg.slice(2), undefined];
      const longs = Object.keys(spec.long ?? {});
      const exact = longs.find((l) => l.replace(/[=?]$/, '') === name);
      const matches = exact ? [exact] : longs.filter((l) => l.startsWith(name));
      if (matches.length === 0) return fail(`unrecognized option '${arg}'`);
      if (matches.length > 1) return fail(`option '${arg}' is ambiguous; possibilities:${matches.map((m) => ` '--${m.replace(/[=?]$/, '')}'`).join('')}`);
      const long = matches[0];
      const key = spec.long![long];
      const full = long.replace(/[=?]$/, '');
      if (long.endsWith('?')) options.push({ key, value: attached ?? '' });
      else if (long.endsWith('=')) {
        const value = attached ?? args[++i];
        if (value === undefined) return fail(`option '--${full}' requires an argument`);
        options.push({ key, value });
      } else {
        if (attached !== undefined) return fail(`option '--${full}' doesn't allow an argument`);
        options.push({ key, value: '' });
      }
      continue;
    }
    if (arg.startsWith('-') && arg !== '-' && !(spec.negativeNumbers && /^-\.?\d/.test(arg))) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j];
        const needs = takesArg(letter);
        if (needs === undefined) return fail(`invalid option -- '${letter}'`);
        if (!needs) {
          options.push({ key: letter, value: '' });
          continue;
        }
        if (needs === 'optional') {
          options.push({ key: letter, value: arg.slice(j + 1) });
          break;
        }
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (value === undefined) return fail(`option requires an argument -- '${letter}'`);
        options.push({ key: letter, value });
        break;
      }
      continue;
    }
    if (spec.stopAtOperand) {
      operands.push(...args.slice(i));
      break;
    }
    operands.push(arg);
  }
  return { options, operands };
}

/** The last value given for a key, or undefined. */
export function lastOption(parsed: ParsedOptions, key: string): string | undefined {
  for (let i = parsed.options.length - 1; i >= 0; i--) if (parsed.options[i].key === key) return parsed.options[i].value;
  return undefined;
}

/** True when a flag was given. */
export function hasOption(parsed: ParsedOptions, key: string): boolean {
  return parsed.options.some((o) => o.key === key);
}

/** Completion words for a tool's options, from its spec. */
export function optionWords(spec: OptionSpec): string[] {
  const shorts = [...spec.short.replace(/:/g, '')].map((l) => '-' + l);
  const longs = Object.keys(spec.long ?? {}).map((l) => '--' + l.replace(/[=?]$/, ''));
  return [...shorts, ...longs, '--help'];
}

/** GNU's two lines for bad usage, `TOOL: MESSAGE` and `Try 'TOOL --help'`; returns the status. */
export function usageError(ctx: CommandContext, tool: string, message: string, status = 1): number {
  ctx.stderr.write(`${tool}: ${message}\nTry '${tool} --help' for more information.\n`);
  return status;
}
