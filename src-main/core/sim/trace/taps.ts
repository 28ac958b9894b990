// Packet taps: what tcpdump and the trace view watch. A tap sees every frame
// an interface receives or sends, with the path the packet took so far.
import type { EthernetFrame } from '../wire/packet.js';
import type { NetDevice } from '../link/device.js';
import type { NetNamespace } from '../net/namespace.js';
import type { PacketPath } from './path.js';

export type TapDirection = 'in' | 'out';

export interface TapEvent {
  /** Lab time in milliseconds. */
  time: number;
  ns: NetNamespace;
  device: NetDevice;
  direction: TapDirection;
  frame: EthernetFrame;
  path?: PacketPath;
}

export type TapListener = (event: TapEvent) => void;

export interface Disposable {
  dispose(): void;
}

export class TapRegistry {
  private readonly byDevice = new Map<NetDevice, Set<TapListener>>();
  private readonly anyInNamespace = new Map<NetNamespace, Set<TapListener>>();

  /** Watches one interface by name, or every interface of the namespace with `any` (as `tcpdump -i any`). */
  watch(ns: NetNamespace, iface: string, listener: TapListener): Disposable {
    if (iface === 'any') return this.add(this.anyInNamespace, ns, listener);
    const device = ns.device(iface);
    if (!device) throw new Error(`no interface ${iface} in ${ns.name}`);
    return this.watchDevice(device, listener);
  }

  watchDevice(device: NetDevice, listener: TapListener): Disposable {
    return this.add(this.byDevice, device, listener);
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

  private add<K>(map: Map<K, Set<TapListener>>, key: K, listener: TapListener): Disposable {
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
