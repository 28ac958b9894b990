// What a command showed: its attribution and the facts its tool printed.
// Reading is done once per record (records never change once ended).
import type { CommandRecord } from '../api/lab.js';
import type { Fact, FactKind } from '../facts/model.js';
import { readFacts } from '../facts/read.js';
import { attribute, type Attribution } from './attribution.js';
import type { FieldDifference } from './fact-match.js';

export interface Observation {
  record: Pick<CommandRecord, 'command' | 'terminal' | 'output'>;
  attribution: Attribution;
  /** Empty unless a tool printed its own output to the screen (not counted, not typed). */
  facts: Fact[];
}

const cache = new WeakMap<object, Observation>();

/** iptables lists the filter table when the command names none. */
function withDefaultTable(fact: Fact): Fact {
  if ((fact.kind === 'iptables-rule' || fact.kind === 'iptables-chain') && fact.table === undefined) return { ...fact, table: 'filter' };
  return fact;
}

/** The interface a tcpdump command line names (`-i X`, `-ni X`, `-niX`, `--interface=X`). */
function captureInterface(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--interface=')) return arg.slice('--interface='.length);
    if (arg === '--interface') return argv[i + 1];
    const short = /^-[A-Za-z]*i(.*)$/.exec(arg);
    if (short && !arg.startsWith('--')) return short[1] || argv[i + 1];
  }
  return undefined;
}

/** Readers leave a packet's interface unknown when combined flags (`-ni docker0`) name it; the command line says it. */
function withCaptureInterface(fact: Fact, argv: readonly string[]): Fact {
  if (fact.kind !== 'packet' || fact.interface !== undefined) return fact;
  const named = captureInterface(argv);
  return named === undefined || named === 'any' ? fact : { ...fact, interface: named };
}

export function observe(record: Pick<CommandRecord, 'command' | 'terminal' | 'output'>): Observation {
  const cached = cache.get(record);
  if (cached) return cached;
  const attribution = attribute(record);
  const facts =
    attribution.kind === 'tool' && !attribution.counted
      ? readFacts(attribution.producer, record.output).map((fact) => withCaptureInterface(withDefaultTable(fact), attribution.producer.argv))
      : [];
  const observation = { record, attribution, facts };
  cache.set(record, observation);
  return observation;
}

/** The tools whose output holds each fact kind, to tell "wrong tool" from "right tool, not shown". */
const TOOLS_FOR: Record<FactKind, readonly string[]> = {
  'iptables-rule': ['iptables', 'iptables-save'],
  'iptables-chain': ['iptables', 'iptables-save'],
  packet: ['tcpdump'],
  'capture-start': ['tcpdump'],
  'capture-summary': ['tcpdump'],
  'ping-start': ['ping'],
  'ping-reply': ['ping'],
  'ping-statistics': ['ping'],
  'ping-error': ['ping'],
  'ip-address': ['ip'],
  'ip-link': ['ip'],
  'ip-route': ['ip'],
  'ip-neigh': ['ip'],
  'bridge-link': ['bridge'],
  'bridge-fdb': ['bridge'],
  'docker-container': ['docker'],
  'docker-port-mapping': ['docker'],
  'docker-network': ['docker'],
  'container-inspect': ['docker'],
  'docker-format-value': ['docker'],
  'http-response': ['curl', 'wget'],
  'connection-error': ['curl', 'wget'],
  socket: ['ss'],
  'conntrack-entry': ['conntrack'],
  sysctl: ['sysctl', 'cat'],
};

export function toolShows(tool: string, kind: FactKind): boolean {
  return TOOLS_FOR[kind].includes(tool);
}

export function toolsFor(kind: FactKind): readonly string[] {
  return TOOLS_FOR[kind];
}

