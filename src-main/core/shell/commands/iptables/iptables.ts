import type { Command } from '../../command.js';
import { runIptables } from '../../../userspace/iptables/run.js';
import { IPTABLES_HELP } from '../../../userspace/iptables/parse.js';
import { commandNetfilter } from './netns.js';

export const iptables: Command = {
  name: 'iptables',
  summary: 'administration tool for IPv4 packet filtering and NAT',
  usage: IPTABLES_HELP.split('\n\n')[1],
  man: `iptables - administration tool for IPv4 packet filtering and NAT

Lists and edits the tables of the network namespace it runs in: filter (INPUT, FORWARD, OUTPUT),
nat (PREROUTING, INPUT, OUTPUT, POSTROUTING), mangle and raw.

  -t TABLE        table to work on (default filter)
  -L [CHAIN]      list rules; add -v for counters and interfaces, -n for numbers, -x for exact
                  counters, --line-numbers for rule numbers
  -S [CHAIN]      print rules as iptables commands
  -A/-I/-D/-R/-C  append, insert, delete, replace, check a rule
  -F/-Z [CHAIN]   flush rules / zero counters (policy counters too); -Z CHAIN NUM zeroes one
                  rule; -L -Z lists, then zeroes
  -N/-X/-E/-P     new, delete, rename a chain; set a built-in chain's policy
Rule options: [!] -p PROTO, [!] -s ADDR[/MASK], [!] -d ADDR[/MASK], [!] -i IFACE[+], [!] -o IFACE[+],
-m tcp|udp --dport/--sport, -m multiport --dports, -m iprange --src-range, -m conntrack --ctstate,
-m state --state, -m addrtype --dst-type, -m comment --comment, -p icmp --icmp-type,
-j ACCEPT|DROP|REJECT|RETURN|LOG|DNAT|SNAT|MASQUERADE|CHAIN, -g CHAIN.
nat counters count connections (only a connection's first packet reaches the nat table);
filter counters count packets. A built-in chain's policy counters (shown by -L -v) count what
reached the end of the chain and took the policy.`,
  completions: () => ['-t', '-L', '-S', '-A', '-I', '-D', '-R', '-C', '-F', '-Z', '-N', '-X', '-E', '-P', '-v', '-n', '-x', '--line-numbers', 'nat', 'filter', 'mangle', 'raw'],
  async run(ctx) {
    const result = runIptables(commandNetfilter(ctx), ctx.argv.slice(1));
    ctx.stdout.write(result.stdout);
    ctx.stderr.write(result.stderr);
    return result.status;
  },
};

// cspell:words dports iprange multiport
