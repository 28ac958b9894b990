// One namespace's netfilter: the kernel calls `run(hook, packet, ctx)` at each
// hook; tables are traversed in the kernel's priority order (raw, conntrack,
// mangle, nat DNAT, filter, nat SNAT, conntrack confirm), counters move, and
// conntrack applies NAT bindings so only a connection's first packet reaches
// the nat table and replies are un-NATed.
import { HOOK_STAGES, HOOKS_IN_ORDER } from '../../base/packet-path.js';
import { numberToIp } from './addr.js';
import { ConntrackTable, invert, packetTuple, tupleKey, type ConnInfo, type Connection, type ConntrackOptions } from './conntrack.js';
import { ruleMatches, targetName, type EvalContext, type Rule, type TargetResult } from './rule.js';
import { BUILTIN_CHAINS, Table } from './ruleset.js';
import { PROTO_ICMP, PROTO_TCP, type Hook, type HookContext, type PacketAdapter, type PacketView, type Rewrite, type TableName, type Verdict } from './types.js';

/** One rule or policy decision, for the packet-trace view. */
export interface TraceStep {
  hook: Hook;
  table: TableName;
  chain: string;
  /** 1-based rule number; 0 for the chain's policy. */
  rule: number;
  /** ACCEPT, DROP, DNAT, a user chain's name, ... */
  target: string;
  /** The rule that matched (absent for a policy). */
  matchedRule?: Rule;
  /** Set for NAT: the packet after the rewrite, as `src:sport > dst:dport`. */
  rewrite?: string;
}

/** The hook context netfilter runs with: the kernel's, and while tracing, where decisions go. */
export interface NetfilterContext extends HookContext {
  trace?(step: TraceStep): void;
}

export interface HookResult<P> {
  verdict: Verdict;
  packet: P;
  /** For `reject`: `--reject-with`'s type. */
  rejectWith?: string;
}

type ChainOutcome = { verdict: Verdict; rejectWith?: string } | { nat: { manip: 'src' | 'dst'; rewrite: Rewrite } } | undefined;

// Each hook walks the course's packet-path model: tables and conntrack's
// classification in priority order, confirmation after the last table.
const walked = (hook: Hook) => HOOK_STAGES[hook].filter((stage): stage is TableName | 'conntrack' => stage !== 'confirm');
const HOOK_ORDER: Record<Hook, readonly (TableName | 'conntrack')[]> = {
  PREROUTING: walked('PREROUTING'),
  INPUT: walked('INPUT'),
  FORWARD: walked('FORWARD'),
  OUTPUT: walked('OUTPUT'),
  POSTROUTING: walked('POSTROUTING'),
};
const DST_MANIP_HOOKS = new Set<Hook>(['PREROUTING', 'OUTPUT']);
const CONFIRM_HOOKS = new Set<Hook>(HOOKS_IN_ORDER.filter((hook) => HOOK_STAGES[hook].includes('confirm')));
const MAX_CALL_DEPTH = 64;

export class Netfilter<P extends object> {
  private readonly tables = new Map<TableName, Table>();
  readonly conntrack: ConntrackTable;
  /** Whether conntrack runs in this namespace (as in Linux: once NAT or a state match needs it). */
  tracking = false;
  /**
   * The packet's connection rides on the packet itself, as skb->_nfct does
   * (far cheaper than a WeakMap); one symbol per namespace so a packet that
   * moves on to another namespace is classified afresh there.
   */
  private readonly connSlot = Symbol('nf_conntrack');
  /**
   * A new connection whose packet was just REJECTed, and that packet's tuple:
   * the kernel attaches the connection to the ICMP error or TCP reset it
   * answers with (nf_ct_attach), so NAT is undone on the answer although the
   * connection never reached the table. Kept for the next hook call only.
   */
  private rejected: { info: ConnInfo; key: string } | undefined;
  /** Reused for every traversal (netfilter never re-enters itself). */
  private readonly evalCtx: EvalContext = {
    table: 'filter',
    conn: undefined,
    now: 0,
    isLocalAddress: () => false,
    primaryAddress: () => undefined,
  };

