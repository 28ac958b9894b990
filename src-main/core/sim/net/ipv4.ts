// The IPv4 pipeline of one namespace, in Linux's order:
//   receive: PREROUTING -> route -> INPUT -> local delivery
//                                 \-> forward (ip_forward, TTL) -> FORWARD -> POSTROUTING -> ARP -> out
//   send:    route -> OUTPUT -> (reroute after DNAT) -> POSTROUTING -> ARP -> out
// plus ARP replies, ICMP echo replies and ICMP errors.
import { BROADCAST_MAC, ZERO_MAC, isMulticastMac, ipToInt, type Ipv4, type Mac } from '../wire/addr.js';
import {
  type ArpPacket,
  type EthernetFrame,
  type Ipv4Packet,
  ETH_P_ARP,
  ETH_P_IP,
  ICMP_DEST_UNREACH,
  ICMP_ECHO_REPLY,
  ICMP_ECHO_REQUEST,
  ICMP_HOST_UNREACH,
  ICMP_NET_UNREACH,
  ICMP_PORT_UNREACH,
  ICMP_ADMIN_PROHIBITED,
  ICMP_TIME_EXCEEDED,
  ICMP_FRAG_NEEDED,
  ipv4,
  ipTotalLength,
} from '../wire/packet.js';
import { encodeIpv4 } from '../wire/encode.js';
import { decodeIpv4 } from '../wire/decode.js';
import type { NetDevice } from '../link/device.js';
import type { FrameDispatcher } from '../link/dispatcher.js';
import type { PacketPath } from '../trace/path.js';
import type { Hook, HookContext, HookResult, IcmpErrorReport } from './hooks.js';
import type { NetNamespace } from './namespace.js';
import type { Route } from './routes.js';
import { tcpResetFor } from './closed-ports.js';
import { Reassembler, fragment } from './fragments.js';

export type RouteDecision =
  | { kind: 'local'; dev: NetDevice }
  | { kind: 'unicast'; dev: NetDevice; nextHop: Ipv4; src?: Ipv4; route: Route }
  | { kind: 'unreachable' };

/** Why a local send failed at once, as the socket call reports it. */
export type SendResult = 'ok' | 'ENETUNREACH' | 'EPERM';

/** A raw ICMP socket (what ping opens): sees every ICMP message delivered locally. */
export type IcmpListener = (packet: Ipv4Packet, error?: IcmpErrorReport) => void;

function ignoreStep(): void {}

/** Time a kernel takes to answer an echo request (tcpdump on a real docker0 shows 35-60 µs). */
export const ECHO_REPLY_DELAY_MS = 0.035;

/** One namespace's IPv4 and ARP; as its `FrameDispatcher` it takes the frames the namespace's devices receive. */
export class Ipv4Stack implements FrameDispatcher {
  private nextId: number;
  private readonly icmpListeners = new Set<IcmpListener>();
  private readonly reassembler = new Reassembler();

  constructor(private readonly ns: NetNamespace) {
    this.nextId = Math.floor(ns.world.random() * 0xffff);
  }

  /** Fresh IP identification value. */
  allocateId(): number {
    this.nextId = (this.nextId + 1) & 0xffff;
    return this.nextId;
  }

  openIcmpSocket(listener: IcmpListener): { close(): void } {
    this.icmpListeners.add(listener);
    return { close: () => this.icmpListeners.delete(listener) };
  }

  /** Route lookup as `ip route get` does it. */
  route(dst: Ipv4): RouteDecision {
    const ns = this.ns;
    if (ns.isLocalAddress(dst) || dst === '255.255.255.255') {
      const lo = ns.loopback;
      if (lo?.running) return { kind: 'local', dev: lo };
    }
    // A subnet's broadcast address leaves through that subnet's device, to every host on it.
    if (ns.isBroadcastAddress(dst)) for (const dev of ns.devices()) {
      const a = dev.adminUp ? dev.addresses.find((x) => x.broadcast === dst) : undefined;
      if (a) return { kind: 'unicast', dev, nextHop: dst, src: a.address, route: { dst, prefixLen: 32, type: 'unicast', dev, proto: 'kernel', scope: 'link', src: a.address } };
    }
    const r = ns.routes.lookup(dst);
    // A `local` route (AnyIP) makes a whole prefix this namespace's own.
    if (r?.type === 'local' && ns.loopback?.running) return { kind: 'local', dev: ns.loopback };
    if (!r || r.type !== 'unicast' || !r.dev) return { kind: 'unreachable' };
    return { kind: 'unicast', dev: r.dev, nextHop: r.gateway ?? dst, src: r.src, route: r };
  }

