import { shellOf, type Command } from '../command.js';
import { printedHelp } from './help-option.js';
import { FileSystem } from '../fs.js';

export const cd: Command = {
  name: 'cd',
  summary: 'change the shell working directory',
  usage: 'cd [dir]',
  man: 'cd - change the shell working directory\n\nWith no DIR, goes to $HOME.',
  async run(ctx) {
    if (printedHelp(ctx, cd, 'builtin')) return 0;
    if (ctx.argv.length > 2) {
      ctx.stderr.write('bash: cd: too many arguments\n');
      return 1;
    }
    const target = ctx.argv[1] ?? ctx.env.HOME ?? '/';
    const path = FileSystem.resolve(ctx.cwd, target, ctx.env.HOME);
    if (!ctx.fs.isDirectory(path)) {
      const why = ctx.fs.exists(path) ? 'Not a directory' : 'No such file or directory';
      ctx.stderr.write(`bash: cd: ${target}: ${why}\n`);
      return 1;
    }
    shellOf(ctx).chdir(path);
    return 0;
  },
};
