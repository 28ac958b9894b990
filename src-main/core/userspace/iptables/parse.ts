// The iptables command line: one command (-A, -L, ...), a rule specification
// with negations, implicit protocol matches, `-m` modules and target options.
// Errors carry the real tool's text and exit status.
import { isIPv4, ipToNumber, prefixToMask } from '../../sim/netfilter/addr.js';
import type { CtState } from '../../sim/netfilter/conntrack.js';
import { AddrtypeMatch, ADDR_TYPES, type AddrType, type TypeSpec } from '../../sim/netfilter/matches/addrtype.js';
import { CommentMatch } from '../../sim/netfilter/matches/comment.js';
import { CtStateMatch, CT_STATES } from '../../sim/netfilter/matches/conntrack.js';
import { IcmpMatch, ICMP_TYPE_NAMES } from '../../sim/netfilter/matches/icmp.js';
import { PortsMatch, type PortRange } from '../../sim/netfilter/matches/ports.js';
import { MultiportMatch } from '../../sim/netfilter/matches/multiport.js';
import { IprangeMatch, type Range } from '../../sim/netfilter/matches/iprange.js';
import { parsePort } from '../../sim/netfilter/matches/services.js';
import { IptablesError } from '../../sim/netfilter/ruleset.js';
import type { AddressMatch, ExtensionTarget, Match, Rule, Target } from '../../sim/netfilter/rule.js';
import { DnatTarget, MasqueradeTarget, SnatTarget, type NatRange } from '../../sim/netfilter/targets/nat.js';
import { LogTarget, LOG_LEVELS } from '../../sim/netfilter/targets/log.js';
import { RejectTarget, REJECT_TYPES, type RejectType } from '../../sim/netfilter/targets/reject.js';
import { PROTO_ICMP, PROTO_TCP, PROTO_UDP, type TableName } from '../../sim/netfilter/types.js';

export type Operation =
  | 'append'
  | 'insert'
  | 'delete'
  | 'replace'
  | 'check'
  | 'list'
  | 'spec'
  | 'flush'
  | 'zero'
  | 'new'
  | 'deleteChain'
  | 'rename'
  | 'policy'
  | 'help'
  | 'version';

export interface ParsedCommand {
  op: Operation;
  table: TableName;
  chain?: string;
  /** Rule number for -I/-D/-R/-Z. */
  num?: number;
  /** -Z given with -L or -S: counters are zeroed right after the listing. */
  zeroAfter?: boolean;
  /** -E's new name, -P's policy. */
  arg?: string;
  rule?: Rule;
  verbose: boolean;
  numeric: boolean;
  exact: boolean;
  lineNumbers: boolean;
}

// iptables-legacy, as on the article's host and the real-Docker lab host.
const VERSION = 'iptables v1.8.7 (legacy)';
const TRY = "Try `iptables -h' or 'iptables --help' for more information.";

/** A `-j` naming neither a target extension nor a chain of the table: iptables fails loading it as an extension. */
export function unknownTargetError(name: string): IptablesError {
  return new IptablesError(`${VERSION}: Couldn't load target \`${name}':No such file or directory\n\n${TRY}`, 2);
}

export function usageError(message: string): IptablesError {
  return new IptablesError(`${VERSION}: ${message}\n${TRY}`, 2);
}

function paramError(message: string): IptablesError {
  return new IptablesError(`${VERSION}: ${message}`, 2);
}

const COMMANDS: Record<string, Operation> = {
  '-A': 'append',
  '--append': 'append',
  '-I': 'insert',
  '--insert': 'insert',
  '-D': 'delete',
  '--delete': 'delete',
  '-R': 'replace',
  '--replace': 'replace',
  '-C': 'check',
  '--check': 'check',
  '-L': 'list',
  '--list': 'list',
  '-S': 'spec',
  '--list-rules': 'spec',
  '-F': 'flush',
  '--flush': 'flush',
  '-Z': 'zero',
  '--zero': 'zero',
  '-N': 'new',
  '--new-chain': 'new',
  '-X': 'deleteChain',
  '--delete-chain': 'deleteChain',
  '-E': 'rename',
  '--rename-chain': 'rename',
  '-P': 'policy',
  '--policy': 'policy',
  '-h': 'help',
  '--help': 'help',
  '-V': 'version',
  '--version': 'version',
};

