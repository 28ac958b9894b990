// tput (ncurses): terminal capabilities for TERM=xterm-256color, with the
// size of the pane the shell runs in.
import type { Command } from '../command.js';

const USAGE = `Usage: tput [options] [command]

Options:
  -S <<       read commands from standard input
  -T TERM     use this instead of $TERM
  -V          print curses-version
  -x          do not try to clear scrollback

Commands:
  clear       clear the screen
  init        initialize the terminal
  reset       reinitialize the terminal
  capname     unlike clear/init/reset, print value for capability "capname"
`;

/** Capabilities printed as numbers, besides the size. */
const NUMBERS: Record<string, number> = { colors: 256, it: 8, pairs: 65536 };
/** Capabilities printed as control strings. */
const STRINGS: Record<string, string> = {
  bold: '\x1b[1m',
  sgr0: '\x1b(B\x1b[m',
  smul: '\x1b[4m',
  rmul: '\x1b[24m',
  rev: '\x1b[7m',
  civis: '\x1b[?25l',
  cnorm: '\x1b[?12l\x1b[?25h',
  smcup: '\x1b[?1049h\x1b[22;0;0t',
  rmcup: '\x1b[?1049l\x1b[23;0;0t',
  el: '\x1b[K',
};

export const tput: Command = {
  name: 'tput',
  summary: 'initialize a terminal or query terminfo database',
  usage: USAGE.trimEnd(),
  man: 'tput - query the terminal\'s capabilities\n\n  cols    the number of columns of the pane\n  lines   the number of rows\n  colors  how many colours the terminal shows\n  clear   clear the screen\n  bold, sgr0, setaf N  text attributes',
  completions: () => ['cols', 'lines', 'colors', 'clear', 'bold', 'sgr0', 'setaf'],
  async run(ctx) {
    const [cap, ...rest] = ctx.argv.slice(1);
    if (cap === undefined) {
      ctx.stderr.write(USAGE);
      return 2;
    }
    if (cap === 'cols') ctx.stdout.write(`${ctx.terminal.cols}\n`);
    else if (cap === 'lines') ctx.stdout.write(`${ctx.terminal.rows}\n`);
    else if (cap in NUMBERS) ctx.stdout.write(`${NUMBERS[cap]}\n`);
    else if (cap in STRINGS) ctx.stdout.write(STRINGS[cap]);
    else if (cap === 'clear') ctx.stdout.write('\x1b[H\x1b[2J\x1b[3J');
    else if (cap === 'setaf' || cap === 'setab') {
      const colour = Number(rest[0] ?? 0);
      const base = cap === 'setaf' ? 30 : 40;
      ctx.stdout.write(colour < 8 ? `\x1b[${base + colour}m` : `\x1b[${base + 8};5;${colour}m`);
    } else {
      ctx.stderr.write(`tput: unknown terminfo capability '${cap}'\n`);
      return 4;
    }
    return 0;
  },
};
