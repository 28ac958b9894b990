// Plugs netfilter into engineer A's kernel: the NetfilterHooks slot of a
// namespace, over the kernel's Ipv4Packet objects.
import type { HookContext as KernelContext, HookResult, Hook, NetfilterHooks } from '../net/hooks.js';
import type { NetNamespace } from '../net/namespace.js';
import { intToIp, ipToInt } from '../wire/addr.js';
import { decodeIpv4 } from '../wire/decode.js';
import { clonePacket, ipTotalLength, type Ipv4Packet } from '../wire/packet.js';
import { Netfilter } from './netfilter.js';
import type { HookContext, PacketAdapter, PacketView, Rewrite, TraceStep } from './types.js';

function viewOf(p: Ipv4Packet, withEmbedded: boolean): PacketView {
  const view: PacketView = { src: ipToInt(p.src), dst: ipToInt(p.dst), proto: p.protocol, length: ipTotalLength(p) };
  const pl = p.payload;
  if (pl.kind === 'tcp') {
    view.sport = pl.srcPort;
    view.dport = pl.dstPort;
    view.tcpFlags = { syn: !!pl.flags.syn, ack: !!pl.flags.ack, fin: !!pl.flags.fin, rst: !!pl.flags.rst };
  } else if (pl.kind === 'udp') {
    view.sport = pl.srcPort;
    view.dport = pl.dstPort;
  } else if (pl.kind === 'icmp') {
    view.icmpType = pl.type;
    view.icmpCode = pl.code;
    view.icmpId = pl.id;
    if (withEmbedded && (pl.type === 3 || pl.type === 11)) {
      const inner = decodeIpv4(pl.data);
      if (inner) view.embedded = viewOf(inner, false);
    }
  }
  return view;
}

export const ipv4Adapter: PacketAdapter<Ipv4Packet> = {
  // The kernel copies the header (TTL) but keeps the payload object across hooks.
  identity: (p) => p.payload,
  view: (p) => viewOf(p, true),
  rewrite(p: Ipv4Packet, change: Rewrite): Ipv4Packet {
    const c = clonePacket(p);
    if (change.src !== undefined) c.src = intToIp(change.src);
    if (change.dst !== undefined) c.dst = intToIp(change.dst);
    const pl = c.payload;
    if (pl.kind === 'tcp' || pl.kind === 'udp') {
      if (change.sport !== undefined) pl.srcPort = change.sport;
      if (change.dport !== undefined) pl.dstPort = change.dport;
    }
    return c;
  },
};

/** A namespace's netfilter as the kernel calls it. */
export class KernelNetfilter implements NetfilterHooks {
  readonly nf = new Netfilter<Ipv4Packet>(ipv4Adapter);
  /** Kernel log lines from the LOG target (dmesg), newest last. */
  readonly log: string[] = [];

  /** One context object reused for every call (the kernel never re-enters a namespace's netfilter). */
  private kernel!: KernelContext;
  private readonly ctx: HookContext = {
    now: 0,
    isLocalAddress: (ip) => this.kernel.isLocalAddress(intToIp(ip)),
    primaryAddress: (iface) => {
      const ip = this.kernel.primaryAddress(iface);
      return ip === undefined ? undefined : ipToInt(ip);
    },
    log: (line) => {
      this.log.push(line);
      if (this.log.length > 1000) this.log.shift();
    },
  };
  private readonly trace = (s: TraceStep) => this.kernel.record(traceHop(s, this.kernel.inIface ?? this.kernel.outIface));

  run(hook: Hook, packet: Ipv4Packet, k: KernelContext): HookResult {
    this.kernel = k;
    const ctx = this.ctx;
    ctx.inIface = k.inIface;
    ctx.outIface = k.outIface;
    ctx.now = k.now;
    ctx.trace = k.ns.world.paths.enabled ? this.trace : undefined;
    return this.nf.run(hook, packet, ctx);
  }
}

function traceHop(s: TraceStep, iface: string | undefined) {
  return {
    iface,
    event: 'hook',
    hook: s.hook,
    table: s.table,
    chain: s.chain,
    rule: s.rule || undefined,
    ruleText: s.ruleText,
    verdict: s.target,
    nat: s.rewrite,
  };
}

/** The namespace's netfilter, installed on first use (a fresh namespace has none). */
export function netfilterOf(ns: NetNamespace): Netfilter<Ipv4Packet> {
  if (!(ns.netfilter instanceof KernelNetfilter)) ns.netfilter = new KernelNetfilter();
  return (ns.netfilter as KernelNetfilter).nf;
}