const LETTER: Record<Operation, string> = {
  append: 'A',
  insert: 'I',
  delete: 'D',
  replace: 'R',
  check: 'C',
  list: 'L',
  spec: 'S',
  flush: 'F',
  zero: 'Z',
  new: 'N',
  deleteChain: 'X',
  rename: 'E',
  policy: 'P',
  help: 'h',
  version: 'V',
};

const RULE_OPS = new Set<Operation>(['append', 'insert', 'delete', 'replace', 'check']);
const STANDARD_TARGETS = new Set(['ACCEPT', 'DROP', 'RETURN']);
const PROTOCOLS: Record<string, number> = { all: 0, tcp: PROTO_TCP, udp: PROTO_UDP, icmp: PROTO_ICMP };
const TABLES = new Set(['raw', 'mangle', 'nat', 'filter']);

function parseAddress(text: string, invert: boolean): AddressMatch {
  const [host, maskText, extra] = text.split('/');
  const addrText = host === 'localhost' ? '127.0.0.1' : host;
  if (extra !== undefined || !isIPv4(addrText)) throw paramError(`host/network \`${host}' not found`);
  let mask = 0xffffffff;
  if (maskText !== undefined) {
    if (/^\d{1,2}$/.test(maskText) && Number(maskText) <= 32) mask = prefixToMask(Number(maskText));
    else if (isIPv4(maskText)) mask = ipToNumber(maskText);
    else throw paramError(`invalid mask \`${maskText}' specified`);
  }
  return { addr: (ipToNumber(addrText) & mask) >>> 0, mask, invert };
}

function parsePortRange(text: string, invert: boolean): PortRange {
  const [a, b, extra] = text.split(':');
  const min = a === '' ? 0 : parsePort(a);
  const max = b === undefined ? min : b === '' ? 65535 : parsePort(b);
  if (extra !== undefined || min === undefined || max === undefined) throw paramError(`invalid port/service \`${text}' specified`);
  return { min, max, invert };
}

function parseNatRange(text: string, option: string): NatRange {
  const [ip, ports, extra] = text.split(':');
  if (extra !== undefined || (ip !== '' && !isIPv4(ip))) throw paramError(`Bad IP address "${text}"`);
  const range: NatRange = ip === '' ? {} : { addr: ipToNumber(ip) };
  if (ports !== undefined) {
    const [lo, hi] = ports.split('-');
    const min = Number(lo);
    const max = hi === undefined ? min : Number(hi);
    if (!/^\d+$/.test(lo) || !(min >= 0 && max <= 65535 && min <= max)) throw paramError(`Port range \`${ports}' invalid in ${option}`);
    range.minPort = min;
    range.maxPort = max;
  }
  return range;
}

function parseCtStates(text: string, label: string): CtState[] {
  return text.split(',').map((s) => {
    const state = s.toUpperCase() as CtState;
    if (!CT_STATES.includes(state)) throw paramError(`Bad ${label} "${s}"`);
    return state;
  });
}

function parseAddrTypes(text: string, invert: boolean): TypeSpec {
  const types = text.split(',').map((t) => {
    const type = t.toUpperCase() as AddrType;
    if (!ADDR_TYPES.includes(type)) throw paramError(`addrtype: bad type "${t}"`);
    return type;
  });
  return { types, invert };
}

// Match modules collect their options while parsing, then build one Match each.
interface MatchBuilder {
  name: string;
  options: Map<string, { value: string; invert: boolean }>;
}

