import type { Command } from '../command.js';

export const clear: Command = {
  name: 'clear',
  summary: 'clear the terminal screen',
  usage: 'Usage: clear [-x]',
  man: 'clear - clear the terminal screen\n\nClears the screen and its scrollback.\n  -x  keep the scrollback',
  async run(ctx) {
    ctx.stdout.write(ctx.argv[1] === '-x' ? '\x1b[H\x1b[2J' : '\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};
