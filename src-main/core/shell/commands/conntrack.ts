import type { Command, CommandContext } from '../command.js';
import { netfilterOf } from '../../sim/netfilter/kernel.js';
import { conntrackEventLine, conntrackLine, conntrackSummary } from '../../userspace/conntrack/format.js';
import { matchesConntrackFilter, parseConntrackFilter } from '../../userspace/conntrack/filter.js';

const TOOL = 'conntrack v1.4.6 (conntrack-tools)';

const USAGE = `conntrack v1.4.6 (conntrack-tools): Command line interface for the connection tracking system.
Usage: conntrack [commands] [options]

Commands:
  -L [table] [options]		List conntrack or expectation table
  -D [table] [options]		Delete conntrack or expectation
  -E [table] [options]		Show events
  -F [table]			Flush table
  -C [table]			Show counter
`;

export const conntrack: Command = {
  name: 'conntrack',
  summary: 'command line interface for netfilter connection tracking',
  usage: USAGE,
  man: `conntrack - command line interface for netfilter connection tracking

  -L, --dump   list the connections this namespace's kernel tracks: protocol, seconds left,
               TCP state, the original tuple, [UNREPLIED], the reply tuple (after NAT), [ASSURED]
  -E, --event  print connections as they appear ([NEW]), change state ([UPDATE]) and go ([DESTROY])
               until Ctrl-C
  -F, --flush  forget all tracked connections
  -C, --count  print how many there are
  -D, --delete forget the connections that match (their next packet starts a new entry, NAT decided again)
  -p PROTO     only this protocol
  -s, -d ADDR  original source, destination (--orig-src, --orig-dst)
  -r, -q ADDR  reply source, destination (--reply-src, --reply-dst)
  --sport, --dport PORT   original ports, after -p (also --reply-port-src, --reply-port-dst)`,
  async run(ctx) {
    const ns = ctx.host.netns;
    const nf = netfilterOf(ns);
    const args = ctx.argv.slice(1);
    const now = ns.world.clock.now();
    const commandAt = args.findIndex((a) => /^(-[LDEFCh]|--(dump|delete|event|flush|count|help))$/.test(a));
    if (commandAt < 0) {
      if (args.length === 0) return usageError(ctx, 'no command specified');
      return usageError(ctx, `unknown option \`${args[0]}'`);
    }
    const command = args[commandAt];
    if (command === '-h' || command === '--help') {
      ctx.stdout.write(USAGE);
      return 0;
    }
    if (command === '-F' || command === '--flush') {
      nf.conntrack.flush();
      ctx.stderr.write(`${TOOL}: connection tracking table has been emptied.\n`);
      return 0;
    }
    const filter = parseConntrackFilter(args.filter((_, i) => i !== commandAt));
    if ('error' in filter) return usageError(ctx, filter.error);
    if (command === '-E' || command === '--event') {
      let shown = 0;
      const subscription = nf.conntrack.onEvent((event, conn) => {
        if (!matchesConntrackFilter(conn, filter)) return;
        ctx.stdout.write(`${conntrackEventLine(event, conn, ns.world.clock.now())}\n`);
        shown++;
      });
      // Entries expire lazily; looking once a second turns expiries into DESTROY events.
      while (!ctx.interrupted.signalled) {
        await ctx.clock.sleep(1000);
        nf.conntrack.expire(ns.world.clock.now());
      }
      subscription.dispose();
      ctx.stderr.write(`${TOOL}: ${shown} flow events have been shown.\n`);
      return 0;
    }
    const entries = nf.conntrack.entries(now).filter((c) => matchesConntrackFilter(c, filter));
    if (command === '-C' || command === '--count') {
      ctx.stdout.write(`${entries.length}\n`);
      return 0;
    }
    for (const conn of entries) ctx.stdout.write(`${conntrackLine(conn, now)}\n`);
    if (command === '-D' || command === '--delete') {
      // Deleting forgets the NAT bindings too: the connection's next packet starts a new entry.
      for (const conn of entries) nf.conntrack.remove(conn);
      ctx.stderr.write(`${conntrackSummary(entries.length, 'deleted')}\n`);
      return entries.length === 0 ? 1 : 0;
    }
    ctx.stderr.write(`${conntrackSummary(entries.length, 'shown')}\n`);
    return 0;
  },
};

function usageError(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`${TOOL}: ${message}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
  return 2;
}