const MATCH_OPTIONS: Record<string, readonly string[]> = {
  tcp: ['--dport', '--sport', '--destination-port', '--source-port'],
  udp: ['--dport', '--sport', '--destination-port', '--source-port'],
  icmp: ['--icmp-type'],
  addrtype: ['--src-type', '--dst-type'],
  conntrack: ['--ctstate'],
  state: ['--state'],
  comment: ['--comment'],
  multiport: ['--dports', '--sports', '--ports', '--destination-ports', '--source-ports'],
  iprange: ['--src-range', '--dst-range'],
};

const TARGET_OPTIONS: Record<string, readonly string[]> = {
  DNAT: ['--to-destination'],
  SNAT: ['--to-source'],
  MASQUERADE: ['--to-ports'],
  REJECT: ['--reject-with'],
  LOG: ['--log-prefix', '--log-level'],
};

function buildMatch(b: MatchBuilder): Match {
  const opt = (name: string) => b.options.get(name);
  switch (b.name) {
    case 'tcp':
    case 'udp': {
      const s = opt('--sport') ?? opt('--source-port');
      const d = opt('--dport') ?? opt('--destination-port');
      return new PortsMatch(b.name, s && parsePortRange(s.value, s.invert), d && parsePortRange(d.value, d.invert));
    }
    case 'icmp': {
      const t = opt('--icmp-type');
      if (!t) return new IcmpMatch(255, undefined, false);
      const named = ICMP_TYPE_NAMES[t.value];
      const [type, code] = named ?? t.value.split('/').map(Number);
      if (type === undefined || Number.isNaN(type)) throw paramError(`Invalid ICMP type \`${t.value}'`);
      return new IcmpMatch(type, code, t.invert);
    }
    case 'addrtype': {
      const s = opt('--src-type');
      const d = opt('--dst-type');
      return new AddrtypeMatch(s && parseAddrTypes(s.value, s.invert), d && parseAddrTypes(d.value, d.invert));
    }
    case 'conntrack':
    case 'state': {
      const flag = b.name === 'conntrack' ? '--ctstate' : '--state';
      const s = opt(flag);
      if (!s) throw paramError(b.name === 'conntrack' ? 'conntrack: At least one option is required' : 'state match: You must specify "--state"');
      return new CtStateMatch(b.name, parseCtStates(s.value, b.name === 'conntrack' ? 'ctstate' : 'state'), s.invert);
    }
    case 'multiport': {
      const entry = (['dports', 'sports', 'ports'] as const)
        .map((w) => [w, opt(`--${w}`) ?? opt(w === 'dports' ? '--destination-ports' : w === 'sports' ? '--source-ports' : '')] as const)
        .find(([, o]) => o);
      if (!entry) throw paramError('multiport needs `--source-ports\' or `--destination-ports\'');
      const [which, o] = entry;
      const items = o!.value.split(',').map((part) => {
        const r = parsePortRange(part, false);
        return { min: r.min, max: r.max };
      });
      if (items.length > 15) throw paramError('too many ports specified');
      return new MultiportMatch(which, items, o!.invert);
    }
    case 'iprange': {
      const range = (o: { value: string; invert: boolean } | undefined): Range | undefined => {
        if (!o) return undefined;
        const [a, b] = o.value.split('-');
        if (!isIPv4(a) || (b !== undefined && !isIPv4(b))) throw paramError(`iprange: Bad IP address "${o.value}"`);
        return { from: ipToNumber(a), to: ipToNumber(b ?? a), invert: o.invert };
      };
      return new IprangeMatch(range(opt('--src-range')), range(opt('--dst-range')));
    }
    default: {
      const c = opt('--comment');
      if (!c) throw paramError('COMMENT match: You must specify `--comment\'');
      return new CommentMatch(c.value);
    }
  }
}

