// less (551, as Debian bullseye has it): a file or its standard input through
// the pager when it writes to the terminal, copied whole to a pipe or file.
// Options are taken and not acted on: paging keys and search are the same.
import type { Command } from '../command.js';
import { FileSystem, fsErrorText } from '../fs.js';
import { page } from '../pager.js';

export const less: Command = {
  name: 'less',
  summary: 'opposite of more',
  usage: 'less [options] [file]...',
  man: 'less - show a file or the output of a pipe one screen at a time\n\n  SPACE, f   forward one screen      b       back one screen\n  ENTER, j   forward one line        k       back one line\n  /pattern   search forward          ?pattern  search backward\n  n, N       repeat the search       g, G    first, last line\n  h          summary of the keys     q       quit',
  async run(ctx) {
    const files: string[] = [];
    for (const arg of ctx.argv.slice(1)) {
      if (arg.startsWith('--') && arg.length > 2) ctx.stderr.write(`There is no ${arg.slice(2)} option ("less --help" for help)\n`);
      else if (!arg.startsWith('-') || arg === '-') files.push(arg);
    }
    if (files.length === 0 || files[0] === '-') {
      if (ctx.stdin.isTTY) {
        ctx.stderr.write('Missing filename ("less --help" for help)\n');
        return 0;
      }
      await page(ctx, await ctx.stdin.readAll());
      return 0;
    }
    // The first file that can be read is paged (less moves to the next with :n).
    for (const file of files) {
      const path = FileSystem.resolve(ctx.cwd, file);
      if (ctx.fs.isDirectory(path)) {
        ctx.stderr.write(`${file} is a directory\n`);
        continue;
      }
      const content = ctx.fs.readFile(path);
      if (typeof content !== 'string') {
        ctx.stderr.write(`${file}: ${fsErrorText(content.error)}\n`);
        continue;
      }
      await page(ctx, content, { name: file });
      break;
    }
    // less ends with status 0 even when a file could not be opened.
    return 0;
  },
};
