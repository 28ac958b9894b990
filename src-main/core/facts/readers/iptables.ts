// iptables: the listing (-L, with or without -v, -n, -x, --line-numbers), the
// rule specs (-S) and iptables-save. Each rule line is read on its own, so a
// listing cut by grep still gives its rules (with chain undefined when the
// chain title was cut away and the command did not name the chain).
import type { AddressMatch, Fact, IptablesChainFact, IptablesForm, IptablesRuleFact, InterfaceMatch, PortMatch, RuleExtras } from '../model.js';
import { canonicalCidr, hasOption, integer, optionValue, outputLines, portNumber, protocolName } from './common.js';

export function readIptables(argv: readonly string[], output: string): Fact[] {
  const table = optionValue(argv, '-t', '--table') ?? 'filter';
  const listed = commandChain(argv, 'L', '--list');
  if (listed !== undefined) return readListing(argv, output, table, listed || undefined);
  const specified = commandChain(argv, 'S', '--list-rules');
  if (specified !== undefined) return readSpecs(output, 'spec', table, specified || undefined);
  return [];
}

export function readIptablesSave(argv: readonly string[], output: string): Fact[] {
  return readSpecs(output, 'save', optionValue(argv, '-t', '--table'), undefined);
}

/**
 * The chain named after the command letter (`-L DOCKER`, `-nvL DOCKER`,
 * `--list DOCKER`): '' when the command is given without a chain, undefined
 * when the command is not given at all.
 */
function commandChain(argv: readonly string[], letter: string, long: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    // Lower-case letters are flags that may be bundled before the command: -nvL.
    const isCommand = a === long || new RegExp(`^-[a-z]*${letter}$`).test(a);
    if (!isCommand) continue;
    const next = argv[i + 1];
    return next !== undefined && !next.startsWith('-') ? next : '';
  }
  return undefined;
}

// ------------------------------------------------------------------ -L

const CHAIN_TITLE = /^Chain (\S+) \((?:policy (\S+)(?: (\S+) packets, (\S+) bytes)?|(\d+) references)\)$/;
const OPT = /^(--|-f|!f)$/;

function readListing(argv: readonly string[], output: string, table: string, namedChain: string | undefined): Fact[] {
  const form: IptablesForm = hasOption(argv, '-n', '--numeric') ? 'list-numeric' : 'list-names';
  let verbose = hasOption(argv, '-v', '--verbose');
  let numbered = hasOption(argv, '--line-numbers');
  const exact = hasOption(argv, '-x', '--exact');
  let chain = namedChain;
  const facts: Fact[] = [];
  for (const line of outputLines(output)) {
    const title = CHAIN_TITLE.exec(line);
    if (title) {
      chain = title[1]!;
      facts.push(chainFact(form, table, chain, title[2], title[3], title[4], integer(title[5]), line, exact));
      continue;
    }
    if (/^\s*(num\s+)?(pkts\s+bytes\s+)?target\s+prot\s+opt\b/.test(line)) {
      // The column header says which columns follow; it overrides what argv suggested.
      numbered = /^\s*num\b/.test(line);
      verbose = /\bpkts\b/.test(line);
      continue;
    }
    const rule = listedRule(line, form, table, chain, verbose, numbered, exact);
    if (rule) facts.push(rule);
  }
  return facts;
}

function chainFact(form: IptablesForm, table: string | undefined, name: string, policy: string | undefined, packets: string | undefined, bytes: string | undefined, references: number | undefined, text: string, exact: boolean): IptablesChainFact {
  return {
    kind: 'iptables-chain',
    form,
    table,
    name,
    policy: policy === '-' ? undefined : policy,
    packets: packets === undefined ? undefined : counter(packets, exact)?.value,
    bytes: bytes === undefined ? undefined : counter(bytes, exact)?.value,
    references,
    text,
  };
}