function buildTarget(name: string, options: Map<string, string>, goto: boolean): Target {
  if (STANDARD_TARGETS.has(name) && !goto) return { kind: 'standard', name: name as 'ACCEPT' | 'DROP' | 'RETURN' };
  let ext: ExtensionTarget | undefined;
  switch (name) {
    case 'DNAT': {
      const to = options.get('--to-destination');
      if (to === undefined) throw paramError('You must specify --to-destination');
      ext = new DnatTarget(parseNatRange(to, 'DNAT'));
      break;
    }
    case 'SNAT': {
      const to = options.get('--to-source');
      if (to === undefined) throw paramError('You must specify --to-source');
      ext = new SnatTarget(parseNatRange(to, 'SNAT'));
      break;
    }
    case 'MASQUERADE': {
      const ports = options.get('--to-ports');
      if (ports === undefined) ext = new MasqueradeTarget();
      else {
        const r = parseNatRange(`:${ports}`, 'MASQUERADE');
        ext = new MasqueradeTarget({ min: r.minPort!, max: r.maxPort! });
      }
      break;
    }
    case 'REJECT': {
      const w = options.get('--reject-with') ?? 'icmp-port-unreachable';
      if (!REJECT_TYPES.includes(w as RejectType)) throw paramError(`unknown reject type "${w}"`);
      ext = new RejectTarget(w as RejectType);
      break;
    }
    case 'LOG': {
      const levelText = options.get('--log-level') ?? '4';
      const level = /^\d$/.test(levelText) ? Number(levelText) : LOG_LEVELS.indexOf(levelText as (typeof LOG_LEVELS)[number]);
      if (level < 0 || level > 7) throw paramError(`log-level \`${levelText}' unknown`);
      const prefix = options.get('--log-prefix') ?? '';
      if (prefix.length > 29) throw paramError('Maximum prefix length 29 for --log-prefix');
      ext = new LogTarget(prefix, level);
      break;
    }
  }
  if (ext) return { kind: 'extension', target: ext };
  return { kind: 'chain', name, goto };
}

// getopt: `-nvL` is `-n -v -L`; an option taking a value takes the rest of the word (`-tnat`).
const VALUE_LETTERS = new Set('tAIDRCNEPpsdiojgmw');

function expandShortOptions(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    if (!/^-[A-Za-z]{2,}$/.test(arg) || COMMANDS[arg]) {
      out.push(arg);
      continue;
    }
    for (let i = 1; i < arg.length; i++) {
      out.push(`-${arg[i]}`);
      if (VALUE_LETTERS.has(arg[i]) && i + 1 < arg.length) {
        out.push(arg.slice(i + 1));
        break;
      }
    }
  }
  return out;
}

