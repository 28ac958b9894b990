// TCP sequence-number arithmetic: 32-bit, wrapping, compared as RFC 1982 does.

export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** a - b as a signed 32-bit distance. */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return seqDiff(a, b) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return seqDiff(a, b) <= 0;
}

export function seqGt(a: number, b: number): boolean {
  return seqDiff(a, b) > 0;
}

export function seqGe(a: number, b: number): boolean {
  return seqDiff(a, b) >= 0;
}
