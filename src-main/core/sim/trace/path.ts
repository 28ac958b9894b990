// Per-packet path records: every namespace, interface and hook a packet
// passed, and what happened there. Recorded only while tracing is on.
import type { TraceHop } from '../../api/trace.js';
import type { Ipv4Packet } from '../wire/packet.js';

export type { TraceHop };

export interface PacketPath {
  readonly id: number;
  /** Lab time the packet was first sent. */
  readonly time: number;
  readonly hops: TraceHop[];
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
