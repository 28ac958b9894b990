// A Linux bridge (docker0): ports, a forwarding database that learns source
// MACs and forgets them after the ageing time, flooding of unknown and
// broadcast frames, and br_netfilter's calls into iptables for bridged IPv4.
import { frameLength, type EthernetFrame } from '../wire/packet.js';
import { isMulticastMac, type Mac } from '../wire/addr.js';
import type { PacketPath } from '../trace/path.js';
import { NetDevice } from './device.js';
import type { LinkHost } from './dispatcher.js';

export interface FdbEntry {
  mac: Mac;
  port: NetDevice;
  /** The MAC belongs to the bridge or one of its ports (never ages). */
  local: boolean;
  /** Lab time the entry was last refreshed. */
  updated: number;
}

/** Linux's default ageing_time: 300 s. */
export const DEFAULT_AGEING_MS = 300_000;
/** Upper bound on learned entries so a flood of random MACs cannot grow memory. */
export const FDB_MAX_LEARNED = 4096;

export class BridgeDevice extends NetDevice {
  readonly kind = 'bridge';
  readonly ports: NetDevice[] = [];
  ageingMs = DEFAULT_AGEING_MS;
  private readonly fdb = new Map<Mac, FdbEntry>();

  constructor(ns: LinkHost, name: string, ifindex: number, mac: Mac) {
    super(ns, name, ifindex, mac);
  }

  /** A bridge has carrier while at least one port is running. */
  get carrier(): boolean {
    return this.ports.some((p) => p.running);
  }

  addPort(port: NetDevice): void {
    if (port.master === this) return;
    port.master?.removePort(port);
    port.master = this;
    this.ports.push(port);
    // br_add_if: a port must hand the bridge frames for every MAC behind it.
    port.changePromiscuity(1);
    this.noteCarrier();
  }

  removePort(port: NetDevice): void {
    const i = this.ports.indexOf(port);
    if (i < 0) return;
    this.ports.splice(i, 1);
    port.changePromiscuity(-1);
    if (port.master === this) port.master = undefined;
    for (const [mac, e] of this.fdb) if (e.port === port) this.fdb.delete(mac);
    this.noteCarrier();
  }

  /** Learned (non-local) entries still within the ageing time, oldest first. */
  fdbEntries(): FdbEntry[] {
    this.expire();
    return [...this.fdb.values()];
  }

  lookup(mac: Mac): NetDevice | undefined {
    const e = this.fdb.get(mac);
    if (!e) return undefined;
    if (this.ns.world.clock.now() - e.updated > this.ageingMs) {
      this.fdb.delete(mac);
      return undefined;
    }
    return e.port;
  }

  /** A frame came in on one of the ports (br_handle_frame_finish). */
  portReceive(port: NetDevice, frame: EthernetFrame, path?: PacketPath): void {
    if (!this.adminUp) return;
    this.learn(frame.src, port);
    if (frame.dst === this.mac) {
      this.deliverUp(frame, path);
      return;
    }
    const multicast = isMulticastMac(frame.dst);
    if (multicast) this.flood(port, frame, path);
    else {
      const out = this.lookup(frame.dst);
      if (out && out !== port) this.forward(port, out, frame, path);
      else if (!out) this.flood(port, frame, path);
    }
    // A promiscuous bridge device (tcpdump on docker0) also gets a copy of every frame it forwards.
    if (multicast) this.deliverUp(frame, path);
    else if (this.promiscuous) this.passUpForeignFrame(frame, path);
  }

  protected emit(frame: EthernetFrame, path?: PacketPath): void {
    const out = isMulticastMac(frame.dst) ? undefined : this.lookup(frame.dst);
    if (out) out.transmit(frame, path);
    else for (const p of this.ports) p.transmit(frame, path);
  }

  private deliverUp(frame: EthernetFrame, path?: PacketPath): void {
    const world = this.ns.world;
    this.stats.rxPackets++;
    this.stats.rxBytes += frameLength(frame);
    world.taps.emit(this, 'in', frame, world.clock.now(), path);
    path?.hops.push({ node: this.ns.name, iface: this.name, event: 'rx' });
    this.ns.dispatcher.deliverFrame(this, frame, path);
  }

  /** A frame for another host reaches the bridge device's taps; IP and ARP drop it (PACKET_OTHERHOST). */
  private passUpForeignFrame(frame: EthernetFrame, path?: PacketPath): void {
    const world = this.ns.world;
    this.stats.rxPackets++;
    this.stats.rxBytes += frameLength(frame);
    world.taps.emit(this, 'in', frame, world.clock.now(), path);
  }

  private flood(from: NetDevice, frame: EthernetFrame, path?: PacketPath): void {
    for (const p of this.ports) if (p !== from) this.forward(from, p, frame, path);
  }

  private forward(from: NetDevice, to: NetDevice, frame: EthernetFrame, path?: PacketPath): void {
    if (!to.running) return;
    path?.hops.push({ node: this.ns.name, iface: this.name, event: 'bridge', note: `${from.name} -> ${to.name}` });
    const checked = this.ns.dispatcher.bridgeNetfilter(this, frame, path);
    if (checked) to.transmit(checked, path);
  }

  private learn(mac: Mac, port: NetDevice): void {
    if (isMulticastMac(mac)) return;
    const now = this.ns.world.clock.now();
    const e = this.fdb.get(mac);
    if (e) {
      if (e.local) return;
      e.port = port;
      e.updated = now;
      // Map order is insertion order: move refreshed entries to the end so eviction takes the stalest.
      this.fdb.delete(mac);
      this.fdb.set(mac, e);
      return;
    }
    if (this.fdb.size >= FDB_MAX_LEARNED) {
      this.expire();
      if (this.fdb.size >= FDB_MAX_LEARNED) this.fdb.delete(this.fdb.keys().next().value as Mac);
    }
    this.fdb.set(mac, { mac, port, local: false, updated: now });
  }

  private expire(): void {
    const now = this.ns.world.clock.now();
    for (const [mac, e] of this.fdb) if (!e.local && now - e.updated > this.ageingMs) this.fdb.delete(mac);
  }

  get fdbSize(): number {
    return this.fdb.size;
  }
}
