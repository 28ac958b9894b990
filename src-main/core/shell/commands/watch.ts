// procps-ng 3.3.17's watch: runs a command every -n seconds of lab time and
// redraws the terminal's alternate screen with its output under a title line;
// -d marks what changed since the last run; Ctrl-C restores the screen.
import type { Command, CommandContext } from '../command.js';
import { CaptureOutput, TextInput } from '../streams.js';
import { strftime } from './date.js';
import { hasOption, lastOption, optionWords, parseOptions, type OptionSpec } from './getopt.js';
import { printedHelp } from './help-option.js';

const OPTIONS: OptionSpec = {
  short: 'bcd::eghn:ptvx',
  long: {
    beep: 'b', color: 'c', 'differences?': 'd', errexit: 'e', chgexit: 'g', 'interval=': 'n', precise: 'p', 'no-title': 't', exec: 'x', version: 'v', help: 'h',
  },
  stopAtOperand: true,
};

const ALTERNATE_SCREEN = '\x1b[?1049h';
const NORMAL_SCREEN = '\x1b[?1049l';
const HOME_AND_CLEAR = '\x1b[H\x1b[2J';
const STANDOUT = '\x1b[7m';
const STANDOUT_END = '\x1b[27m';

/** The title line: `Every 1.0s: CMD` on the left, `HOST: DATE` ending at the right edge. */
export function watchTitle(intervalSeconds: number, command: string, host: string, wallMs: number, cols: number): string {
  const right = `${host}: ${strftime('%a %b %e %H:%M:%S %Y', wallMs)}`;
  let left = `Every ${intervalSeconds.toFixed(1)}s: ${command}`;
  const room = cols - right.length - 1;
  if (left.length > room) left = room > 3 ? left.slice(0, room - 3) + '...' : left.slice(0, Math.max(0, room));
  return left.padEnd(Math.max(left.length, cols - right.length)) + right;
}

/** The screen's lines: output cut to the terminal's width and height, changed characters marked when asked. */
export function screenLines(output: string, previous: string | undefined, cols: number, rows: number): string[] {
  const lines = output.replace(/\n$/, '').split('\n').slice(0, rows).map((l) => [...l.replace(/\t/g, '        ')].slice(0, cols).join(''));
  if (previous === undefined) return lines;
  const before = previous.replace(/\n$/, '').split('\n').map((l) => [...l.replace(/\t/g, '        ')]);
  return lines.map((line, y) => {
    let out = '';
    let marking = false;
    [...line].forEach((ch, x) => {
      const changed = before[y]?.[x] !== ch;
      if (changed !== marking) out += changed ? STANDOUT : STANDOUT_END;
      marking = changed;
      out += ch;
    });
    return out + (marking ? STANDOUT_END : '');
  });
}

export const watch: Command = {
  name: 'watch',
  summary: 'execute a program periodically, showing output fullscreen',
  usage: 'watch [options] command',
  completions: (_words, ctx) => [...optionWords(OPTIONS), ...ctx.commands.installedOn(ctx.host).map((c) => c.name)],
  man: `watch - execute a program periodically, showing output fullscreen

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

The time is the lab's clock: \`watch -n 1 iptables -L FORWARD -v -n\` shows the counters move; Ctrl-C ends it.`,
  async run(ctx) {
    if (printedHelp(ctx, watch)) return 0;
    const parsed = parseOptions(ctx, 'watch', OPTIONS);
    if (!parsed) return 1;
    if (hasOption(parsed, 'v')) {
      ctx.stdout.write('watch from procps-ng 3.3.17\n');
      return 0;
    }
    if (hasOption(parsed, 'h')) {
      printedHelp({ ...ctx, argv: ['watch', '--help'] }, watch);
      return 0;
    }
    const intervalText = lastOption(parsed, 'n') ?? '2';
    const interval = Number(intervalText.replace(',', '.'));
    if (!/^\d*[.,]?\d+$/.test(intervalText) || !Number.isFinite(interval)) {
      ctx.stderr.write(`watch: failed to parse argument: '${intervalText}'\n`);
      return 1;
    }
    if (parsed.operands.length === 0) {
      ctx.stderr.write(`\nUsage:\n ${watch.usage}\n\n${watch.man.split('\n').slice(2, 17).join('\n')}\n`);
      return 1;
    }
    return runWatch(ctx, {
      command: parsed.operands.join(' '),
      argv: hasOption(parsed, 'x') ? parsed.operands : undefined,
      intervalMs: Math.max(0.1, interval) * 1000,
      differences: hasOption(parsed, 'd'),
      permanent: parsed.options.some((o) => o.key === 'd' && o.value.startsWith('p')),
      title: !hasOption(parsed, 't'),
      exitOnError: hasOption(parsed, 'e'),
      exitOnChange: hasOption(parsed, 'g'),
    });
  },
};

interface WatchOptions {
  command: string;
  argv?: string[];
  intervalMs: number;
  differences: boolean;
  permanent: boolean;
  title: boolean;
  exitOnError: boolean;
  exitOnChange: boolean;
}

async function runWatch(ctx: CommandContext, o: WatchOptions): Promise<number> {
  const { cols, rows } = ctx.terminal;
  let previous: string | undefined;
  let first: string | undefined;
  ctx.stdout.write(ALTERNATE_SCREEN);
  try {
    while (!ctx.interrupted.signalled) {
      const capture = new CaptureOutput();
      const status = await ctx.exec(o.argv ?? ['bash', '-c', o.command], { stdin: new TextInput(), stdout: capture, stderr: capture });
      if (ctx.interrupted.signalled) break;
      const wall = ctx.clock.wallTimeMs?.() ?? ctx.clock.now();
      const header = o.title ? [watchTitle(o.intervalMs / 1000, o.command, ctx.host.hostname, wall, cols), ''] : [];
      const compareWith = o.differences ? (o.permanent ? first : previous) : undefined;
      const body = screenLines(capture.text, compareWith, cols, rows - header.length);
      ctx.stdout.write(HOME_AND_CLEAR + [...header, ...body].join('\n'));
      if (o.exitOnChange && previous !== undefined && previous !== capture.text) return 0;
      if (o.exitOnError && status !== 0) {
        ctx.stdout.write(`\ncommand exit with a non-zero status, press a key to exit`);
        return 8;
      }
      first ??= capture.text;
      previous = capture.text;
      await ctx.clock.sleep(o.intervalMs);
    }
    return 0;
  } finally {
    ctx.stdout.write(NORMAL_SCREEN);
  }
}
