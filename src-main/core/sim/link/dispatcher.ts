// The seam between the link layer and the network layer above it. As gVisor's
// netstack attaches link endpoints to a NetworkDispatcher, a device here is
// attached to a `LinkHost` and hands the frames it receives to the host's
// `FrameDispatcher`, so sim/link never imports sim/net.
import type { Clock } from '../clock.js';
import type { EthernetFrame } from '../wire/packet.js';
import type { PacketPath } from '../trace/path.js';
import type { NetDevice } from './device.js';
import type { BridgeDevice } from './bridge.js';

/** What the network layer does with frames that reach it from a device. */
export interface FrameDispatcher {
  /** A frame for this host arrived on `dev` (a bridge port's frames come up on the bridge). */
  deliverFrame(dev: NetDevice, frame: EthernetFrame, path?: PacketPath): void;
  /**
   * br_netfilter, for a frame the bridge forwards from one port to another: the frame to send on
   * (NAT may have rewritten it), or undefined when netfilter dropped it.
   */
  bridgeNetfilter(bridge: BridgeDevice, frame: EthernetFrame, path?: PacketPath): EthernetFrame | undefined;
}

/** Whoever watches frames cross a device (tcpdump, the trace view): trace/taps.ts's `TapRegistry`. */
export interface FrameTaps {
  emit(dev: NetDevice, direction: 'in' | 'out', frame: EthernetFrame, time: number, path?: PacketPath): void;
}

/** The parts of the world a device uses: lab time (media delays, FDB ageing) and the taps. */
export interface LinkWorld {
  readonly clock: Pick<Clock, 'now' | 'setTimer'>;
  readonly taps: FrameTaps;
}

/** What a device needs from the namespace it is attached to; `NetNamespace` implements it. */
export interface LinkHost {
  /** Node name, recorded in path hops. */
  readonly name: string;
  readonly world: LinkWorld;
  /** Takes the frames this host's devices receive. */
  readonly dispatcher: FrameDispatcher;
}