export function parseIptables(rawArgv: readonly string[]): ParsedCommand {
  const argv = expandShortOptions(rawArgv);
  const cmd: ParsedCommand = { op: 'list', table: 'filter', verbose: false, numeric: false, exact: false, lineNumbers: false };
  let op: Operation | undefined;
  const rule: Rule = { proto: 0, protoInvert: false, matches: [], target: { kind: 'none' }, packets: 0, bytes: 0 };
  let firstRuleOption: string | undefined;
  const matches: MatchBuilder[] = [];
  let targetName: string | undefined;
  let goto = false;
  const targetOptions = new Map<string, string>();
  let invert = false;
  let i = 0;

  const next = (option: string): string => {
    const value = argv[i++];
    if (value === undefined) throw usageError(`option "${option}" requires an argument`);
    return value;
  };
  const optional = (): string | undefined => {
    const value = argv[i];
    if (value === undefined || (value.startsWith('-') && value !== '-') || value === '!') return undefined;
    i++;
    return value;
  };
  const takeInvert = (): boolean => {
    const was = invert;
    invert = false;
    return was;
  };

  while (i < argv.length) {
    const arg = argv[i++];
    if (arg === '!') {
      if (invert) throw usageError('multiple consecutive ! not allowed');
      invert = true;
      continue;
    }
    const command = COMMANDS[arg];
    if (command) {
      // -L and -S combine with -Z (list, then zero), in either order.
      const listing = (o: Operation | undefined) => o === 'list' || o === 'spec';
      const zeroWithList = (command === 'zero' && listing(op)) || (listing(command) && op === 'zero');
      if (op && !zeroWithList) throw usageError(`Cannot use -${LETTER[command]} with -${LETTER[op]}\n`);
      if (zeroWithList) {
        cmd.zeroAfter = true;
        if (command === 'zero') {
          cmd.chain ??= optional();
          continue;
        }
      }
      op = command;
      cmd.op = command;
      if (command === 'help' || command === 'version') continue;
      if (['append', 'insert', 'delete', 'replace', 'check', 'new', 'rename', 'policy'].includes(command)) cmd.chain = next(arg);
      else cmd.chain = optional() ?? cmd.chain;
      if (command === 'insert' || command === 'delete' || command === 'replace' || (command === 'zero' && cmd.chain !== undefined)) {
        const num = argv[i];
        if (num !== undefined && /^\d+$/.test(num)) {
          i++;
          cmd.num = Number(num);
        } else if (command === 'replace') throw usageError('-R requires a rule number');
      }
      if (command === 'rename' || command === 'policy') cmd.arg = next(arg);
      continue;
    }
    switch (arg) {
      case '-t':
      case '--table': {
        const table = next(arg);
        if (!TABLES.has(table)) throw new IptablesError(`${VERSION}: can't initialize iptables table \`${table}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.`, 3);
        cmd.table = table as TableName;
        continue;
      }
      case '-v':
      case '--verbose':
        cmd.verbose = true;
        continue;
      case '-n':
      case '--numeric':
        cmd.numeric = true;
        continue;
      case '-x':
      case '--exact':
        cmd.exact = true;
        continue;
      case '--line-numbers':
        cmd.lineNumbers = true;
        continue;
      case '-w':
      case '--wait':
        optional();
        continue;
      case '-p':
      case '--protocol': {
        const name = next(arg).toLowerCase();
        const proto = PROTOCOLS[name] ?? (/^\d+$/.test(name) && Number(name) < 256 ? Number(name) : undefined);
        if (proto === undefined) throw paramError(`unknown protocol "${name}" specified`);
        rule.proto = proto;
        rule.protoInvert = takeInvert();
        firstRuleOption ??= arg;
        continue;
      }
      case '-s':
      case '--source':
      case '-d':
      case '--destination': {
        const inv = takeInvert();
        const a = parseAddress(next(arg), inv);
        if (arg.startsWith('-s') || arg === '--source') rule.src = a;
        else rule.dst = a;
        firstRuleOption ??= arg;
        continue;
      }
      case '-i':
      case '--in-interface':
      case '-o':
      case '--out-interface': {
        const inv = takeInvert();
        const name = next(arg);
        if (name.length > 15) throw paramError(`interface name \`${name}' must be shorter than IFNAMSIZ (15)`);
        if (arg === '-i' || arg === '--in-interface') rule.inIface = { name, invert: inv };
        else rule.outIface = { name, invert: inv };
        firstRuleOption ??= arg;
        continue;
      }
      case '-j':
      case '--jump':
      case '-g':
      case '--goto':
        targetName = next(arg);
        goto = arg === '-g' || arg === '--goto';
        firstRuleOption ??= arg;
        continue;
      case '-m':
      case '--match': {
        const name = next(arg);
        if (!MATCH_OPTIONS[name]) throw paramError(`Couldn't load match \`${name}':No such file or directory`);
        matches.push({ name, options: new Map() });
        firstRuleOption ??= arg;
        continue;
      }
    }
    if (arg.startsWith('--')) {
      const targetOwner = targetName !== undefined && TARGET_OPTIONS[targetName]?.includes(arg);
      if (targetOwner) {
        targetOptions.set(arg, next(arg));
        continue;
      }
      let owner = [...matches].reverse().find((m) => MATCH_OPTIONS[m.name].includes(arg));
      // `-p tcp --dport 80` loads the protocol's match implicitly.
      const protoMatch = rule.proto === PROTO_TCP ? 'tcp' : rule.proto === PROTO_UDP ? 'udp' : rule.proto === PROTO_ICMP ? 'icmp' : undefined;
      if (!owner && protoMatch && !rule.protoInvert && MATCH_OPTIONS[protoMatch].includes(arg)) {
        owner = { name: protoMatch, options: new Map() };
        matches.push(owner);
      }
      if (owner) {
        owner.options.set(arg, { value: next(arg), invert: takeInvert() });
        continue;
      }
    }
    // iptables 1.8.7 prints this one without its version prefix.
    if (!arg.startsWith('-')) throw new IptablesError(`Bad argument \`${arg}'\n${TRY}`, 2);
    throw usageError(`unknown option "${arg}"`);
  }

  if (!op) throw usageError('no command specified');
  if (invert) throw usageError('no command specified');
  if (firstRuleOption && !RULE_OPS.has(op)) throw usageError(`Illegal option \`${firstRuleOption}' with this command\n`);
  if (RULE_OPS.has(op) && !(op === 'delete' && cmd.num !== undefined)) {
    for (const m of matches) {
      const portsNeedProto = m.name === 'multiport' && rule.proto !== PROTO_TCP && rule.proto !== PROTO_UDP;
      if (portsNeedProto) throw paramError('multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP');
      if ((m.name === 'tcp' || m.name === 'udp') && rule.proto !== (m.name === 'tcp' ? PROTO_TCP : PROTO_UDP)) {
        // The kernel refuses a port match on another protocol.
        throw new IptablesError("iptables: Invalid argument. Run `dmesg' for more information.");
      }
      rule.matches.push(buildMatch(m));
    }
    if (targetName !== undefined) rule.target = buildTarget(targetName, targetOptions, goto);
    cmd.rule = rule;
  }
  return cmd;
}

