import type { Command } from '../command.js';
import { FileSystem } from '../fs.js';

export const ls: Command = {
  name: 'ls',
  summary: 'list directory contents',
  usage: 'Usage: ls [OPTION]... [FILE]...',
  man: 'ls - list directory contents\n\nLists each FILE, or the entries of each directory (the current one by default), sorted by name.\n  -1  one entry per line\n  -a  include entries starting with .',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const flags = args.filter((a) => a.startsWith('-') && a.length > 1).join('').replace(/-/g, '');
    const bad = [...flags].find((f) => !'1alh'.includes(f));
    if (bad) {
      ctx.stderr.write(`ls: invalid option -- '${bad}'\nTry 'ls --help' for more information.\n`);
      return 2;
    }
    const all = flags.includes('a');
    const onePerLine = flags.includes('1') || flags.includes('l') || !ctx.stdout.isTTY;
    const targets = args.filter((a) => !a.startsWith('-') || a === '-');
    let status = 0;
    const blocks: string[] = [];
    for (const target of targets.length > 0 ? targets : ['.']) {
      const path = FileSystem.resolve(ctx.cwd, target);
      const names = ctx.fs.list(path);
      if (names === undefined) {
        if (ctx.fs.exists(path)) blocks.push(target);
        else {
          ctx.stderr.write(`ls: cannot access '${target}': No such file or directory\n`);
          status = 2;
        }
        continue;
      }
      const shown = all ? ['.', '..', ...names] : names.filter((n) => !n.startsWith('.'));
      const body = shown.join(onePerLine ? '\n' : '  ');
      blocks.push(targets.length > 1 ? `${target}:\n${body}` : body);
    }
    const text = blocks.filter((b) => b !== '').join(targets.length > 1 ? '\n\n' : '\n');
    if (text) ctx.stdout.write(text + '\n');
    return status;
  },
};
