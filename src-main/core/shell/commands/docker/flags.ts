// Docker CLI (cobra/pflag) flag parsing: `-dit`, `-p 80:80`, `-p80:80`,
// `--name x`, `--name=x`; flags stop at the first positional argument when
// the sub-command takes a command line after it (run, exec).

export interface FlagSpec {
  long: string;
  short?: string;
  value?: boolean;
}

export interface ParsedFlags {
  /** Last value (or 'true') per long name; repeated value flags in `multi`. */
  values: Map<string, string>;
  multi: Map<string, string[]>;
  args: string[];
}

export class FlagError extends Error {}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], command: string, stopAtPositional: boolean): ParsedFlags {
  const values = new Map<string, string>();
  const multi = new Map<string, string[]>();
  const args: string[] = [];
  const set = (spec: FlagSpec, value: string) => {
    values.set(spec.long, value);
    if (!multi.has(spec.long)) multi.set(spec.long, []);
    multi.get(spec.long)!.push(value);
  };
  const see = `\nSee 'docker ${command} --help'.`;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      const spec = specs.find((s) => s.long === name);
      if (!spec) throw new FlagError(`unknown flag: --${name}${see}`);
      if (!spec.value) set(spec, inline ?? 'true');
      else {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new FlagError(`flag needs an argument: --${name}${see}`);
        set(spec, v);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        const spec = specs.find((s) => s.short === ch);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}${see}`);
        if (!spec.value) {
          set(spec, 'true');
          continue;
        }
        const rest = a.slice(j + 1).replace(/^=/, '');
        const v = rest || argv[++i];
        if (v === undefined) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}${see}`);
        set(spec, v);
        break;
      }
      continue;
    }
    if (stopAtPositional) {
      args.push(...argv.slice(i));
      break;
    }
    args.push(a);
  }
  return { values, multi, args };
}

// cspell:words pflag
