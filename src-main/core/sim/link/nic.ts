// Physical NICs and the Ethernet segment (a learning switch) they plug into:
// the article's lab network joining the Docker host, Host01, Host02 and the gateway.
import type { EthernetFrame } from '../wire/packet.js';
import { isMulticastMac, type Mac } from '../wire/addr.js';
import type { PacketPath } from '../trace/path.js';
import { NetDevice } from './device.js';
import type { LinkHost } from './dispatcher.js';

/** One-way latency across the lab switch. */
export const SEGMENT_DELAY_MS = 0.09;

export class NicDevice extends NetDevice {
  readonly kind = 'ether';
  segment?: EthernetSegment;

  constructor(ns: LinkHost, name: string, ifindex: number, mac: Mac) {
    super(ns, name, ifindex, mac);
    this.qdisc = 'mq';
    this.qlen = 1000;
  }

  get carrier(): boolean {
    return this.segment !== undefined;
  }

  /** The NIC's own MAC filter drops frames for other stations before anyone sees them, unless promiscuous. */
  override receive(frame: EthernetFrame, path?: PacketPath): void {
    if (!this.promiscuous && frame.dst !== this.mac && !isMulticastMac(frame.dst)) return;
    super.receive(frame, path);
  }

  protected emit(frame: EthernetFrame, path?: PacketPath): void {
    this.segment?.carry(this, frame, path);
  }
}

export class EthernetSegment {
  private readonly ports = new Set<NicDevice>();
  private readonly macTable = new Map<Mac, NicDevice>();

  constructor(readonly name: string) {}

  plug(nic: NicDevice): void {
    nic.segment = this;
    this.ports.add(nic);
    nic.noteCarrier();
  }

  unplug(nic: NicDevice): void {
    this.ports.delete(nic);
    if (nic.segment === this) nic.segment = undefined;
    nic.noteCarrier();
    for (const [mac, port] of this.macTable) if (port === nic) this.macTable.delete(mac);
  }

  carry(from: NicDevice, frame: EthernetFrame, path?: PacketPath): void {
    if (!isMulticastMac(frame.src)) this.macTable.set(frame.src, from);
    const known = isMulticastMac(frame.dst) ? undefined : this.macTable.get(frame.dst);
    const targets = known ? [known] : this.ports;
    const clock = from.ns.world.clock;
    for (const to of targets) if (to !== from) clock.setTimer(SEGMENT_DELAY_MS, NetDevice.deliver, to as NetDevice, frame, path);
  }
}
