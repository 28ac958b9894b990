// Per-packet path records: every namespace, interface and hook a packet
// passed, and what happened there. Recorded only while tracing is on.
import type { Rule } from '../netfilter/rule.js';
import type { Hook } from '../netfilter/types.js';
import type { Ipv4Packet } from '../wire/packet.js';

/** One place a packet passed and what happened there. */
export interface PathHop {
  /** Namespace name (host, c1, web, host01). */
  node: string;
  iface?: string;
  /** What happened here, e.g. `rx`, `tx`, `route`, `bridge`, `hook`, `deliver`, `drop`. */
  event: string;
  hook?: Hook;
  table?: string;
  chain?: string;
  /** 1-based rule number in the chain; absent for the policy. */
  rule?: number;
  /** The rule that matched; userspace prints it (the kernel keeps rules, not their text). */
  matchedRule?: Rule;
  verdict?: string;
  /** What NAT changed, e.g. `dst 172.16.211.128:81 -> 172.17.0.5:80`. */
  nat?: string;
  /** Free text, e.g. the route that was chosen. */
  note?: string;
}

export interface PacketPath {
  readonly id: number;
  /** Lab time the packet was first sent. */
  readonly time: number;
  readonly hops: PathHop[];
  /** The packet as it was sent, and the node (namespace name) that sent it. */
  readonly packet?: Ipv4Packet;
  readonly origin?: string;
}

export class PathRecorder {
  enabled = false;
  /** How many finished paths to keep. */
  capacity = 1000;
  private nextId = 1;
  private readonly recent: PacketPath[] = [];
  private readonly listeners = new Set<(p: PacketPath) => void>();

  /** Starts a path for a packet that enters the lab here; undefined when tracing is off. */
  begin(time: number, packet?: Ipv4Packet, origin?: string): PacketPath | undefined {
    if (!this.enabled) return undefined;
    const path: PacketPath = { id: this.nextId++, time, hops: [], packet, origin };
    this.recent.push(path);
    if (this.recent.length > this.capacity) this.recent.shift();
    for (const l of this.listeners) l(path);
    return path;
  }

  paths(): readonly PacketPath[] {
    return this.recent;
  }

  byId(id: number): PacketPath | undefined {
    return this.recent.find((p) => p.id === id);
  }

  /** Called when a path begins; hops keep being appended to it afterwards. */
  onPath(listener: (p: PacketPath) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