  constructor(
    private readonly adapter: PacketAdapter<P>,
    options: ConntrackOptions = {},
  ) {
    this.conntrack = new ConntrackTable(options);
  }

  private connOf(carrier: object): ConnInfo | undefined {
    return (carrier as Record<symbol, ConnInfo | undefined>)[this.connSlot];
  }

  private setConn(carrier: object, info: ConnInfo | undefined): void {
    (carrier as Record<symbol, ConnInfo | undefined>)[this.connSlot] = info;
  }

  /** The table, created with its built-in chains on first use (as ip_tables loads a table module). */
  table(name: TableName): Table {
    let table = this.tables.get(name);
    if (!table) {
      table = new Table(name);
      this.tables.set(name, table);
      if (name === 'nat') this.tracking = true;
    }
    return table;
  }

  /**
   * Tables that exist, in the order iptables-save prints them: the kernel adds
   * each table at the head of its list when first used, so the newest comes first.
   */
  existingTables(): Table[] {
    return [...this.tables.values()].reverse();
  }

  /** Called when a rule needing connection state is added. */
  enableTracking(): void {
    this.tracking = true;
  }

  run(hook: Hook, packet: P, ctx: NetfilterContext): HookResult<P> {
    let view = this.adapter.view(packet);
    let info = this.connOf(this.adapter.identity(packet));
    const rejected = this.rejected;
    this.rejected = undefined;
    for (const step of HOOK_ORDER[hook]) {
      if (step === 'conntrack') {
        // Entry points classify afresh: a packet looped back through lo finds its confirmed entry.
        if (this.tracking) {
          info = (rejected && answerTo(rejected, view)) ?? this.conntrack.classify(view, ctx.now);
          if (info) this.setConn(this.adapter.identity(packet), info);
        }
        continue;
      }
      const table = this.tables.get(step);
      if (step === 'nat') {
        if (!info) continue;
        const manip = DST_MANIP_HOOKS.has(hook) ? 'dst' : 'src';
        const conn = info.conn;
        if (table && !conn.confirmed && info.dir === 'orig' && !conn.natDecided[manip]) {
          conn.natDecided[manip] = true;
          const outcome = this.traverse(table, hook, view, ctx, info);
          if (outcome && 'verdict' in outcome && outcome.verdict !== 'accept') return this.drop(packet, view, info, outcome);
          if (outcome && 'nat' in outcome) this.bind(conn, outcome.nat.manip, outcome.nat.rewrite, ctx.now);
        }
        const change = natRewrite(info, manip, view);
        if (change) {
          const rewritten = this.adapter.rewrite(packet, change);
          this.setConn(this.adapter.identity(rewritten), info);
          packet = rewritten;
          view = this.adapter.view(packet);
          ctx.trace?.({ hook, table: 'nat', chain: hook, rule: 0, target: 'conntrack', rewrite: describe(view) });
        }
        continue;
      }
      if (!table || !BUILTIN_CHAINS[step].includes(hook)) continue;
      const outcome = this.traverse(table, hook, view, ctx, info);
      if (outcome && 'verdict' in outcome && outcome.verdict !== 'accept') return this.drop(packet, view, info, outcome);
    }
    // Only the original direction confirms (a reply-direction answer to a rejected packet must not).
    if (CONFIRM_HOOKS.has(hook) && info && !info.conn.confirmed && info.dir === 'orig') {
      if (!this.conntrack.confirm(info.conn, ctx.now)) return this.drop(packet, view, info, { verdict: 'drop' });
    }
    return { verdict: 'accept', packet };
  }

