import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';
import { yieldOutput } from './text-input.js';

/** Copies of the line written before letting the reader run. */
const BATCH = 256;

export const yes: Command = {
  name: 'yes',
  summary: 'output a string repeatedly until killed',
  usage: 'yes [STRING]...\n  or:  yes OPTION',
  completions: () => ['--help'],
  man: `yes - repeatedly output a line with all specified STRING(s), or 'y'.

      --help     display this help and exit

It stops when its reader is gone (\`yes | head -3\`) or on Ctrl-C.`,
  async run(ctx) {
    if (printedHelp(ctx, yes)) return 0;
    const args = ctx.argv.slice(1);
    const bad = args.find((a) => a.startsWith('-') && a !== '-' && a !== '--');
    if (bad && args.indexOf('--') < 0) {
      ctx.stderr.write(`yes: ${bad.startsWith('--') ? `unrecognized option '${bad}'` : `invalid option -- '${bad[1]}'`}\nTry 'yes --help' for more information.\n`);
      return 1;
    }
    const words = args.filter((a, i) => !(a === '--' && args.indexOf('--') === i));
    const line = (words.length > 0 ? words.join(' ') : 'y') + '\n';
    const block = line.repeat(BATCH);
    for (;;) {
      ctx.stdout.write(block);
      // The reader gone is SIGPIPE (141); Ctrl-C is SIGINT (130).
      if (await yieldOutput(ctx)) return ctx.interrupted.signalled ? 130 : 141;
    }
  },
};