  private isAnyIp(dst: Ipv4): boolean {
    return this.ns.routes.lookup(dst)?.type === 'local';
  }

  /** Source address for a packet to `dst`, as the kernel picks it. */
  sourceFor(decision: RouteDecision, dst: Ipv4): Ipv4 | undefined {
    if (decision.kind === 'local') return ipToInt(dst) >>> 24 === 127 ? '127.0.0.1' : dst;
    if (decision.kind === 'unicast') return decision.src ?? this.ns.sourceAddressFor(decision.dev, decision.nextHop);
    return undefined;
  }

  // ---- sending ------------------------------------------------------------

  /**
   * Sends a locally generated packet. A `src` of 0.0.0.0 is filled in from the
   * route. Returns at once; delivery happens on the lab clock.
   */
  send(packet: Ipv4Packet, path?: PacketPath): SendResult {
    const ns = this.ns;
    let decision = this.route(packet.dst);
    if (decision.kind === 'unreachable') return 'ENETUNREACH';
    if (packet.src === '0.0.0.0') {
      const src = this.sourceFor(decision, packet.dst);
      if (!src) return 'ENETUNREACH';
      packet = { ...packet, src };
    }
    if (packet.id === 0 && !packet.dontFragment) packet = { ...packet, id: this.allocateId() };
    path ??= ns.world.paths.begin(ns.world.clock.now(), packet, ns.name);
    const afterOutput = this.hook('OUTPUT', packet, undefined, decision.dev, path);
    if (afterOutput.verdict !== 'accept') {
      if (afterOutput.verdict === 'reject') this.reject(afterOutput.packet, afterOutput.rejectWith);
      return 'EPERM';
    }
    // DNAT in OUTPUT changes where the packet goes: route it again.
    if (afterOutput.packet.dst !== packet.dst) decision = this.route(afterOutput.packet.dst);
    packet = afterOutput.packet;
    if (decision.kind === 'unreachable') return 'ENETUNREACH';
    const post = this.hook('POSTROUTING', packet, undefined, decision.dev, path);
    if (post.verdict !== 'accept') return 'EPERM';
    this.transmitVia(decision, post.packet, path);
    return 'ok';
  }

