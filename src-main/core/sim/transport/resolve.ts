// Name lookup as glibc does it on the lab's hosts: there is no DNS server in
// the lab, so names resolve through /etc/hosts only (and addresses are themselves).
import { isValidIpv4 } from '../wire/addr.js';

/** The IPv4 address for `name`, or undefined when it cannot be resolved. */
export function resolveHost(name: string, hostsFile: string | undefined): string | undefined {
  if (isValidIpv4(name)) return name;
  const wanted = name.toLowerCase().replace(/\.$/, '');
  for (const line of (hostsFile ?? '').split('\n')) {
    const words = line.replace(/#.*/, '').trim().split(/\s+/);
    if (words.length < 2 || !isValidIpv4(words[0])) continue;
    if (words.slice(1).some((w) => w.toLowerCase() === wanted)) return words[0];
  }
  return wanted === 'localhost' ? '127.0.0.1' : undefined;
}
