// Packet taps: what tcpdump and the trace view watch. A tap sees every frame
// an interface receives or sends, with the path the packet took so far.
import type { EthernetFrame } from '../wire/packet.js';
import type { NetDevice } from '../link/device.js';
import type { LinkHost } from '../link/dispatcher.js';
import type { PacketPath } from './path.js';

export type TapDirection = 'in' | 'out';

export interface TapEvent {
  /** Lab time in milliseconds. */
  time: number;
  ns: LinkHost;
  device: NetDevice;
  direction: TapDirection;
  frame: EthernetFrame;
  path?: PacketPath;
}

export type TapListener = (event: TapEvent) => void;

export interface WatchOptions {
  promiscuous?: boolean;
}

export interface Disposable {
  dispose(): void;
}

export class TapRegistry {
  private readonly byDevice = new Map<NetDevice, Set<TapListener>>();
  private readonly anyInNamespace = new Map<LinkHost, Set<TapListener>>();
  private readonly goneListeners = new Map<NetDevice, Set<() => void>>();

  /**
   * Watches one interface by name, or every interface of the namespace with `any` (as `tcpdump -i any`).
   * `onGone` runs if the interface is deleted or leaves the namespace while watched. `promiscuous` raises
   * the interface's promiscuity while the watch lasts, as a packet socket's PACKET_MR_PROMISC does
   * (`any` cannot be made promiscuous, as in libpcap).
   */
  watch(ns: LinkHost & { device(name: string): NetDevice | undefined }, iface: string, listener: TapListener, onGone?: () => void, options: WatchOptions = {}): Disposable {
    if (iface === 'any') return this.add(this.anyInNamespace, ns, listener);
    const device = ns.device(iface);
    if (!device) throw new Error(`no interface ${iface} in ${ns.name}`);
    return this.watchDevice(device, listener, onGone, options);
  }

  watchDevice(device: NetDevice, listener: TapListener, onGone?: () => void, options: WatchOptions = {}): Disposable {
    const tap = this.add(this.byDevice, device, listener);
    let promiscHeld = options.promiscuous === true;
    if (promiscHeld) device.changePromiscuity(1);
    // The kernel drops a socket's memberships when the device unregisters (packet_dev_mclist_delete).
    const releasePromisc = () => {
      if (promiscHeld) device.changePromiscuity(-1);
      promiscHeld = false;
    };
    const gone = this.add(this.goneListeners, device, () => {
      releasePromisc();
      onGone?.();
    });
    return {
      dispose: () => {
        tap.dispose();
        gone.dispose();
        releasePromisc();
      },
    };
  }

  /** Called by the namespace when a device is deleted or moved away. */
  deviceGone(device: NetDevice): void {
    const listeners = this.goneListeners.get(device);
    if (!listeners) return;
    this.goneListeners.delete(device);
    for (const l of listeners) l();
  }

  /** Called by devices for every frame; cheap when nobody listens. */
  emit(device: NetDevice, direction: TapDirection, frame: EthernetFrame, time: number, path?: PacketPath): void {
    const own = this.byDevice.get(device);
    const any = this.anyInNamespace.get(device.ns);
    if (!own && !any) return;
    const event: TapEvent = { time, ns: device.ns, device, direction, frame, path };
    if (own) for (const l of own) l(event);
    if (any) for (const l of any) l(event);
  }

  private add<K, L>(map: Map<K, Set<L>>, key: K, listener: L): Disposable {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(listener);
    return {
      dispose: () => {
        set.delete(listener);
        if (set.size === 0) map.delete(key);
      },
    };
  }
}