  private drop(packet: P, view: PacketView, info: ConnInfo | undefined, outcome: { verdict: Verdict; rejectWith?: string }): HookResult<P> {
    if (info && !info.conn.confirmed) {
      this.setConn(this.adapter.identity(packet), undefined);
      const tuple = packetTuple(view);
      if (outcome.verdict === 'reject' && tuple) this.rejected = { info, key: tupleKey(tuple) };
    }
    return outcome.rejectWith ? { verdict: outcome.verdict, packet, rejectWith: outcome.rejectWith } : { verdict: outcome.verdict, packet };
  }

  // NAT chooses the reply tuple; a source port already used by another
  // connection's reply moves up, as the kernel's unique-tuple search does.
  private bind(conn: Connection, manip: 'src' | 'dst', rewrite: Rewrite, now: number): void {
    const icmp = conn.orig.proto === PROTO_ICMP;
    if (manip === 'dst') {
      if (rewrite.dst !== undefined) conn.reply.src = rewrite.dst;
      if (rewrite.dport !== undefined && !icmp) conn.reply.sport = rewrite.dport;
      return;
    }
    if (rewrite.src !== undefined) conn.reply.dst = rewrite.src;
    if (rewrite.sport !== undefined && !icmp) conn.reply.dport = rewrite.sport;
    while (this.conntrack.replyTaken(conn.reply, now)) {
      if (icmp) conn.reply.sport = (conn.reply.sport + 1) & 0xffff;
      else conn.reply.dport = conn.reply.dport >= 65535 ? 1024 : conn.reply.dport + 1;
    }
  }

  /** Walks a hook's built-in chain with jumps, gotos and returns; counters and trace as it goes. */
  private traverse(table: Table, hook: Hook, p: PacketView, hookCtx: NetfilterContext, conn: ConnInfo | undefined): ChainOutcome {
    const ctx = this.evalCtx;
    ctx.table = table.name;
    ctx.conn = conn;
    ctx.inIface = hookCtx.inIface;
    ctx.outIface = hookCtx.outIface;
    ctx.now = hookCtx.now;
    ctx.isLocalAddress = hookCtx.isLocalAddress;
    ctx.primaryAddress = hookCtx.primaryAddress;
    ctx.log = hookCtx.log;
    const stack: { rules: Rule[]; chain: string; index: number }[] = [];
    const chain = table.chains.get(hook)!;
    let rules = chain.rules;
    let chainName = chain.name;
    let index = 0;
    for (;;) {
      if (index >= rules.length) {
        const back = stack.pop();
        if (back) {
          ({ rules, chain: chainName, index } = back);
          continue;
        }
        // The packet takes the policy (x_tables' underflow rule), whose counters move as a rule's do.
        chain.packets++;
        chain.bytes += p.length;
        hookCtx.trace?.({ hook, table: table.name, chain: chain.name, rule: 0, target: chain.policy });
        return { verdict: chain.policy === 'ACCEPT' ? 'accept' : 'drop' };
      }
      const rule = rules[index++];
      if (!ruleMatches(rule, p, ctx)) continue;
      rule.packets++;
      rule.bytes += p.length;
      hookCtx.trace?.({ hook, table: table.name, chain: chainName, rule: index, target: targetName(rule.target), matchedRule: rule });
      const target = rule.target;
      if (target.kind === 'none') continue;
      if (target.kind === 'standard') {
        if (target.name === 'ACCEPT') return { verdict: 'accept' };
        if (target.name === 'DROP') return { verdict: 'drop' };
        const back = stack.pop();
        if (!back) {
          index = rules.length;
          continue;
        }
        ({ rules, chain: chainName, index } = back);
        continue;
      }
      if (target.kind === 'chain') {
        const next = table.chains.get(target.name);
        if (!next || stack.length >= MAX_CALL_DEPTH) return { verdict: 'drop' };
        if (!target.goto) stack.push({ rules, chain: chainName, index });
        rules = next.rules;
        chainName = next.name;
        index = 0;
        continue;
      }
      const result: TargetResult = target.target.apply(p, ctx);
      if (result.kind === 'continue') continue;
      if (result.kind === 'verdict') return { verdict: result.verdict, rejectWith: result.rejectWith };
      return { nat: { manip: result.manip, rewrite: result.rewrite } };
    }
  }
}

