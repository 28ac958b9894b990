import type { Command } from '../../command.js';
import { runIptablesSave } from '../../../userspace/iptables/run.js';
import { commandNetfilter, wallTime } from './netns.js';

export const iptablesSave: Command = {
  name: 'iptables-save',
  summary: 'dump iptables rules',
  usage: 'Usage: iptables-save [-c] [-t table]',
  man: `iptables-save - dump iptables rules to stdout

Prints every table that exists in this namespace, in the format iptables-restore reads.
  -c        include packet and byte counters
  -t TABLE  only this table`,
  async run(ctx) {
    const result = runIptablesSave(commandNetfilter(ctx), ctx.argv.slice(1), wallTime(ctx));
    ctx.stdout.write(result.stdout);
    ctx.stderr.write(result.stderr);
    return result.status;
  },
};