/** What a kind of fact is, in words. */
const KIND_WORDS: Record<FactKind, string> = {
  'iptables-rule': 'an iptables rule',
  'iptables-chain': 'an iptables chain',
  packet: 'a captured packet',
  'capture-start': 'a capture starting',
  'capture-summary': "a capture's summary",
  'ping-start': 'a ping starting',
  'ping-reply': 'a ping reply',
  'ping-statistics': "ping's statistics",
  'ping-error': 'a ping error',
  'ip-address': 'an interface address',
  'ip-link': 'a link',
  'ip-route': 'a route',
  'ip-neigh': 'a neighbour entry',
  'bridge-link': 'a bridge port',
  'bridge-fdb': 'a forwarding database entry',
  'docker-container': 'a container',
  'docker-port-mapping': 'a published port',
  'docker-network': 'a Docker network',
  'container-inspect': "a container's settings",
  'docker-format-value': 'a value from docker --format',
  'http-response': 'an HTTP response',
  'connection-error': 'a connection error',
  socket: 'a socket',
  'conntrack-entry': 'a connection tracking entry',
  sysctl: 'a kernel setting',
};

export function kindWords(kind: FactKind): string {
  return KIND_WORDS[kind];
}

/** Field paths in words, where the last segment alone would not say it. */
const FIELD_WORDS: Record<string, string> = {
  'destination.cidr': 'destination',
  'source.cidr': 'source',
  'inInterface.name': 'input interface',
  'outInterface.name': 'output interface',
  'extras.dport.port': 'destination port',
  'extras.sport.port': 'source port',
  'extras.toDestination': 'DNAT target',
  'extras.toSource': 'SNAT address',
  'extras.ctstate': 'connection state match',
  'icmp.type': 'ICMP type',
  'arp.op': 'ARP operation',
  'arp.target': 'ARP target',
  packets: 'packet counter',
  bytes: 'byte counter',
  src: 'source address',
  dst: 'destination address',
  srcPort: 'source port',
  dstPort: 'destination port',
  tcpFlags: 'TCP flags',
  lossPercent: 'packet loss (%)',
  statusCode: 'HTTP status',
  prefixLength: 'prefix length',
  ipAddress: 'IP address',
  hostPort: 'host port',
  hostIp: 'host address',
  containerPort: 'container port',
  cidr: 'address',
  mac: 'MAC address',
  lladdr: 'MAC address',
  ttl: 'TTL',
  received: 'count of replies received',
};

export function fieldWords(path: string): string {
  return FIELD_WORDS[path] ?? FIELD_WORDS[path.split('.').at(-1)!] ?? path.split('.').at(-1)!.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The one difference that matters, as a sentence fragment after "but". */
export function differenceWords(kind: FactKind, difference: FieldDifference, observation: Observation): string {
  const { path, wanted, seen } = difference;
  const filters = observation.attribution.kind === 'tool' ? observation.attribution.filters : [];
  if (kind.startsWith('iptables') && path === 'table') return `it lists the ${seen} table, and this is in the ${wanted} table (\`-t ${wanted}\`)`;
  if (kind.startsWith('iptables') && (path === 'packets' || path === 'bytes') && seen === undefined) {
    return 'that listing has no counters: iptables prints them only with `-v` (or `iptables-save -c`)';
  }
  if (kind === 'iptables-rule' && /^(in|out)Interface\./.test(path) && seen === undefined) {
    return `that listing does not show the ${fieldWords(path)}: \`iptables -L\` prints interfaces only with \`-v\``;
  }
  if (kind === 'ping-reply' && path === 'from') return `the reply came from ${seen}, not from ${wanted}`;
  if (kind === 'packet' && path === 'interface') return `it was captured on ${seen ?? 'an interface the output does not name'}, not on ${wanted}`;
  if (seen === undefined) {
    const cut = filters.length ? ` (the \`${filters.join(' | ')}\` after it may have removed the lines that show it)` : '';
    return `its output does not show the ${fieldWords(path)}${cut}`;
  }
  return `its ${fieldWords(path)} is ${seen}, not ${wanted}`;
}

/** First printed line of a fact, for quoting. */
export function factLine(fact: Fact): string {
  const lines = fact.text.split('\n').filter((l) => l.trim() !== '');
  // ping's statistics open with a title line; the numbers are what the learner read.
  const line = (fact.kind === 'ping-statistics' ? lines.find((l) => /transmitted/.test(l)) : undefined) ?? lines[0] ?? fact.text;
  return line.trim().length > 160 ? `${line.trim().slice(0, 160)}…` : line.trim();
}
