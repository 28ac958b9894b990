// Name lookup as glibc does it on the lab's hosts ("files dns"): /etc/hosts
// first, then the DNS server the namespace's resolv.conf names, if the lab
// has one there (Docker's embedded server for user-defined networks); the
// lab has no other DNS server (the gateway that resolv.conf names refuses
// queries). Addresses are themselves.
import { isValidIpv4 } from '../wire/addr.js';

/** A DNS server reachable from a namespace: forward (name to IPv4) and reverse (PTR) answers. */
export interface NameServer {
  lookup(name: string): string | undefined;
  reverse(ip: string): string | undefined;
  /** True when this server answers "no such name" itself; false when it passes unknown names on to the lab gateway, which refuses them. */
  answersNotFound(): boolean;
}

const nameServers = new WeakMap<object, NameServer>();

/** Sets (or with undefined removes) the DNS server `netns`'s resolver asks. */
export function setNameServer(netns: object, server: NameServer | undefined): void {
  if (server) nameServers.set(netns, server);
  else nameServers.delete(netns);
}

/** The DNS server `netns` asks, if the lab has one for it. */
export function nameServerOf(netns: unknown): NameServer | undefined {
  return netns && typeof netns === 'object' ? nameServers.get(netns) : undefined;
}

/** The IPv4 address for `name`, or undefined when it cannot be resolved. */
export function resolveHost(name: string, hostsFile: string | undefined, netns?: unknown): string | undefined {
  if (isValidIpv4(name)) return name;
  const wanted = name.toLowerCase().replace(/\.$/, '');
  for (const line of (hostsFile ?? '').split('\n')) {
    const words = line.replace(/#.*/, '').trim().split(/\s+/);
    if (words.length < 2 || !isValidIpv4(words[0])) continue;
    if (words.slice(1).some((w) => w.toLowerCase() === wanted)) return words[0];
  }
  const fromDns = nameServerOf(netns)?.lookup(wanted);
  if (fromDns) return fromDns;
  return wanted === 'localhost' ? '127.0.0.1' : undefined;
}

/**
 * glibc's words (gai_strerror) for a name `resolveHost` could not resolve in
 * `netns`: Docker's embedded server says the name does not exist; anywhere
 * else the resolver asks the lab gateway, which runs no DNS server and refuses
 * the query, so the lookup fails for now (EAI_AGAIN), not for good.
 */
export function lookupFailure(netns?: unknown): string {
  return nameServerOf(netns)?.answersNotFound() ? 'Name or service not known' : 'Temporary failure in name resolution';
}

/** The name for `ip` (a PTR lookup): its first /etc/hosts name, else the namespace's DNS server's answer. */
export function reverseLookup(ip: string, hostsFile: string | undefined, netns?: unknown): string | undefined {
  for (const line of (hostsFile ?? '').split('\n')) {
    const words = line.replace(/#.*/, '').trim().split(/\s+/);
    if (words.length >= 2 && words[0] === ip) return words[1];
  }
  return nameServerOf(netns)?.reverse(ip);
}
