// man (man-db): a command's page, through the pager (less, with man's prompt)
// when it writes to the terminal, whole when it writes to a pipe or a file.
import type { Command } from '../command.js';
import { page } from '../pager.js';

/** Commands whose pages are in section 8 (system administration) on Debian. */
const SECTION_8 = new Set(['ip', 'iptables', 'iptables-save', 'iptables-restore', 'bridge', 'conntrack', 'sysctl', 'ss', 'tcpdump', 'lsns']);

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
    const section = SECTION_8.has(command.name) ? 8 : 1;
    const text = `${command.name.toUpperCase()}(${section})\n\nNAME\n       ${command.name} - ${command.summary}\n\nSYNOPSIS\n       ${command.usage}\n\nDESCRIPTION\n${indent(command.man)}\n`;
    await page(ctx, text, {
      prompt: (line, atEnd) => ` Manual page ${command.name}(${section}) line ${line}${atEnd ? ' (END)' : ''} (press h for help or q to quit)`,
    });
    return 0;
  },
};

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? '       ' + l : ''))
    .join('\n');
}
