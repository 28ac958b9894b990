import type { Command } from '../../command.js';
import { FileSystem } from '../../fs.js';
import { runIptablesRestore } from '../../../userspace/iptables/run.js';
import { commandNetfilter } from './netns.js';

export const iptablesRestore: Command = {
  name: 'iptables-restore',
  summary: 'restore iptables rules',
  usage: 'Usage: iptables-restore [-n] [-c] [FILE]',
  man: `iptables-restore - restore iptables rules from stdin or FILE

Reads iptables-save's format. Each table is replaced as a whole at its COMMIT line, unless -n
(--noflush) is given, which adds to the existing rules instead. Policy counters start again at 0;
-c (--counters) sets policy and rule counters from the [packets:bytes] in the file.`,
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const file = args.find((a) => !a.startsWith('-'));
    let input: string;
    if (file !== undefined) {
      const read = ctx.fs.readFile(FileSystem.resolve(ctx.cwd, file));
      if (typeof read !== 'string') {
        ctx.stderr.write(`Can't open ${file}: No such file or directory\n`);
        return 1;
      }
      input = read;
    } else {
      input = await ctx.stdin.readAll();
    }
    const result = runIptablesRestore(commandNetfilter(ctx), input, args);
    ctx.stdout.write(result.stdout);
    ctx.stderr.write(result.stderr);
    return result.status;
  },
};

// cspell:words noflush