  /** Hands a routed packet to its device, in fragments when it is larger than the MTU. */
  private transmitVia(decision: Exclude<RouteDecision, { kind: 'unreachable' }>, packet: Ipv4Packet, path?: PacketPath): void {
    const mtu = decision.dev.mtu;
    if (ipTotalLength(packet) <= mtu) {
      this.transmitOne(decision, packet, path);
      return;
    }
    // A router may not split a DF packet: it tells the sender the MTU instead. Local senders
    // (ping's default path MTU discovery mode) fragment.
    if (packet.dontFragment && !this.ns.isLocalAddress(packet.src)) {
      path?.hops.push({ node: this.ns.name, iface: decision.dev.name, event: 'drop', note: `fragmentation needed, mtu ${mtu}` });
      this.sendIcmpError(packet, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
      return;
    }
    for (const piece of fragment(packet, mtu)) this.transmitOne(decision, piece, path);
  }

  /** Loopback directly, broadcast to all, others after ARP. */
  private transmitOne(decision: Exclude<RouteDecision, { kind: 'unreachable' }>, packet: Ipv4Packet, path?: PacketPath): void {
    const dev = decision.dev;
    if (decision.kind === 'local' || dev.kind === 'loopback') {
      dev.transmit({ dst: ZERO_MAC, src: ZERO_MAC, etherType: ETH_P_IP, payload: packet }, path);
      return;
    }
    if (this.ns.isBroadcastAddress(packet.dst)) {
      dev.transmit({ dst: BROADCAST_MAC, src: dev.mac, etherType: ETH_P_IP, payload: packet }, path);
      return;
    }
    const known = this.ns.neigh.usableMac(dev, decision.nextHop);
    if (known) {
      dev.transmit({ dst: known, src: dev.mac, etherType: ETH_P_IP, payload: packet }, path);
      return;
    }
    this.ns.neigh.resolve(
      dev,
      decision.nextHop,
      (mac) => {
        if (mac) dev.transmit({ dst: mac, src: dev.mac, etherType: ETH_P_IP, payload: packet }, path);
        else this.unresolved(packet, path);
      },
      packet.src,
    );
  }

  /**
   * ARP gave up: host unreachable to the packet's source (arp_error_report, icmp_send). A local
   * sender gets it over lo; a masqueraded one (its source already ours) through conntrack, which
   * sends it on to the container as a RELATED reply.
   */
  private unresolved(packet: Ipv4Packet, path?: PacketPath): void {
    path?.hops.push({ node: this.ns.name, event: 'drop', note: 'neighbour unreachable' });
    this.sendIcmpError(packet, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH);
  }

  /** An ARP request; as with arp_announce=0 it asks with the waiting packet's source when that is ours. */
  sendArpRequest(dev: NetDevice, targetIp: Ipv4, unicastTo?: Mac, sourceHint?: Ipv4): void {
    const senderIp = sourceHint && this.ns.isLocalAddress(sourceHint) && !sourceHint.startsWith('127.') ? sourceHint : this.ns.sourceAddressFor(dev, targetIp);
    if (!senderIp) return;
    const arp: ArpPacket = { kind: 'arp', op: 1, senderMac: dev.mac, senderIp, targetMac: ZERO_MAC, targetIp };
    dev.transmit({ dst: unicastTo ?? BROADCAST_MAC, src: dev.mac, etherType: ETH_P_ARP, payload: arp });
  }

  // ---- receiving ----------------------------------------------------------

  /** A frame for this namespace's stack arrived on `dev` (not bridged away). */
  deliverFrame(dev: NetDevice, frame: EthernetFrame, path?: PacketPath): void {
    const pl = frame.payload;
    if (pl.kind === 'arp') {
      this.receiveArp(dev, pl);
      return;
    }
    if (pl.kind !== 'ipv4') return;
    if (dev.kind !== 'loopback' && frame.dst !== dev.mac && !isMulticastMac(frame.dst)) return;
    this.receiveIpv4(dev, pl, path);
  }

  private receiveArp(dev: NetDevice, arp: ArpPacket): void {
    const ns = this.ns;
    if (!ns.isLocalAddress(arp.targetIp)) return;
    if (arp.op === 2) {
      ns.neigh.confirm(dev, arp.senderIp, arp.senderMac);
      return;
    }
    ns.neigh.noteSender(dev, arp.senderIp, arp.senderMac);
    const reply: ArpPacket = { kind: 'arp', op: 2, senderMac: dev.mac, senderIp: arp.targetIp, targetMac: arp.senderMac, targetIp: arp.senderIp };
    dev.transmit({ dst: arp.senderMac, src: dev.mac, etherType: ETH_P_ARP, payload: reply });
  }

  private receiveIpv4(dev: NetDevice, packet: Ipv4Packet, path?: PacketPath): void {
    if (packet.fragment) {
      const whole = this.reassembler.add(packet, this.ns.world.clock.now());
      if (!whole) return;
      packet = whole;
    }
    const pre = this.hook('PREROUTING', packet, dev, undefined, path);
    if (pre.verdict !== 'accept') {
      if (pre.verdict === 'reject') this.reject(pre.packet, pre.rejectWith);
      return;
    }
    packet = pre.packet;
    const ns = this.ns;
    if (ns.isLocalAddress(packet.dst) || ns.isBroadcastAddress(packet.dst) || this.isAnyIp(packet.dst)) {
      const input = this.hook('INPUT', packet, dev, undefined, path);
      if (input.verdict === 'accept') this.deliverLocal(dev, input.packet, path);
      else if (input.verdict === 'reject') this.reject(input.packet, input.rejectWith);
      return;
    }
    // Forwarding disabled: Linux drops silently (no ICMP).
    if (ns.sysctl.get('net.ipv4.ip_forward') !== '1') {
      path?.hops.push({ node: ns.name, iface: dev.name, event: 'drop', note: 'ip_forward is 0' });
      return;
    }
    const decision = this.route(packet.dst);
    if (decision.kind !== 'unicast') {
      this.sendIcmpError(packet, ICMP_DEST_UNREACH, ICMP_NET_UNREACH);
      return;
    }
    this.forward(dev, packet, decision, path);
  }

  private forward(inDev: NetDevice, packet: Ipv4Packet, decision: Extract<RouteDecision, { kind: 'unicast' }>, path?: PacketPath): void {
    if (packet.ttl <= 1) {
      path?.hops.push({ node: this.ns.name, iface: inDev.name, event: 'drop', note: 'TTL exceeded' });
      this.sendIcmpError(packet, ICMP_TIME_EXCEEDED, 0);
      return;
    }
    path?.hops.push({ node: this.ns.name, event: 'route', note: `forward ${inDev.name} -> ${decision.dev.name} via ${decision.nextHop}` });
    packet = { ...packet, ttl: packet.ttl - 1 };
    const fwd = this.hook('FORWARD', packet, inDev, decision.dev, path);
    if (fwd.verdict !== 'accept') {
      if (fwd.verdict === 'reject') this.reject(fwd.packet, fwd.rejectWith);
      return;
    }
    const post = this.hook('POSTROUTING', fwd.packet, undefined, decision.dev, path);
    if (post.verdict !== 'accept') return;
    this.transmitVia(decision, post.packet, path);
  }

  private deliverLocal(dev: NetDevice, packet: Ipv4Packet, path?: PacketPath): void {
    const ns = this.ns;
    const pl = packet.payload;
    path?.hops.push({ node: ns.name, iface: dev.name, event: 'deliver' });
    if (pl.kind === 'icmp') {
      if (pl.type === ICMP_ECHO_REQUEST) {
        const ignored = ns.sysctl.get('net.ipv4.icmp_echo_ignore_all') === '1' || (ns.isBroadcastAddress(packet.dst) && ns.sysctl.get('net.ipv4.icmp_echo_ignore_broadcasts') === '1');
        if (!ignored) ns.world.clock.setTimer(ECHO_REPLY_DELAY_MS, this.answerEcho, packet);
      }
      if (pl.type === ICMP_DEST_UNREACH || pl.type === ICMP_TIME_EXCEEDED) {
        const original = decodeIpv4(pl.data);
        if (original) {
          this.reportError({ type: pl.type, code: pl.code, from: packet.src, original }, dev.name, packet);
          return;
        }
      }
      for (const l of [...this.icmpListeners]) l(packet);
      return;
    }
    if (pl.kind === 'tcp' || pl.kind === 'udp') ns.transport.deliver(packet, { ns, inIface: dev.name, now: ns.world.clock.now() });
  }

  /** Sends the echo reply: a packet of its own, with its own path. */
  private readonly answerEcho = (request: Ipv4Packet): void => {
    const pl = request.payload;
    if (pl.kind !== 'icmp') return;
    this.send(ipv4({ src: request.dst, dst: request.src, tos: request.tos, id: this.allocateId(), dontFragment: false, payload: { kind: 'icmp', type: ICMP_ECHO_REPLY, code: 0, id: pl.id, seq: pl.seq, data: pl.data } }));
  };

  /** Passes an ICMP error to whoever sent the original: ping's raw socket or the transport layer. */
  private reportError(report: IcmpErrorReport, inIface: string, packet?: Ipv4Packet): void {
    const ns = this.ns;
    if (report.original.payload.kind === 'icmp' || report.original.protocol === 1) {
      const carrier = packet ?? ipv4({ src: report.from, dst: report.original.src, payload: { kind: 'icmp', type: report.type, code: report.code, id: 0, seq: 0, data: encodeIpv4(report.original).slice(0, 576 - 28) } });
      for (const l of [...this.icmpListeners]) l(carrier, report);
      return;
    }
    ns.transport.deliverIcmpError?.(report, { ns, inIface, now: ns.world.clock.now() });
  }

  /** Sends an ICMP error about `original` back to its sender (never about ICMP errors or broadcasts). */
  sendIcmpError(original: Ipv4Packet, type: number, code: number, nextHopMtu = 0): void {
    const opl = original.payload;
    if (opl.kind === 'icmp' && opl.type !== ICMP_ECHO_REQUEST && opl.type !== ICMP_ECHO_REPLY) return;
    if (original.src === '0.0.0.0' || this.ns.isBroadcastAddress(original.dst) || this.ns.isBroadcastAddress(original.src)) return;
    // As much of the original as fits in a 576-byte error, as Linux quotes it.
    const data = encodeIpv4(original).slice(0, 576 - 28);
    this.send(ipv4({ src: '0.0.0.0', dst: original.src, tos: 0xc0, dontFragment: false, id: this.allocateId(), payload: { kind: 'icmp', type, code, id: 0, seq: nextHopMtu, data } }));
  }

  /** What a REJECT target answers. */
  private reject(packet: Ipv4Packet, rejectWith: HookResult['rejectWith']): void {
    const pl = packet.payload;
    if (rejectWith === 'tcp-reset' && pl.kind === 'tcp') {
      const rst = tcpResetFor(packet);
      if (rst) this.send(rst);
      return;
    }
    const code =
      rejectWith === 'icmp-host-unreachable' ? ICMP_HOST_UNREACH : rejectWith === 'icmp-net-unreachable' ? ICMP_NET_UNREACH : rejectWith === 'icmp-admin-prohibited' ? ICMP_ADMIN_PROHIBITED : ICMP_PORT_UNREACH;
    this.sendIcmpError(packet, ICMP_DEST_UNREACH, code);
  }

  // ---- netfilter ----------------------------------------------------------

  // Built once: hook contexts are made for every packet at every hook.
  private readonly isLocal = (ip: Ipv4): boolean => this.ns.isLocalAddress(ip);
  private readonly primaryOf = (iface: string): Ipv4 | undefined => {
    const d = this.ns.device(iface);
    return d ? this.ns.primaryAddress(d) : undefined;
  };

  private hook(hook: Hook, packet: Ipv4Packet, inDev: NetDevice | undefined, outDev: NetDevice | undefined, path?: PacketPath, bridged = false): HookResult {
    const ns = this.ns;
    const ctx: HookContext = {
      ns,
      hook,
      inIface: inDev?.name,
      outIface: outDev?.name,
      bridged,
      now: ns.world.clock.now(),
      isLocalAddress: this.isLocal,
      primaryAddress: this.primaryOf,
      record: path ? (step) => path.hops.push({ node: ns.name, ...step }) : ignoreStep,
    };
    return ns.netfilter.run(hook, packet, ctx);
  }

  /**
   * br_netfilter: with net.bridge.bridge-nf-call-iptables=1 a bridged IPv4
   * frame crosses PREROUTING, FORWARD and POSTROUTING with in/out = the bridge.
   * Returns the frame to send on (possibly rewritten), or undefined if dropped.
   */
  bridgeNetfilter(bridge: NetDevice, frame: EthernetFrame, path?: PacketPath): EthernetFrame | undefined {
    const pl = frame.payload;
    // Fragments cross the bridge unchecked (Linux would reassemble them for netfilter and split them again).
    if (pl.kind !== 'ipv4' || pl.fragment || this.ns.sysctl.get('net.bridge.bridge-nf-call-iptables') !== '1') return frame;
    let packet = pl;
    for (const hook of ['PREROUTING', 'FORWARD', 'POSTROUTING'] as const) {
      const res = this.hook(hook, packet, hook === 'POSTROUTING' ? undefined : bridge, hook === 'PREROUTING' ? undefined : bridge, path, true);
      if (res.verdict !== 'accept') return undefined;
      packet = res.packet;
    }
    return packet === pl ? frame : { ...frame, payload: packet };
  }
}
