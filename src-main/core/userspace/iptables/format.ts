// Listings byte for byte as iptables 1.8.7 (legacy) prints them:
// `-L` with -v/-n/-x/--line-numbers, `-S`, and iptables-save.
import { maskToPrefix, numberToIp } from '../../sim/netfilter/addr.js';
import type { AddressMatch, IfaceMatch, Rule } from '../../sim/netfilter/rule.js';
import { targetName } from '../../sim/netfilter/rule.js';
import type { Chain, Table } from '../../sim/netfilter/ruleset.js';
import { PROTO_ICMP, PROTO_TCP, PROTO_UDP } from '../../sim/netfilter/types.js';

export interface ListOptions {
  verbose?: boolean;
  numeric?: boolean;
  exact?: boolean;
  lineNumbers?: boolean;
}

const PROTO_NAMES: Record<number, string> = {
  0: 'all',
  [PROTO_ICMP]: 'icmp',
  [PROTO_TCP]: 'tcp',
  [PROTO_UDP]: 'udp',
  47: 'gre',
  50: 'esp',
  51: 'ah',
  132: 'sctp',
};

export function protoName(proto: number): string | undefined {
  return PROTO_NAMES[proto];
}

const pad = (text: string, width: number) => text.padEnd(width);
const lpad = (text: string, width: number) => text.padStart(width);

/** xtables_print_num: counters shortened to K/M/G/T unless -x. */
export function formatCount(n: number, exact: boolean): string {
  if (exact) return `${lpad(String(n), 8)} `;
  if (n <= 99999) return `${lpad(String(n), 5)} `;
  let v = n;
  for (const unit of ['K', 'M', 'G']) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999) return `${lpad(String(v), 4)}${unit} `;
  }
  v = Math.floor((v + 500) / 1000);
  return `${lpad(String(v), 4)}T `;
}

function countText(n: number, exact: boolean): string {
  // The chain header prints counters without padding.
  if (exact || n <= 99999) return `${n} `;
  return formatCount(n, false).trimStart();
}

function addressText(a: AddressMatch | undefined, numeric: boolean): string {
  const mask = a?.mask ?? 0;
  if (mask === 0 && !numeric) return 'anywhere';
  const prefix = maskToPrefix(mask);
  const suffix = prefix === 32 ? '' : `/${prefix ?? numberToIp(mask)}`;
  return `${numberToIp(a?.addr ?? 0)}${suffix}`;
}

function ifaceText(i: IfaceMatch | undefined, numeric: boolean): string {
  if (!i) return numeric ? '*' : 'any';
  return `${i.invert ? '!' : ''}${i.name}`;
}

function chainHeader(table: Table, chain: Chain, o: ListOptions): string {
  if (!chain.builtin) return `Chain ${chain.name} (${table.references(chain.name)} references)\n`;
  if (!o.verbose) return `Chain ${chain.name} (policy ${chain.policy})\n`;
  const exact = !!o.exact;
  return `Chain ${chain.name} (policy ${chain.policy} ${countText(chain.packets, exact)}packets, ${countText(chain.bytes, exact)}bytes)\n`;
}

function columnHeader(o: ListOptions): string {
  let line = o.lineNumbers ? 'num  ' : '';
  if (o.verbose) line += o.exact ? `${lpad('pkts', 8)} ${lpad('bytes', 10)} ` : ' pkts bytes ';
  line += 'target     prot opt';
  if (o.verbose) line += ' in     out    ';
  line += ' source               destination         ';
  return line + '\n';
}

function ruleLine(rule: Rule, num: number, o: ListOptions): string {
  const numeric = !!o.numeric;
  let line = o.lineNumbers ? `${pad(String(num), 4)} ` : '';
  if (o.verbose) line += formatCount(rule.packets, !!o.exact) + formatCount(rule.bytes, !!o.exact);
  line += `${pad(targetName(rule.target), 9)} `;
  line += rule.protoInvert ? '!' : ' ';
  line += pad(protoName(rule.proto) ?? String(rule.proto), 5);
  line += '-- ';
  if (o.verbose) line += ` ${pad(ifaceText(rule.inIface, numeric), 6)} ${pad(ifaceText(rule.outIface, numeric), 6)} `;
  line += `${rule.src?.invert ? '!' : ' '}${pad(addressText(rule.src, numeric), 19)} `;
  line += `${rule.dst?.invert ? '!' : ' '}${pad(addressText(rule.dst, numeric), 19)} `;
  if (rule.target.kind === 'chain' && rule.target.goto) line += '[goto] ';
  for (const m of rule.matches) line += m.print(numeric);
  if (rule.target.kind === 'extension') line += rule.target.target.print(numeric);
  return line + '\n';
}

