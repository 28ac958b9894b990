// IPv4 addresses as unsigned 32-bit numbers (fast to mask and compare), with
// parsing delegated to ipaddr.js.
import ipaddr from 'ipaddr.js';

export function ipToNumber(text: string): number {
  const b = ipaddr.IPv4.parse(text).octets;
  return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
}

/** Strict dotted-quad check (iptables accepts nothing else here). */
export function isIPv4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

export function numberToIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function prefixToMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function maskToPrefix(mask: number): number | undefined {
  let prefix = 0;
  while (prefix < 32 && mask & (0x80000000 >>> prefix)) prefix++;
  return prefixToMask(prefix) === mask >>> 0 ? prefix : undefined;
}