/** What the connection's NAT binding does to this packet at a hook of the given manipulation type. */
function natRewrite(info: ConnInfo, manip: 'src' | 'dst', p: PacketView): Rewrite | undefined {
  const { conn, dir } = info;
  // As nf_nat_packet: a hook rewrites only what the binding changed for this direction
  // (the reply direction undoes source NAT at the destination hooks and vice versa).
  const bound = natKinds(conn);
  if (!bound[dir === 'orig' ? manip : manip === 'src' ? 'dst' : 'src']) return undefined;
  const icmp = conn.orig.proto === PROTO_ICMP;
  // The packet should look like the other direction's tuple inverted.
  const other = dir === 'orig' ? conn.reply : conn.orig;
  const change: Rewrite = {};
  if (manip === 'src') {
    if (other.dst !== p.src) change.src = other.dst;
    if (!icmp && p.sport !== undefined && other.dport !== p.sport) change.sport = other.dport;
  } else {
    if (other.src !== p.dst) change.dst = other.src;
    if (!icmp && p.dport !== undefined && other.sport !== p.dport) change.dport = other.sport;
  }
  // An ICMP error's quoted header travelled the other way: it gets the opposite
  // manipulation, towards the other direction's tuple (nf_nat_icmp_reply_translation).
  const inner = info.state === 'RELATED' ? p.embedded : undefined;
  if (inner) {
    const fix: Rewrite = {};
    if (manip === 'dst') {
      if (inner.src !== other.src) fix.src = other.src;
      if (!icmp && inner.sport !== undefined && inner.sport !== other.sport) fix.sport = other.sport;
    } else {
      if (inner.dst !== other.dst) fix.dst = other.dst;
      if (!icmp && inner.dport !== undefined && inner.dport !== other.dport) fix.dport = other.dport;
    }
    if (Object.keys(fix).length > 0) change.embedded = fix;
  }
  return Object.keys(change).length > 0 ? change : undefined;
}

/** Which manipulations the binding makes (the kernel's IPS_SRC_NAT / IPS_DST_NAT status bits). */
function natKinds(conn: Connection): { src: boolean; dst: boolean } {
  const { orig, reply } = conn;
  // ICMP echo ids sit in sport both ways; other protocols swap the ports.
  const icmp = orig.proto === PROTO_ICMP;
  const src = reply.dst !== orig.src || (icmp ? reply.sport !== orig.sport : reply.dport !== orig.sport);
  const dst = reply.src !== orig.dst || (!icmp && reply.sport !== orig.dport);
  return { src, dst };
}

/**
 * The rejected connection, in the other direction and RELATED, when `p` is the
 * answer to the rejected packet: an ICMP error quoting it or a TCP reset back.
 */
function answerTo(rejected: { info: ConnInfo; key: string }, p: PacketView): ConnInfo | undefined {
  const quoted = p.proto === PROTO_ICMP && p.embedded ? packetTuple(p.embedded) : undefined;
  const reset = p.proto === PROTO_TCP && p.tcpFlags?.rst ? packetTuple(p) : undefined;
  const answers = (quoted && tupleKey(quoted) === rejected.key) || (reset && tupleKey(invert(reset)) === rejected.key);
  if (!answers) return undefined;
  return { conn: rejected.info.conn, dir: rejected.info.dir === 'orig' ? 'reply' : 'orig', state: 'RELATED' };
}

function describe(p: PacketView): string {
  const port = (n: number | undefined) => (n === undefined ? '' : `:${n}`);
  return `${numberToIp(p.src)}${port(p.sport)} > ${numberToIp(p.dst)}${port(p.dport)}`;
}


// cspell:words MANIP gotos manip nfct
