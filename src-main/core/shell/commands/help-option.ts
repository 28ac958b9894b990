// `--help` for the generic commands: coreutils print their usage and options,
// bash builtins their `help NAME` text. The text is the command's own man page.
import type { Command, CommandContext } from '../command.js';

/** Prints help and returns true when the first argument is --help. */
export function printedHelp(ctx: CommandContext, command: Command, kind: 'tool' | 'builtin' = 'tool'): boolean {
  if (ctx.argv[1] !== '--help') return false;
  const body = command.man.split('\n').slice(1).join('\n').replace(/^\n/, '');
  if (kind === 'builtin') {
    const usage = command.usage.replace(/^\S+: usage: /, '');
    ctx.stdout.write(`${command.name}: ${usage}\n    ${command.summary[0].toUpperCase()}${command.summary.slice(1)}.\n${body ? '\n' + body.replace(/^/gm, '    ') + '\n' : ''}`);
  } else {
    const usage = command.usage.startsWith('Usage:') ? command.usage : `Usage: ${command.usage}`;
    ctx.stdout.write(`${usage}\n${command.summary[0].toUpperCase()}${command.summary.slice(1)}.\n${body ? '\n' + body + '\n' : ''}`);
  }
  return true;
}
