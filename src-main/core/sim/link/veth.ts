import type { EthernetFrame } from '../wire/packet.js';
import type { PacketPath } from '../trace/path.js';
import { NetDevice } from './device.js';

/** One-way latency of a veth pair. */
export const VETH_DELAY_MS = 0.012;

/** One end of a virtual Ethernet cable; frames sent here come out of the peer. */
export class VethDevice extends NetDevice {
  readonly kind = 'veth';
  peer!: VethDevice;
  /** One-way latency; longer for the link that stands for the internet. */
  delayMs = VETH_DELAY_MS;

  get carrier(): boolean {
    return this.peer.adminUp;
  }

  protected emit(frame: EthernetFrame, path?: PacketPath): void {
    this.ns.world.clock.setTimer(this.delayMs, NetDevice.deliver, this.peer, frame, path);
  }
}
