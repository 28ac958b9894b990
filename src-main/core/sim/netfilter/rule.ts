// The rule model: the IP header part every rule has (protocol, addresses,
// interfaces, each negatable), extension matches, one target, counters.
import type { HookContext, PacketView, Rewrite, TableName } from './types.js';
import type { ConnInfo } from './conntrack.js';

/** What a match or target sees besides the packet. */
export interface EvalContext extends HookContext {
  table: TableName;
  conn?: ConnInfo;
}

export interface Match {
  /** Module name as `-m NAME` saves it. */
  readonly name: string;
  test(packet: PacketView, ctx: EvalContext): boolean;
  /** Text after the addresses in `iptables -L` (leading space included). */
  print(numeric: boolean): string;
  /** Options as `iptables -S` prints them after `-m NAME` (leading space included). */
  save(): string;
}

export type TargetResult =
  | { kind: 'verdict'; verdict: 'accept' | 'drop' | 'reject'; rejectWith?: string }
  | { kind: 'continue' }
  | { kind: 'nat'; manip: 'src' | 'dst'; rewrite: Rewrite };

export interface ExtensionTarget {
  readonly name: string;
  /** Tables the target may be used in (iptables refuses others). */
  readonly tables?: readonly TableName[];
  apply(packet: PacketView, ctx: EvalContext): TargetResult;
  print(numeric: boolean): string;
  save(): string;
}

export type Target =
  | { kind: 'standard'; name: 'ACCEPT' | 'DROP' | 'RETURN' }
  | { kind: 'chain'; name: string; goto: boolean }
  | { kind: 'extension'; target: ExtensionTarget }
  | { kind: 'none' };

export interface AddressMatch {
  addr: number;
  mask: number;
  invert: boolean;
}

export interface IfaceMatch {
  name: string;
  invert: boolean;
}

export interface Rule {
  proto: number;
  protoInvert: boolean;
  src?: AddressMatch;
  dst?: AddressMatch;
  inIface?: IfaceMatch;
  outIface?: IfaceMatch;
  matches: Match[];
  target: Target;
  packets: number;
  bytes: number;
}

export function targetName(target: Target): string {
  switch (target.kind) {
    case 'standard':
    case 'chain':
      return target.name;
    case 'extension':
      return target.target.name;
    case 'none':
      return '';
  }
}

/** Linux's interface match: exact name, or a prefix when the rule's name ends in `+`. */
export function ifaceMatches(rule: IfaceMatch, actual: string | undefined): boolean {
  const name = actual ?? '';
  const hit = rule.name.endsWith('+') ? name.startsWith(rule.name.slice(0, -1)) : name === rule.name;
  return hit !== rule.invert;
}

export function ruleMatches(rule: Rule, packet: PacketView, ctx: EvalContext): boolean {
  if (rule.proto !== 0 && (packet.proto === rule.proto) === rule.protoInvert) return false;
  if (rule.src && ((packet.src & rule.src.mask) >>> 0 === rule.src.addr) === rule.src.invert) return false;
  if (rule.dst && ((packet.dst & rule.dst.mask) >>> 0 === rule.dst.addr) === rule.dst.invert) return false;
  if (rule.inIface && !ifaceMatches(rule.inIface, ctx.inIface)) return false;
  if (rule.outIface && !ifaceMatches(rule.outIface, ctx.outIface)) return false;
  for (const m of rule.matches) if (!m.test(packet, ctx)) return false;
  return true;
}

// cspell:words manip
