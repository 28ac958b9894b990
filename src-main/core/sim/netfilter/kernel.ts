// Plugs netfilter into the kernel's IPv4 layer: a namespace's NetfilterHooks,
// over the kernel's Ipv4Packet objects.
import type { HookContext as KernelContext, HookResult, Hook, NetfilterHooks } from '../net/hooks.js';
import type { NetNamespace } from '../net/namespace.js';
import { intToIp, ipToInt } from '../wire/addr.js';
import { internetChecksum } from '../wire/encode.js';
import { clonePacket, ipTotalLength, type Ipv4Packet } from '../wire/packet.js';
import { Netfilter, type NetfilterContext, type TraceStep } from './netfilter.js';
import type { PacketAdapter, PacketView, Rewrite } from './types.js';

const u16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u32 = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

/** The header an ICMP error quotes (IP header + 8 bytes), read straight from its bytes. */
function quotedView(b: Uint8Array): PacketView | undefined {
  if (b.length < 20 || b[0] >> 4 !== 4) return undefined;
  const ihl = (b[0] & 15) * 4;
  const view: PacketView = { src: u32(b, 12), dst: u32(b, 16), proto: b[9], length: u16(b, 2) };
  if (b.length >= ihl + 4 && (view.proto === 6 || view.proto === 17)) {
    view.sport = u16(b, ihl);
    view.dport = u16(b, ihl + 2);
  } else if (b.length >= ihl + 8 && view.proto === 1) {
    view.icmpType = b[ihl];
    view.icmpCode = b[ihl + 1];
    view.icmpId = u16(b, ihl + 4);
  }
  return view;
}

/** Rewrites the quoted header's addresses and ports, with a fresh IP header checksum. */
function rewriteQuoted(data: Uint8Array, change: Rewrite): Uint8Array {
  const b = data.slice();
  const ihl = (b[0] & 15) * 4;
  const put32 = (at: number, v: number) => b.set([v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255], at);
  const put16 = (at: number, v: number) => b.set([v >>> 8, v & 255], at);
  if (change.src !== undefined) put32(12, change.src);
  if (change.dst !== undefined) put32(16, change.dst);
  if (change.sport !== undefined && b.length >= ihl + 2) put16(ihl, change.sport);
  if (change.dport !== undefined && b.length >= ihl + 4) put16(ihl + 2, change.dport);
  put16(10, 0);
  put16(10, internetChecksum(b, 0, ihl));
  return b;
}

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
    if (withEmbedded && (pl.type === 3 || pl.type === 11)) view.embedded = quotedView(pl.data);
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
    if (pl.kind === 'icmp' && change.embedded) pl.data = rewriteQuoted(pl.data, change.embedded);
    return c;
  },
};

/** A namespace's netfilter as the kernel calls it. */
export class KernelNetfilter implements NetfilterHooks {
  readonly nf: Netfilter<Ipv4Packet>;
  /** Kernel log lines from the LOG target (dmesg), newest last. */
  readonly log: string[] = [];

  /** One context object reused for every call (the kernel never re-enters a namespace's netfilter). */
  private kernel!: KernelContext;
  private readonly ctx: NetfilterContext = {
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

  constructor(ns: NetNamespace) {
    this.nf = new Netfilter<Ipv4Packet>(ipv4Adapter, { setting: (key) => ns.sysctl.get(key) });
  }

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
    matchedRule: s.matchedRule,
    verdict: s.target,
    nat: s.rewrite,
  };
}

/** The namespace's netfilter, installed on first use (a fresh namespace has none). */
export function netfilterOf(ns: NetNamespace): Netfilter<Ipv4Packet> {
  if (!(ns.netfilter instanceof KernelNetfilter)) ns.netfilter = new KernelNetfilter(ns);
  return (ns.netfilter as KernelNetfilter).nf;
}
