import type { Command } from '../command.js';

/** bash's builtin echo: `-n` drops the newline, `-e` interprets backslash escapes. */
export const echo: Command = {
  name: 'echo',
  summary: 'display a line of text',
  usage: 'echo [-neE] [arg ...]',
  man: 'echo - display a line of text\n\nWrites its arguments separated by spaces, then a newline.\n  -n  do not output the trailing newline\n  -e  interpret backslash escapes (\\n, \\t, \\\\)\n  -E  do not interpret backslash escapes (the default)',
  async run(ctx) {
    let args = ctx.argv.slice(1);
    let newline = true;
    let escapes = false;
    while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
      for (const flag of args[0].slice(1)) {
        if (flag === 'n') newline = false;
        else if (flag === 'e') escapes = true;
        else escapes = false;
      }
      args = args.slice(1);
    }
    let text = args.join(' ');
    if (escapes) {
      const map: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', r: '\r', e: '\x1b' };
      text = text.replace(/\\([ntar\\e])/g, (_m, c: string) => map[c]);
    }
    ctx.stdout.write(text + (newline ? '\n' : ''));
    return 0;
  },
};

// cspell:words ntar
