import type { Command } from '../command.js';

export const man: Command = {
  name: 'man',
  summary: 'an interface to the system reference manuals',
  usage: 'man NAME',
  completions: (_words, ctx) => ctx.commands.all().flatMap((c) => [c.name, ...(c.aliases ?? [])]),
  man: 'man - show the manual page of a command\n\nEach page is written for this course: what the command does here and the flags it takes.',
  async run(ctx) {
    const name = ctx.argv[1];
    if (name === undefined) {
      ctx.stderr.write('What manual page do you want?\nFor example, try \'man man\'.\n');
      return 1;
    }
    const command = ctx.commands.find(name);
    if (!command) {
      ctx.stderr.write(`No manual entry for ${name}\n`);
      return 16;
    }
    ctx.stdout.write(`${command.name.toUpperCase()}(1)\n\nNAME\n       ${command.name} - ${command.summary}\n\nSYNOPSIS\n       ${command.usage}\n\nDESCRIPTION\n${indent(command.man)}\n`);
    return 0;
  },
};

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? '       ' + l : ''))
    .join('\n');
}
