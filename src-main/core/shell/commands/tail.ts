import type { Command } from '../command.js';
import { printedHelp } from './help-option.js';
import { printSelectedLines } from './head.js';

export const tail: Command = {
  name: 'tail',
  summary: 'output the last part of files',
  usage: 'tail [OPTION]... [FILE]...',
  man: 'tail - output the last lines of files (10 by default)\n\n  -n N   the last N lines\n  -n +N  from line N on',
  run: async (ctx) => printedHelp(ctx, tail) ? 0 : printSelectedLines(ctx, 'tail', (lines, n) =>
      n.fromLine !== undefined ? lines.slice(Math.max(0, n.fromLine - 1)) : n.count === 0 ? [] : lines.slice(-n.count),
    ),
};
