import type { Command } from '../command.js';
import { builtinHelp, builtinUsage } from '../bash/builtin-help.js';

export const help: Command = {
  name: 'help',
  summary: 'list the commands of this lab host',
  usage: 'help [-s] [pattern ...]',
  man: 'help - list the commands available on this host with one line each; `help NAME` explains a keyword or builtin of bash (`help for`, `help read`), `man NAME` a command',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const short = args[0] === '-s';
    const names = short ? args.slice(1) : args;
    if (names.length === 0) {
      const commands = ctx.commands.installedOn(ctx.host).sort((a, b) => a.name.localeCompare(b.name));
      const width = Math.max(...commands.map((c) => c.name.length));
      for (const c of commands) ctx.stdout.write(`${c.name.padEnd(width)}  ${c.summary}\n`);
      return 0;
    }
    let status = 0;
    for (const name of names) {
      const text = short ? builtinUsage(name) : builtinHelp(name);
      if (text === undefined) {
        ctx.stderr.write(`bash: help: no help topics match \`${name}'.  Try \`help help' or \`man -k ${name}' or \`info ${name}'.\n`);
        status = 1;
      } else ctx.stdout.write(text);
    }
    return status;
  },
};