/** A counter as printed: exact digits, or rounded by 1000s with K/M/G/T when -x was not given. */
function counter(text: string, exact: boolean): { value: number; exact: boolean } | undefined {
  const m = /^(\d+)([KMGT]?)$/.exec(text);
  if (!m) return undefined;
  const scale = { '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] as '' | 'K' | 'M' | 'G' | 'T'];
  return { value: Number(m[1]) * scale, exact: exact || m[2] === '' };
}

function listedRule(line: string, form: IptablesForm, table: string, chain: string | undefined, verbose: boolean, numbered: boolean, exact: boolean): IptablesRuleFact | undefined {
  const tokens = [...line.matchAll(/\S+/g)];
  const words = tokens.map((t) => t[0]);
  const optAt = words.findIndex((w, i) => OPT.test(w) && i >= 1);
  if (optAt < 0) return undefined;
  let lead = 0;
  let lineNumber: number | undefined;
  if (numbered) {
    lineNumber = integer(words[0]);
    if (lineNumber === undefined) return undefined;
    lead++;
  }
  let packets: number | undefined;
  let bytes: number | undefined;
  let countersExact = true;
  if (verbose) {
    const p = counter(words[lead] ?? '', exact);
    const b = counter(words[lead + 1] ?? '', exact);
    if (!p || !b) return undefined;
    packets = p.value;
    bytes = b.value;
    countersExact = p.exact && b.exact;
    lead += 2;
  }
  // target (may be blank) and prot come before opt.
  const before = optAt - lead;
  if (before !== 1 && before !== 2) return undefined;
  const target = before === 2 ? words[lead] : undefined;
  const protocolText = words[optAt - 1]!;
  const columns = verbose ? 4 : 2;
  const rest = words.slice(optAt + 1, optAt + 1 + columns);
  if (rest.length < columns) return undefined;
  const [inText, outText] = verbose ? [rest[0]!, rest[1]!] : [undefined, undefined];
  const source = listedAddress(rest[columns - 2]!);
  const destination = listedAddress(rest[columns - 1]!);
  if (!source || !destination) return undefined;
  const extrasToken = tokens[optAt + 1 + columns];
  const extraText = extrasToken ? line.slice(extrasToken.index).trim() : '';
  return {
    kind: 'iptables-rule',
    form,
    table,
    chain,
    target,
    protocol: protocolName(protocolText.replace(/^!/, '')),
    protocolNegated: protocolText.startsWith('!'),
    inInterface: inText === undefined ? undefined : listedInterface(inText),
    outInterface: outText === undefined ? undefined : listedInterface(outText),
    source,
    destination,
    extras: listedExtras(extraText, target),
    extraText,
    packets,
    bytes,
    countersExact,
    lineNumber,
    text: line,
  };
}

function listedInterface(text: string): InterfaceMatch | undefined {
  const negated = text.startsWith('!');
  const name = negated ? text.slice(1) : text;
  return name === '*' || name === 'any' ? undefined : { name, negated };
}

/** Names -L prints without -n that stand for a known network. */
const ADDRESS_NAMES: Readonly<Record<string, string>> = { anywhere: '0.0.0.0/0', localhost: '127.0.0.1/32' };

function listedAddress(text: string): AddressMatch | undefined {
  const negated = text.startsWith('!');
  const printed = negated ? text.slice(1) : text;
  if (printed === '') return undefined;
  const cidr = ADDRESS_NAMES[printed] ?? canonicalCidr(printed);
  // A column must be an address or a host name, never another word of the line.
  if (!cidr && !/^[A-Za-z0-9][A-Za-z0-9.-]*(\/\d+)?$/.test(printed)) return undefined;
  return { printed, cidr, negated };
}

/** `dpt:81`, `dpts:1000:2000`, `dpt:!http` of -L; `! --dport 81`, `--sport 1000:2000` of -S. */
function portMatch(text: string, negatedBefore: boolean): PortMatch {
  const negated = negatedBefore || text.startsWith('!');
  const printed = text.replace(/^!/, '');
  const [first, last] = printed.split(':');
  const port = portNumber(first!);
  return { printed, port, lastPort: last === undefined ? port : portNumber(last), negated };
}

function listedExtras(text: string, target: string | undefined): RuleExtras {
  const extras: { -readonly [K in keyof RuleExtras]: RuleExtras[K] } = {};
  const comment = /\/\* (.*?) \*\//.exec(text);
  if (comment) extras.comment = comment[1];
  const words = text.replace(/\/\* .*? \*\//, ' ').split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    let m: RegExpExecArray | null;
    if ((m = /^(d|s)pts?:(.+)$/.exec(w))) {
      extras[m[1] === 'd' ? 'dport' : 'sport'] = portMatch(m[2]!, false);
    } else if (w === 'dports' && next && words[i - 1] === 'multiport') {
      extras.dports = next.split(',').map((p) => portNumber(p.split(':')[0]!)).filter((p): p is number => p !== undefined);
      i++;
    } else if ((w === 'ctstate' || w === 'state') && next) {
      extras[w] = next.split(',');
      i++;
    } else if ((m = /^(dst|src)-type$/.exec(w)) && next) {
      extras[m[1] === 'dst' ? 'dstType' : 'srcType'] = next;
      i++;
    } else if ((m = /^to:(.+)$/.exec(w))) {
      // DNAT and SNAT both print to:; the target tells which one.
      extras[target === 'SNAT' ? 'toSource' : 'toDestination'] = m[1]!;
    } else if ((w === 'masq' || w === 'redir') && next === 'ports' && words[i + 2]) {
      extras.toPorts = words[i + 2]!.replace(/^:/, '');
      i += 2;
    } else if (w === 'masq' && next === 'ports:' && words[i + 2]) {
      extras.toPorts = words[i + 2]!;
      i += 2;
    } else if (w === 'reject-with' && next) {
      extras.rejectWith = next;
      i++;
    } else if ((w === 'icmptype' || (w === 'icmp' && next && !/^(dpt|spt)/.test(next))) && next) {
      extras.icmpType = next;
      i++;
    } else if (w === 'MARK' && next === 'set' && words[i + 2]) {
      extras.mark = words[i + 2];
      i += 2;
    }
  }
  return extras;
}

// ------------------------------------------------------------------ -S and iptables-save

function readSpecs(output: string, form: IptablesForm, givenTable: string | undefined, namedChain: string | undefined): Fact[] {
  let table = givenTable;
  const facts: Fact[] = [];
  for (const line of outputLines(output)) {
    const section = /^\*(\S+)$/.exec(line);
    if (section) {
      table = section[1];
      continue;
    }
    const declared = /^:(\S+) (\S+) \[(\d+):(\d+)\]$/.exec(line);
    if (declared) {
      facts.push(chainFact(form, table, declared[1]!, declared[2], declared[3], declared[4], undefined, line, true));
      continue;
    }
    const words = specWords(line);
    const counted = /^\[(\d+):(\d+)\]$/.exec(words[0] ?? '');
    if (counted) words.shift();
    const command = words[0];
    if (command === '-P' && words[1] && words[2]) {
      const c = countersOption(words);
      facts.push(chainFact(form, table, words[1], words[2], c?.[0], c?.[1], undefined, line, true));
    } else if (command === '-N' && words[1]) {
      facts.push(chainFact(form, table, words[1], undefined, undefined, undefined, undefined, line, true));
    } else if ((command === '-A' || command === '-I') && words[1]) {
      const c = counted ? [counted[1]!, counted[2]!] : countersOption(words);
      facts.push(specRule(words.slice(2), line, form, table, words[1] ?? namedChain, c));
    }
  }
  return facts;
}

/** Words of a rule spec, with the quotes of `--comment "a b"` removed. */
function specWords(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!));
}