/** `iptables -L [chain]`. */
export function listTable(table: Table, o: ListOptions, only?: Chain): string {
  const chains = only ? [only] : table.orderedChains();
  return chains
    .map((chain) => {
      let text = chainHeader(table, chain, o) + columnHeader(o);
      chain.rules.forEach((rule, i) => (text += ruleLine(rule, i + 1, o)));
      return text;
    })
    .join('\n');
}

function saveAddress(flag: string, a: AddressMatch | undefined): string {
  if (!a) return '';
  const prefix = maskToPrefix(a.mask);
  return `${a.invert ? ' !' : ''} ${flag} ${numberToIp(a.addr)}/${prefix ?? numberToIp(a.mask)}`;
}

function saveIface(flag: string, i: IfaceMatch | undefined): string {
  return i ? `${i.invert ? ' !' : ''} ${flag} ${i.name}` : '';
}

/** One rule as `-S` and iptables-save write it, without the leading `-A CHAIN`. */
export function ruleSpec(rule: Rule): string {
  let text = saveAddress('-s', rule.src) + saveAddress('-d', rule.dst);
  text += saveIface('-i', rule.inIface) + saveIface('-o', rule.outIface);
  if (rule.proto !== 0) text += `${rule.protoInvert ? ' !' : ''} -p ${protoName(rule.proto) ?? rule.proto}`;
  for (const m of rule.matches) text += ` -m ${m.name}${m.save()}`;
  const t = rule.target;
  if (t.kind === 'chain') text += ` ${t.goto ? '-g' : '-j'} ${t.name}`;
  else if (t.kind === 'standard') text += ` -j ${t.name}`;
  else if (t.kind === 'extension') text += ` -j ${t.target.name}${t.target.save()}`;
  return text;
}

/** `iptables -S [chain]`; with -v the rules carry `-c PKTS BYTES`. */
export function specTable(table: Table, only?: Chain, verbose = false): string {
  const chains = only ? [only] : table.orderedChains();
  let text = '';
  for (const chain of chains) {
    if (chain.builtin) text += `-P ${chain.name} ${chain.policy}${verbose ? ` -c ${chain.packets} ${chain.bytes}` : ''}\n`;
    else text += `-N ${chain.name}\n`;
  }
  for (const chain of chains) {
    for (const rule of chain.rules) {
      text += `-A ${chain.name}${ruleSpec(rule)}${verbose ? ` -c ${rule.packets} ${rule.bytes}` : ''}\n`;
    }
  }
  return text;
}

/** iptables-save's date: `Thu Nov 26 09:30:00 2026` (UTC). */
export function saveDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${lpad(String(d.getUTCDate()), 2)} ${time} ${d.getUTCFullYear()}`;
}

/** iptables-save for the given tables; `counters` is `-c`. */
export function saveTables(tables: Table[], dateMs: number, counters = false): string {
  const date = saveDate(dateMs);
  let text = '';
  for (const table of tables) {
    text += `# Generated by iptables-save v1.8.7 on ${date}\n*${table.name}\n`;
    const chains = table.orderedChains();
    for (const chain of chains) {
      const policy = chain.builtin ? chain.policy : '-';
      // Policy counters are printed with or without -c; -c adds the rules' counters.
      const c = chain.builtin ? `[${chain.packets}:${chain.bytes}]` : '[0:0]';
      text += `:${chain.name} ${policy} ${c}\n`;
    }
    for (const chain of chains) {
      for (const rule of chain.rules) {
        text += `${counters ? `[${rule.packets}:${rule.bytes}] ` : ''}-A ${chain.name}${ruleSpec(rule)}\n`;
      }
    }
    text += `COMMIT\n# Completed on ${date}\n`;
  }
  return text;
}

// cspell:words lpad pkts xtables
