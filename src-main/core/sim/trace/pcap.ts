// Classic libpcap files (what `tcpdump -w` writes and Wireshark/tshark open):
// a 24-byte global header, then a 16-byte header before each frame.

export const PCAP_MAGIC = 0xa1b2c3d4;
export const LINKTYPE_ETHERNET = 1;
/** Linux cooked capture (`tcpdump -i any`). */
export const LINKTYPE_LINUX_SLL = 113;
export const DEFAULT_SNAPLEN = 262144;

export interface PcapRecord {
  /** Unix time in milliseconds (microsecond precision kept). */
  timeMs: number;
  /** Length of the frame on the wire. */
  originalLength: number;
  data: Uint8Array;
}

export class PcapWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  count = 0;

  constructor(
    private readonly snaplen = DEFAULT_SNAPLEN,
    linkType = LINKTYPE_ETHERNET,
  ) {
    const h = new DataView(new ArrayBuffer(24));
    h.setUint32(0, PCAP_MAGIC, true);
    h.setUint16(4, 2, true);
    h.setUint16(6, 4, true);
    h.setInt32(8, 0, true);
    h.setUint32(12, 0, true);
    h.setUint32(16, snaplen, true);
    h.setUint32(20, linkType, true);
    this.push(new Uint8Array(h.buffer));
  }

  add(timeMs: number, frame: Uint8Array): void {
    const captured = frame.subarray(0, this.snaplen);
    const h = new DataView(new ArrayBuffer(16));
    const micros = Math.round(timeMs * 1000);
    h.setUint32(0, Math.floor(micros / 1e6), true);
    h.setUint32(4, micros % 1e6, true);
    h.setUint32(8, captured.length, true);
    h.setUint32(12, frame.length, true);
    this.push(new Uint8Array(h.buffer));
    this.push(captured.slice());
    this.count++;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }

  private push(b: Uint8Array): void {
    this.chunks.push(b);
    this.size += b.length;
  }
}

export type PcapReadResult = { ok: true; linkType: number; snaplen: number; records: PcapRecord[] } | { ok: false; error: 'bad-magic' | 'truncated' };

/** Reads a pcap file in either byte order; a truncated last record ends the list. */
export function readPcap(bytes: Uint8Array): PcapReadResult {
  if (bytes.length < 24) return { ok: false, error: 'truncated' };
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicLE = v.getUint32(0, true);
  let le: boolean;
  if (magicLE === PCAP_MAGIC) le = true;
  else if (v.getUint32(0, false) === PCAP_MAGIC) le = false;
  else return { ok: false, error: 'bad-magic' };
  const snaplen = v.getUint32(16, le);
  const linkType = v.getUint32(20, le);
  const records: PcapRecord[] = [];
  let o = 24;
  while (o + 16 <= bytes.length) {
    const sec = v.getUint32(o, le);
    const usec = v.getUint32(o + 4, le);
    const incl = v.getUint32(o + 8, le);
    const orig = v.getUint32(o + 12, le);
    if (o + 16 + incl > bytes.length) break;
    records.push({ timeMs: sec * 1000 + usec / 1000, originalLength: orig, data: bytes.slice(o + 16, o + 16 + incl) });
    o += 16 + incl;
  }
  return { ok: true, linkType, snaplen, records };
}
