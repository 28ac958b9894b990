// The common part of every network interface: name, index, MAC, MTU, state,
// counters, and the two directions a frame can take through it.
import type { EthernetFrame } from '../wire/packet.js';
import { frameLength } from '../wire/packet.js';
import type { Ipv4, Mac } from '../wire/addr.js';
import type { PacketPath } from '../trace/path.js';
import type { BridgeDevice } from './bridge.js';
import type { LinkHost } from './dispatcher.js';

export type DeviceKind = 'loopback' | 'ether' | 'veth' | 'bridge';

export interface IfAddress {
  address: Ipv4;
  prefixLen: number;
  broadcast?: Ipv4;
  scope: 'global' | 'link' | 'host';
  /** Address from a DHCP lease: `ip addr` prints `dynamic` and counts the lifetime down. */
  dynamic?: { validLftSec: number; leasedAt: number };
}

/** An IPv6 address (sim/net/addrconf.ts configures them). */
export interface Inet6Address {
  address: string;
  prefixLen: number;
  scope: 'host' | 'link';
  /** When it was configured among the namespace's addresses: routes are listed in this order. */
  order: number;
}

export interface DeviceStats {
  rxPackets: number;
  rxBytes: number;
  txPackets: number;
  txBytes: number;
  rxDropped: number;
  txDropped: number;
}

export abstract class NetDevice {
  abstract readonly kind: DeviceKind;
  /** Whether the administrator set it up (`ip link set X up`). */
  adminUp = false;
  mtu = 1500;
  qdisc = 'noqueue';
  /** txqueuelen; `ip link` prints `qlen N` only when non-zero. */
  qlen = 0;
  master?: BridgeDevice;
  readonly addresses: IfAddress[] = [];
  readonly inet6: Inet6Address[] = [];
  readonly stats: DeviceStats = { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0, rxDropped: 0, txDropped: 0 };
  /** Other names (`altname enp3s0`). */
  altnames: string[] = [];
  /**
   * dev->promiscuity: how many users (a bridge for its port, each packet socket with PACKET_MR_PROMISC,
   * `ip link set promisc on`) want every frame. Non-zero sets the kernel's internal IFF_PROMISC.
   */
  promiscuity = 0;
  /** `ip link set promisc on` (dev->gflags): the only promiscuity `ip link` shows as the PROMISC flag. */
  promiscRequested = false;
  /** carrier_up_count + carrier_down_count, `ip -s -s`'s transns. */
  carrierChanges = 0;
  private carrierWasOn = false;

  constructor(
    /** The namespace the device is in; it is replaced when the device moves (`NetNamespace.attach`). */
    public ns: LinkHost,
    public name: string,
    public ifindex: number,
    public mac: Mac,
  ) {}

  /** The lower layer has carrier (LOWER_UP). */
  abstract get carrier(): boolean;

  /** Flags as `ip link` prints them between < >. */
  flags(): string[] {
    const f: string[] = [];
    if (this.adminUp && !this.carrier && this.kind !== 'loopback') f.push('NO-CARRIER');
    f.push(...this.baseFlags());
    if (this.promiscRequested) f.push('PROMISC');
    if (this.adminUp) f.push('UP');
    if (this.adminUp && this.carrier) f.push('LOWER_UP');
    return f;
  }

  protected baseFlags(): string[] {
    return ['BROADCAST', 'MULTICAST'];
  }

  /** The kernel's internal IFF_PROMISC: receive frames addressed to other hosts too. */
  get promiscuous(): boolean {
    return this.promiscuity > 0;
  }

  /** dev_set_promiscuity(dev, delta). */
  changePromiscuity(delta: 1 | -1): void {
    this.promiscuity = Math.max(0, this.promiscuity + delta);
  }

  /** `ip link set promisc on|off`: counts once however often it is repeated (dev_change_flags). */
  requestPromisc(on: boolean): void {
    if (on === this.promiscRequested) return;
    this.promiscRequested = on;
    this.changePromiscuity(on ? 1 : -1);
  }

  /** RFC 2863 operational state as `ip link` prints it. */
  operState(): 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN' {
    if (!this.adminUp) return 'DOWN';
    return this.carrier ? 'UP' : 'DOWN';
  }

  /**
   * Counts a change of carrier since the last call. A new device's carrier goes off before
   * it is first up (veth_newlink, br_dev_open), so the first carrier on counts two; lo never changes.
   */
  noteCarrier(): void {
    const on = this.kind !== 'loopback' && this.running;
    if (on === this.carrierWasOn) return;
    this.carrierWasOn = on;
    this.carrierChanges += this.carrierChanges === 0 ? 2 : 1;
  }

  /** Up and with carrier: frames can pass. */
  get running(): boolean {
    return this.adminUp && this.carrier;
  }

  /** Sends a frame out of this interface onto its medium. */
  transmit(frame: EthernetFrame, path?: PacketPath): void {
    if (!this.running) {
      this.stats.txDropped++;
      return;
    }
    this.stats.txPackets++;
    this.stats.txBytes += frameLength(frame);
    const world = this.ns.world;
    world.taps.emit(this, 'out', frame, world.clock.now(), path);
    path?.hops.push({ node: this.ns.name, iface: this.name, event: 'tx' });
    this.emit(frame, path);
  }

  /** A frame arrived from the medium. */
  receive(frame: EthernetFrame, path?: PacketPath): void {
    if (!this.running) {
      this.stats.rxDropped++;
      return;
    }
    this.stats.rxPackets++;
    this.stats.rxBytes += frameLength(frame);
    const world = this.ns.world;
    world.taps.emit(this, 'in', frame, world.clock.now(), path);
    path?.hops.push({ node: this.ns.name, iface: this.name, event: 'rx' });
    if (this.master) this.master.portReceive(this, frame, path);
    else this.ns.dispatcher.deliverFrame(this, frame, path);
  }

  /** Carries the frame across the medium (to the peer, the segment, ...). */
  protected abstract emit(frame: EthernetFrame, path?: PacketPath): void;

  /** Timer target for frames crossing a medium: `clock.setTimer(delay, deliverFrame, to, frame, path)`. */
  static deliver(to: NetDevice, frame: EthernetFrame, path: PacketPath | undefined): void {
    to.receive(frame, path);
  }

  /** Called when the device leaves its namespace or is deleted. */
  detach(): void {
    this.master?.removePort(this);
  }
}