export const IPTABLES_HELP = `iptables v1.8.7

Usage: iptables -[ACD] chain rule-specification [options]
       iptables -I chain [rulenum] rule-specification [options]
       iptables -R chain rulenum rule-specification [options]
       iptables -D chain rulenum [options]
       iptables -[LS] [chain [rulenum]] [options]
       iptables -[FZ] [chain] [options]
       iptables -[NX] chain
       iptables -E old-chain-name new-chain-name
       iptables -P chain target [options]
       iptables -h (print this help information)

Commands:
Either long or short options are allowed.
  --append  -A chain		Append to chain
  --check   -C chain		Check for the existence of a rule
  --delete  -D chain		Delete matching rule from chain
  --delete  -D chain rulenum
				Delete rule rulenum (1 = first) from chain
  --insert  -I chain [rulenum]
				Insert in chain as rulenum (default 1=first)
  --replace -R chain rulenum
				Replace rule rulenum (1 = first) in chain
  --list    -L [chain [rulenum]]
				List the rules in a chain or all chains
  --list-rules -S [chain [rulenum]]
				Print the rules in a chain or all chains
  --flush   -F [chain]		Delete all rules in  chain or all chains
  --zero    -Z [chain [rulenum]]
				Zero counters in chain or all chains
  --new     -N chain		Create a new user-defined chain
  --delete-chain
	    -X [chain]		Delete a user-defined chain
  --policy  -P chain target
				Change policy on chain to target
  --rename-chain
	    -E old-chain new-chain
				Change chain name, (moving any references)
Options:
[!] --protocol	-p proto	protocol: by number or name, eg. \`tcp'
[!] --source	-s address[/mask][...]
				source specification
[!] --destination -d address[/mask][...]
				destination specification
[!] --in-interface -i input name[+]
				network interface name ([+] for wildcard)
 --jump	-j target
				target for rule (may load target extension)
  --goto      -g chain
			       jump to chain with no return
  --match	-m match
				extended match (may load extension)
  --numeric	-n		numeric output of addresses and ports
[!] --out-interface -o output name[+]
				network interface name ([+] for wildcard)
  --table	-t table	table to manipulate (default: \`filter')
  --verbose	-v		verbose mode
  --wait	-w [seconds]	maximum wait to acquire xtables lock before give up
  --line-numbers		print line numbers when listing
  --exact	-x		expand numbers (display exact values)
  --version	-V		print package version.
`;

// cspell:words AIDRCNE IFNAMSIZ Ppsdiojgmw getopt rulenum xtables DCCP Iprange Multiport UDPLITE dports iprange multiport
