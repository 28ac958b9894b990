import { shellOf, type Command } from '../command.js';
import { printedHelp } from './help-option.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'set export attribute for shell variables',
  usage: 'export: usage: export [-n] [name[=value] ...] or export -p',
  man: 'export - mark shell variables for the environment of commands\n\nexport NAME=VALUE sets and exports; with no arguments lists exported variables.',
  async run(ctx) {
    if (printedHelp(ctx, exportCommand, 'builtin')) return 0;
    const args = ctx.argv.slice(1).filter((a) => a !== '-p');
    if (args.length === 0) {
      for (const [name, value] of Object.entries(ctx.env)) ctx.stdout.write(`declare -x ${name}="${value}"\n`);
      return 0;
    }
    let status = 0;
    for (const arg of args) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        ctx.stderr.write(`bash: export: \`${arg}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      const value = eq < 0 ? (shellOf(ctx).variables()[name] ?? '') : arg.slice(eq + 1);
      shellOf(ctx).setVariable(name, value, true);
    }
    return status;
  },
};
