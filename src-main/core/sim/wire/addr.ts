// Address helpers for the hot packet path. Parsing of what learners type goes
// through ipaddr.js (see parseCidr); these fast conversions assume valid input.
import ipaddr from 'ipaddr.js';

export type Ipv4 = string;
export type Mac = string;

export const BROADCAST_MAC: Mac = 'ff:ff:ff:ff:ff:ff';
export const ZERO_MAC: Mac = '00:00:00:00:00:00';

const intCache = new Map<string, number>();

/** Dotted quad to an unsigned 32-bit number (cached: the lab uses few addresses). */
export function ipToInt(ip: Ipv4): number {
  let v = intCache.get(ip);
  if (v === undefined) {
    const p = ip.split('.');
    v = ((Number(p[0]) << 24) | (Number(p[1]) << 16) | (Number(p[2]) << 8) | Number(p[3])) >>> 0;
    if (intCache.size > 65536) intCache.clear();
    intCache.set(ip, v);
  }
  return v;
}

export function intToIp(n: number): Ipv4 {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function prefixMask(prefixLen: number): number {
  return prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
}

export function networkOf(ip: Ipv4, prefixLen: number): Ipv4 {
  return intToIp((ipToInt(ip) & prefixMask(prefixLen)) >>> 0);
}

export function broadcastOf(ip: Ipv4, prefixLen: number): Ipv4 {
  return intToIp((ipToInt(ip) | ~prefixMask(prefixLen)) >>> 0);
}

export function inSubnet(ip: Ipv4, network: Ipv4, prefixLen: number): boolean {
  const m = prefixMask(prefixLen);
  return ((ipToInt(ip) & m) >>> 0) === ((ipToInt(network) & m) >>> 0);
}

export function isValidIpv4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

/** `a.b.c.d/len` or a bare address (then /32). Undefined when not valid. */
export function parseCidr(text: string): { address: Ipv4; prefixLen: number } | undefined {
  const [addr, len, extra] = text.split('/');
  if (extra !== undefined || !isValidIpv4(addr)) return undefined;
  if (len === undefined) return { address: ipaddr.IPv4.parse(addr).toString(), prefixLen: 32 };
  if (!/^\d{1,2}$/.test(len) || Number(len) > 32) return undefined;
  return { address: ipaddr.IPv4.parse(addr).toString(), prefixLen: Number(len) };
}

export function macToBytes(mac: Mac): Uint8Array {
  const out = new Uint8Array(6);
  const parts = mac.split(':');
  for (let i = 0; i < 6; i++) out[i] = parseInt(parts[i] ?? '0', 16) || 0;
  return out;
}

export function bytesToMac(b: Uint8Array, offset = 0): Mac {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push((b[offset + i] ?? 0).toString(16).padStart(2, '0'));
  return parts.join(':');
}

/** Docker's container MAC up to 27.x: 02:42 followed by the IPv4 address bytes. */
export function dockerMacFor(ip: Ipv4): Mac {
  const n = ipToInt(ip);
  return ['02', '42', ...[24, 16, 8, 0].map((s) => ((n >>> s) & 255).toString(16).padStart(2, '0'))].join(':');
}

export function isMulticastMac(mac: Mac): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}
