import { shellOf, type Command } from '../command.js';
import { printedHelp } from './help-option.js';

export const history: Command = {
  name: 'history',
  summary: 'display the command history list',
  usage: 'history: usage: history [-c] [n]',
  man: 'history - display the command history list\n\nWith N, only the last N lines. -c clears the list.',
  async run(ctx) {
    if (printedHelp(ctx, history, 'builtin')) return 0;
    const arg = ctx.argv[1];
    if (arg === '-c') {
      shellOf(ctx).clearHistory();
      return 0;
    }
    const lines = shellOf(ctx).history();
    let first = 0;
    if (arg !== undefined) {
      if (!/^\d+$/.test(arg)) {
        ctx.stderr.write(`bash: history: ${arg}: numeric argument required\n`);
        return 1;
      }
      first = Math.max(0, lines.length - Number(arg));
    }
    for (let i = first; i < lines.length; i++) ctx.stdout.write(`${String(i + 1).padStart(5)}  ${lines[i]}\n`);
    return 0;
  },
};
