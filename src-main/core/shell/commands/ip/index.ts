// `ip` from iproute2 5.15: link, address, route, neigh, netns over the
// simulated namespaces, with -br, -d, -j [-p], -s, -o, -4 and -n NETNS.
import type { Command } from '../../command.js';
import { IpError, type IpContext, type IpOptions } from './common.js';
import { linkCommand } from './link.js';
import { addrCommand } from './addr.js';
import { routeCommand } from './route.js';
import { neighCommand } from './neigh.js';
import { ruleCommand } from './rule.js';
import { maddrCommand } from './maddr.js';
import { findNamedNetns, netnsCommand } from './netns.js';
import { IP_MAN } from './man.js';

export const IP_USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |
                   macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

/** iproute2's object table, in its order: a prefix picks the first object it matches. */
const OBJECTS = [
  'address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link', 'l2tp', 'fou', 'ila',
  'macsec', 'tunnel', 'tuntap', 'tap', 'token', 'tcpmetrics', 'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr',
  'nexthop', 'mptcp', 'ioam', 'help',
];

/** Options as iproute2 matches them: the typed word must be a prefix of the long form and at least as long as the short one. */
const OPTION_FORMS: Array<[short: string, long: string, key: string]> = [
  ['-br', '-brief', 'brief'],
  ['-d', '-details', 'details'],
  ['-j', '-json', 'json'],
  ['-p', '-pretty', 'pretty'],
  ['-s', '-statistics', 'stats'],
  ['-o', '-oneline', 'oneline'],
  ['-n', '-netns', 'netns'],
  ['-f', '-family', 'family'],
  ['-c', '-color', 'color'],
  ['-h', '-human-readable', 'human'],
  ['-N', '-Numeric', 'numeric'],
  ['-r', '-resolve', 'resolve'],
  ['-a', '-all', 'all'],
  ['-V', '-Version', 'version'],
];

function optionKey(word: string): string | undefined {
  const w = word.startsWith('--') ? word.slice(1) : word;
  if (w === '-4') return 'inet';
  if (w === '-6') return 'inet6';
  if (w === '-0') return 'link';
  if (w === '-help') return 'help';
  const base = w.split('=')[0];
  for (const [short, long, key] of OPTION_FORMS) if (base.length >= short.length && long.startsWith(base) && base.startsWith(short)) return key;
  return undefined;
}

export const ip: Command = {
  name: 'ip',
  summary: 'show / manipulate routing, network devices, interfaces and tunnels',
  usage: IP_USAGE.trim(),
  man: IP_MAN,
  completions: (words) => {
    if (words.length <= 1) return ['address', 'link', 'route', 'neigh', 'netns', '-br', '-d', '-j', '-4', '-n', '-s'];
    return ['show', 'add', 'del', 'set', 'get', 'exec', 'list', 'dev', 'up', 'down'];
  },
  async run(ctx) {
    const world = ctx.host.world;
    let ns = ctx.host.netns;
    const options: IpOptions = { brief: false, details: false, json: false, pretty: false, stats: 0, oneline: false };
    const args = ctx.argv.slice(1);
    try {
      while (args.length && args[0].startsWith('-')) {
        const word = args.shift()!;
        const key = optionKey(word);
        switch (key) {
          case 'brief':
          case 'details':
          case 'json':
          case 'pretty':
          case 'oneline':
            options[key] = true;
            break;
          case 'stats':
            options.stats++;
            break;
          case 'inet':
            options.family = 'inet';
            break;
          case 'inet6':
          case 'link':
            options.family = key;
            break;
          case 'family': {
            const f = args.shift();
            if (f !== 'inet' && f !== 'inet6' && f !== 'link') throw new IpError(`Error: argument "${f ?? ''}" is wrong: invalid protocol family`, 255);
            options.family = f;
            break;
          }
          case 'netns': {
            const name = args.shift();
            if (name === undefined) throw new IpError('Option "-netns" requires an argument', 255);
            const target = findNamedNetns({ ns }, name);
            if (!target) throw new IpError(`Cannot open network namespace "${name}": No such file or directory`, 255);
            ns = target;
            break;
          }
          case 'version':
            ctx.stdout.write('ip utility, iproute2-5.15.0, libbpf 0.5.0\n');
            return 0;
          case 'help':
            ctx.stderr.write(IP_USAGE);
            return 255;
          case 'color':
          case 'human':
          case 'numeric':
          case 'resolve':
          case 'all':
            break;
          default:
            throw new IpError(`Option "${word}" is unknown, try "ip -help".`, 255);
        }
      }
      if (args.length === 0) {
        ctx.stderr.write(IP_USAGE);
        return 255;
      }
      const word = args.shift()!;
      const object = OBJECTS.find((o) => o.startsWith(word));
      const ipc: IpContext = { ctx, ns, world, options };
      switch (object) {
        case 'address':
          return await addrCommand(ipc, args);
        case 'link':
          return await linkCommand(ipc, args);
        case 'route':
          return await routeCommand(ipc, args);
        case 'neighbor':
        case 'neighbour':
          return await neighCommand(ipc, args);
        case 'netns':
          return await netnsCommand(ipc, args);
        case 'rule':
          return ruleCommand(ipc, args);
        case 'maddress':
          return await maddrCommand(ipc, args);
        case 'help':
          ctx.stderr.write(IP_USAGE);
          return 255;
        case undefined:
          throw new IpError(`Object "${word}" is unknown, try "ip help".`, 255);
        default:
          throw new IpError(`Object "${object}" is not supported in this lab (try address, link, route, neigh, maddress or netns).`, 255);
      }
    } catch (err) {
      if (err instanceof IpError) {
        ctx.stderr.write(err.message.endsWith('\n') ? err.message : err.message + '\n');
        return err.status;
      }
      throw err;
    }
  },
};
