// A FIFO of bytes kept as chunks, so bulk transfers do not copy the whole
// buffer on every segment. Used for TCP send and receive queues.

export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Bytes of chunks[0] already consumed. */
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  /**
   * `length` bytes starting `offset` bytes into the queue (fewer if the queue is
   * shorter): a view when they lie in one chunk, else a copy. Callers must not write to it.
   */
  peek(offset: number, length: number): Uint8Array {
    const n = Math.max(0, Math.min(length, this.size - offset));
    let skip = offset + this.head;
    for (const chunk of this.chunks) {
      if (skip >= chunk.length) {
        skip -= chunk.length;
        continue;
      }
      if (chunk.length - skip >= n) return chunk.subarray(skip, skip + n);
      break;
    }
    const out = new Uint8Array(n);
    skip = offset + this.head;
    let written = 0;
    for (const chunk of this.chunks) {
      if (written === n) break;
      if (skip >= chunk.length) {
        skip -= chunk.length;
        continue;
      }
      const take = Math.min(chunk.length - skip, n - written);
      out.set(chunk.subarray(skip, skip + take), written);
      written += take;
      skip = 0;
    }
    return out;
  }

  /** Removes up to `n` bytes from the front. */
  drop(n: number): void {
    let left = Math.min(n, this.size);
    this.size -= left;
    while (left > 0) {
      const first = this.chunks[0];
      const avail = first.length - this.head;
      if (left < avail) {
        this.head += left;
        return;
      }
      left -= avail;
      this.chunks.shift();
      this.head = 0;
    }
  }

  /** Removes and returns up to `n` bytes (all when omitted). */
  take(n = this.size): Uint8Array {
    const out = this.peek(0, n);
    this.drop(out.length);
    return out;
  }
}
