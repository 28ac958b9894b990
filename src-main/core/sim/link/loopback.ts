import type { EthernetFrame } from '../wire/packet.js';
import { ZERO_MAC } from '../wire/addr.js';
import type { PacketPath } from '../trace/path.js';
import { NetDevice } from './device.js';
import type { LinkHost } from './dispatcher.js';

/** Loopback latency: what a real host shows as ~5 µs per pass. */
export const LOOPBACK_DELAY_MS = 0.004;

export class LoopbackDevice extends NetDevice {
  readonly kind = 'loopback';

  constructor(ns: LinkHost, ifindex = 1) {
    super(ns, 'lo', ifindex, ZERO_MAC);
    this.mtu = 65536;
    this.qlen = 1000;
  }

  get carrier(): boolean {
    return true;
  }

  protected override baseFlags(): string[] {
    return ['LOOPBACK'];
  }

  override operState(): 'UP' | 'DOWN' | 'UNKNOWN' {
    return this.adminUp ? 'UNKNOWN' : 'DOWN';
  }

  protected emit(frame: EthernetFrame, path?: PacketPath): void {
    this.ns.world.clock.setTimer(LOOPBACK_DELAY_MS, NetDevice.deliver, this as NetDevice, frame, path);
  }
}
