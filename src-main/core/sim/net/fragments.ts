// IPv4 fragmentation (a packet larger than the outgoing MTU) and reassembly
// (as nf_defrag does before PREROUTING once conntrack is loaded, so netfilter
// and local delivery always see whole packets).
import { encodeIpv4 } from '../wire/encode.js';
import { decodeIpv4 } from '../wire/decode.js';
import type { Ipv4Packet } from '../wire/packet.js';

/** Splits a packet into fragments that fit `mtu`; the payload of each is raw bytes. */
export function fragment(packet: Ipv4Packet, mtu: number): Ipv4Packet[] {
  const payload = encodeIpv4(packet).subarray(20);
  const chunk = Math.max(8, Math.floor((mtu - 20) / 8) * 8);
  const out: Ipv4Packet[] = [];
  for (let off = 0; off < payload.length; off += chunk) {
    const more = off + chunk < payload.length;
    out.push({ ...packet, dontFragment: false, fragment: { offset: off, more }, payload: { kind: 'raw', bytes: payload.slice(off, off + chunk) } });
  }
  return out;
}

interface Pending {
  pieces: Map<number, Uint8Array>;
  /** Known once the last fragment (more = false) arrived. */
  totalLength?: number;
  first?: Ipv4Packet;
  expiresAt: number;
}

/** Linux's ipfrag_time: 30 s to collect all pieces. */
export const REASSEMBLY_TIMEOUT_MS = 30_000;
/** Datagrams being reassembled at once, at most. */
export const MAX_PENDING_DATAGRAMS = 64;

export class Reassembler {
  private readonly pending = new Map<string, Pending>();

  get size(): number {
    return this.pending.size;
  }

  /** The whole packet once its last piece arrived; undefined while pieces are missing. */
  add(p: Ipv4Packet, now: number): Ipv4Packet | undefined {
    const frag = p.fragment;
    if (!frag || p.payload.kind !== 'raw') return p;
    this.expire(now);
    const key = `${p.src}|${p.dst}|${p.id}|${p.protocol}`;
    let entry = this.pending.get(key);
    if (!entry) {
      if (this.pending.size >= MAX_PENDING_DATAGRAMS) this.pending.delete(this.pending.keys().next().value as string);
      entry = { pieces: new Map(), expiresAt: now + REASSEMBLY_TIMEOUT_MS };
      this.pending.set(key, entry);
    }
    entry.pieces.set(frag.offset, p.payload.bytes);
    if (frag.offset === 0) entry.first = p;
    if (!frag.more) entry.totalLength = frag.offset + p.payload.bytes.length;
    if (entry.totalLength === undefined || !entry.first) return undefined;
    const whole = new Uint8Array(entry.totalLength);
    let covered = 0;
    for (const [offset, bytes] of [...entry.pieces].sort((a, b) => a[0] - b[0])) {
      if (offset > covered) return undefined;
      whole.set(bytes.subarray(0, Math.max(0, Math.min(bytes.length, whole.length - offset))), offset);
      covered = Math.max(covered, offset + bytes.length);
    }
    if (covered < entry.totalLength) return undefined;
    this.pending.delete(key);
    const header = encodeIpv4({ ...entry.first, fragment: undefined, payload: { kind: 'raw', bytes: new Uint8Array(0) } }).subarray(0, 20);
    const bytes = new Uint8Array(20 + whole.length);
    bytes.set(header);
    bytes.set(whole, 20);
    bytes[2] = (bytes.length >> 8) & 0xff;
    bytes[3] = bytes.length & 0xff;
    const rebuilt = decodeIpv4(bytes);
    if (rebuilt) delete rebuilt.fragment;
    return rebuilt;
  }

  private expire(now: number): void {
    for (const [key, e] of this.pending) if (e.expiresAt <= now) this.pending.delete(key);
  }
}