/** `-c PACKETS BYTES` of -S -v. */
function countersOption(words: readonly string[]): [string, string] | undefined {
  const at = words.indexOf('-c');
  return at >= 0 && words[at + 1] && words[at + 2] ? [words[at + 1]!, words[at + 2]!] : undefined;
}

function specRule(words: readonly string[], text: string, form: IptablesForm, table: string | undefined, chain: string | undefined, counters: readonly string[] | undefined): IptablesRuleFact {
  let protocol = 'all';
  let protocolNegated = false;
  let target: string | undefined;
  let inInterface: InterfaceMatch | undefined;
  let outInterface: InterfaceMatch | undefined;
  let source: AddressMatch = { printed: '0.0.0.0/0', cidr: '0.0.0.0/0', negated: false };
  let destination: AddressMatch = source;
  const extras: { -readonly [K in keyof RuleExtras]: RuleExtras[K] } = {};
  let negate = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const value = words[i + 1];
    if (w === '!') {
      negate = true;
      continue;
    }
    const negated = negate;
    negate = false;
    let used = value !== undefined;
    switch (w) {
      case '-p': case '--protocol': protocol = protocolName(value ?? ''); protocolNegated = negated; break;
      case '-s': case '--source': source = { printed: value ?? '', cidr: canonicalCidr(value ?? ''), negated }; break;
      case '-d': case '--destination': destination = { printed: value ?? '', cidr: canonicalCidr(value ?? ''), negated }; break;
      case '-i': case '--in-interface': inInterface = { name: value ?? '', negated }; break;
      case '-o': case '--out-interface': outInterface = { name: value ?? '', negated }; break;
      case '-j': case '--jump': case '-g': case '--goto': target = value; break;
      case '--dport': case '--destination-port': extras.dport = portMatch(value ?? '', negated); break;
      case '--sport': case '--source-port': extras.sport = portMatch(value ?? '', negated); break;
      case '--dports': case '--destination-ports': extras.dports = (value ?? '').split(',').map((p) => portNumber(p.split(':')[0]!)).filter((p): p is number => p !== undefined); break;
      case '--ctstate': extras.ctstate = (value ?? '').split(','); break;
      case '--state': extras.state = (value ?? '').split(','); break;
      case '--dst-type': extras.dstType = value; break;
      case '--src-type': extras.srcType = value; break;
      case '--to-destination': extras.toDestination = value; break;
      case '--to-source': extras.toSource = value; break;
      case '--to-ports': extras.toPorts = value; break;
      case '--comment': extras.comment = value; break;
      case '--reject-with': extras.rejectWith = value; break;
      case '--icmp-type': extras.icmpType = value; break;
      case '--set-xmark': case '--set-mark': extras.mark = value; break;
      case '-c': i++; break;
      default: used = false;
    }
    if (used) i++;
  }
  const firstExtra = words.findIndex((w, i) => w === '-m' || (w.startsWith('--') && !['--protocol', '--source', '--destination'].includes(w) && words[i - 1] !== '-j'));
  const jumpAt = words.findIndex((w) => w === '-j' || w === '-g');
  const extraWords = [...(firstExtra >= 0 ? words.slice(firstExtra, jumpAt > firstExtra ? jumpAt : undefined) : []), ...(jumpAt >= 0 ? words.slice(jumpAt + 2) : [])].filter((w, i, all) => w !== '-c' && all[i - 1] !== '-c' && all[i - 2] !== '-c');
  const p = counters ? integer(counters[0]) : undefined;
  const b = counters ? integer(counters[1]) : undefined;
  return {
    kind: 'iptables-rule',
    form,
    table,
    chain,
    target,
    protocol,
    protocolNegated,
    inInterface,
    outInterface,
    source,
    destination,
    extras,
    extraText: extraWords.join(' '),
    packets: p,
    bytes: b,
    countersExact: true,
    lineNumber: undefined,
    text,
  };
}
