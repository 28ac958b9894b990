// stty (GNU coreutils): the terminal's settings as the session reports them.
// `stty size` and `stty -a` read the real size of the pane; changing settings
// is not simulated (the pane's size follows the window).
import type { Command, CommandContext, TerminalInfo } from '../command.js';
import { printedHelp } from './help-option.js';

const TRY = "Try 'stty --help' for more information.\n";

/** The settings line after the size, as `stty -a` prints them on a fresh pty. */
const SETTINGS = [
  'intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;',
  'eol2 = <undef>; swtch = <undef>; start = ^Q; stop = ^S; susp = ^Z; rprnt = ^R;',
  'werase = ^W; lnext = ^V; discard = ^O; min = 1; time = 0;',
  '-parenb -parodd -cmspar cs8 -hupcl -cstopb cread -clocal -crtscts',
  '-ignbrk -brkint -ignpar -parmrk -inpck -istrip -inlcr -igncr icrnl ixon -ixoff',
  '-iuclc -ixany -imaxbel -iutf8',
  'opost -olcuc -ocrnl onlcr -onocr -onlret -ofill -ofdel nl0 cr0 tab0 bs0 vt0 ff0',
  'isig icanon iexten echo echoe echok -echonl -noflsh -xcase -tostop -echoprt',
  'echoctl echoke -flusho -extproc',
];

export const stty: Command = {
  name: 'stty',
  summary: 'change and print terminal line settings',
  usage: 'Usage: stty [-F DEVICE | --file=DEVICE] [SETTING]...\n  or:  stty [-F DEVICE | --file=DEVICE] [-a|--all]\n  or:  stty [-F DEVICE | --file=DEVICE] [-g|--save]',
  man: 'stty - print terminal line settings\n\n  size     print the number of rows and columns\n  -a, --all  print all current settings\nThe size is the terminal pane\'s: resize the pane to change it.',
  completions: () => ['size', '-a', '--all'],
  async run(ctx) {
    if (printedHelp(ctx, stty)) return 0;
    const args = ctx.argv.slice(1);
    if (!ctx.stdin.isTTY) {
      ctx.stderr.write("stty: 'standard input': Inappropriate ioctl for device\n");
      return 1;
    }
    const size = ctx.terminal;
    if (args.length === 0) {
      ctx.stdout.write('speed 38400 baud; line = 0;\n-brkint -imaxbel\n');
      return 0;
    }
    if (args.length === 1 && args[0] === 'size') {
      ctx.stdout.write(`${size.rows} ${size.cols}\n`);
      return 0;
    }
    if (args.length === 1 && (args[0] === '-a' || args[0] === '--all')) {
      ctx.stdout.write(allSettings(size));
      return 0;
    }
    return refuse(ctx, args);
  },
};

function allSettings(size: TerminalInfo): string {
  return `speed 38400 baud; rows ${size.rows}; columns ${size.cols}; line = 0;\n${SETTINGS.join('\n')}\n`;
}

function refuse(ctx: CommandContext, args: string[]): number {
  const first = args[0];
  if (first === 'rows' || first === 'cols' || first === 'columns') {
    ctx.stderr.write('stty: changing the terminal size is not simulated here: resize the pane instead\n');
    return 1;
  }
  ctx.stderr.write(`stty: invalid argument '${first}'\n${TRY}`);
  return 1;
}
