import type { Command } from '../command.js';
import { netfilterOf } from '../../sim/netfilter/kernel.js';
import { conntrackEventLine, conntrackLine, conntrackSummary } from '../../userspace/conntrack/format.js';

const USAGE = `conntrack v1.4.6 (conntrack-tools): Command line interface for the connection tracking system.
Usage: conntrack [commands] [options]

Commands:
  -L [table] [options]		List conntrack or expectation table
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
  -p PROTO     only this protocol (with -L)`,
  async run(ctx) {
    const ns = ctx.host.netns;
    const nf = netfilterOf(ns);
    const args = ctx.argv.slice(1);
    const now = ns.world.clock.now();
    const protoAt = args.findIndex((a) => a === '-p' || a === '--proto');
    const proto = protoAt >= 0 ? args[protoAt + 1] : undefined;
    const command = args.find((a) => /^(-[LEFCh]|--(dump|event|flush|count|help))$/.test(a)) ?? (args.length === 0 ? undefined : 'bad');
    if (command === undefined) {
      ctx.stderr.write('conntrack v1.4.6 (conntrack-tools): no command specified\nTry `conntrack -h\' or \'conntrack --help\' for more information.\n');
      return 2;
    }
    if (command === '-h' || command === '--help') {
      ctx.stdout.write(USAGE);
      return 0;
    }
    if (command === 'bad') {
      ctx.stderr.write(`conntrack v1.4.6 (conntrack-tools): unknown option "${args[0]}"\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
      return 2;
    }
    if (command === '-F' || command === '--flush') {
      nf.conntrack.flush();
      ctx.stderr.write('conntrack v1.4.6 (conntrack-tools): connection tracking table has been emptied.\n');
      return 0;
    }
    const protoNumber = proto === undefined ? undefined : ({ tcp: 6, udp: 17, icmp: 1 } as Record<string, number>)[proto];
    if (command === '-E' || command === '--event') {
      let shown = 0;
      const subscription = nf.conntrack.onEvent((event, conn) => {
        if (protoNumber !== undefined && conn.orig.proto !== protoNumber) return;
        ctx.stdout.write(`${conntrackEventLine(event, conn, ns.world.clock.now())}\n`);
        shown++;
      });
      // Entries expire lazily; looking once a second turns expiries into DESTROY events.
      while (!ctx.interrupted.signalled) {
        await ctx.clock.sleep(1000);
        nf.conntrack.expire(ns.world.clock.now());
      }
      subscription.dispose();
      ctx.stderr.write(`conntrack v1.4.6 (conntrack-tools): ${shown} flow events have been shown.\n`);
      return 0;
    }
    const entries = nf.conntrack.entries(now).filter((c) => protoNumber === undefined || c.orig.proto === protoNumber);
    if (command === '-C' || command === '--count') {
      ctx.stdout.write(`${entries.length}\n`);
      return 0;
    }
    for (const conn of entries) ctx.stdout.write(`${conntrackLine(conn, now)}\n`);
    ctx.stderr.write(`${conntrackSummary(entries.length)}\n`);
    return 0;
  },
};

// cspell:words UNREPLIED
