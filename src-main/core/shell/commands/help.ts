import type { Command } from '../command.js';

export const help: Command = {
  name: 'help',
  summary: 'list the commands of this lab host',
  usage: 'help [command]',
  man: 'help - list the commands available on this host with one line each; `man NAME` for details',
  async run(ctx) {
    const commands = ctx.commands.installedOn(ctx.host).sort((a, b) => a.name.localeCompare(b.name));
    const width = Math.max(...commands.map((c) => c.name.length));
    for (const c of commands) ctx.stdout.write(`${c.name.padEnd(width)}  ${c.summary}\n`);
    return 0;
  },
};
