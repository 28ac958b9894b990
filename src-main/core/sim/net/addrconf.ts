// IPv6 addresses as a Linux host shows them (net/ipv6/addrconf.c): ::1 on lo
// once it is up, and on every other link a link-local fe80::/64 address made
// from its MAC (modified EUI-64) once it is up with carrier (a bridge: once a
// port brings it carrier), kept until the link goes down; none where
// net.ipv6.conf.<device>.disable_ipv6 is 1. The simulator carries no IPv6
// traffic: these are the addresses and the routes the kernel adds for them.
import ipaddr from 'ipaddr.js';
import { macToBytes, type Mac } from '../wire/addr.js';
import type { Inet6Address, NetDevice } from '../link/device.js';

/** fe80::/64 plus the modified EUI-64 interface identifier of `mac` (RFC 4291 appendix A). */
export function linkLocalFromMac(mac: Mac): string {
  const b = macToBytes(mac);
  const id = [((b[0]! ^ 0x02) << 8) | b[1]!, (b[2]! << 8) | 0xff, (0xfe << 8) | b[3]!, (b[4]! << 8) | b[5]!];
  return new ipaddr.IPv6([0xfe80, 0, 0, 0, ...id]).toString();
}

/**
 * The device's IPv6 addresses after a change of its state: cleared when it is
 * down or IPv6 is off on it, otherwise the one the kernel configures when it
 * can. `order` numbers the assignments, as routes are listed in that order.
 */
export function configureInet6(dev: NetDevice, disabled: boolean, order: () => number): void {
  if (disabled || !dev.adminUp) {
    dev.inet6.length = 0;
    return;
  }
  if (dev.inet6.length > 0) return;
  if (dev.kind === 'loopback') dev.inet6.push({ address: '::1', prefixLen: 128, scope: 'host', order: order() });
  else if (dev.carrier) dev.inet6.push({ address: linkLocalFromMac(dev.mac), prefixLen: 64, scope: 'link', order: order() });
}

/** The local-table key of an address: its 128 bits, so listings sort as the kernel's trie does. */
export function inet6SortKey(a: Inet6Address): bigint {
  return ipaddr.IPv6.parse(a.address).parts.reduce((n, part) => (n << 16n) | BigInt(part), 0n);
}
