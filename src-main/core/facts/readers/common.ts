// What every reader needs: the lines of an output, the options of a command
// line, and canonical addresses, ports and protocols.
import ipaddr from 'ipaddr.js';

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Non-empty lines of an output, without trailing blanks. */
export function outputLines(output: string): string[] {
  return output.split('\n').map((line) => line.replace(/\s+$/, '')).filter((line) => line !== '');
}

/** Short options given alone or bundled (`-nvL` gives n, v, L); long options are not expanded. */
export function shortFlags(argv: readonly string[]): Set<string> {
  const flags = new Set<string>();
  for (const a of argv) {
    if (a === '--') break;
    if (/^-[A-Za-z0-9]+$/.test(a)) for (const c of a.slice(1)) flags.add(c);
  }
  return flags;
}

/** Whether any of the options is given: `-v` as a bundled short flag, `--verbose` as a long one. */
export function hasOption(argv: readonly string[], ...names: string[]): boolean {
  const flags = shortFlags(argv);
  return names.some((n) => (n.startsWith('--') ? argv.some((a) => a === n || a.startsWith(`${n}=`)) : flags.has(n.slice(1))));
}

/** The value of an option: `-t nat`, `-tnat`, `--table nat`, `--table=nat`. */
export function optionValue(argv: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    for (const n of names) {
      if (a === n) return argv[i + 1];
      if (n.startsWith('--') && a.startsWith(`${n}=`)) return a.slice(n.length + 1);
      if (!n.startsWith('--') && a.startsWith(n) && a.length > n.length && !a.startsWith('--')) return a.slice(n.length);
    }
  }
  return undefined;
}

/** The word after `key` in a `key value key value` line (`dev eth0 proto kernel`). */
export function wordAfter(words: readonly string[], key: string): string | undefined {
  const at = words.indexOf(key);
  return at >= 0 ? words[at + 1] : undefined;
}

/** An IPv4/IPv6 address in canonical text, or undefined for anything else. */
export function canonicalAddress(text: string): string | undefined {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return undefined;
  if (!bare.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(bare)) return undefined;
  const parsed = ipaddr.parse(bare);
  // RFC 5952 writes an IPv4-mapped address with its IPv4 part dotted.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return `::ffff:${(parsed as ipaddr.IPv6).toIPv4Address().toString()}`;
  return parsed.toString();
}

/** A network as `a.b.c.d/n` (host bits kept as printed); a bare address gets /32 or /128. */
export function canonicalCidr(text: string): string | undefined {
  const slash = text.indexOf('/');
  const address = canonicalAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const max = address.includes(':') ? 128 : 32;
  if (slash < 0) return `${address}/${max}`;
  const mask = text.slice(slash + 1);
  if (/^\d+$/.test(mask) && Number(mask) <= max) return `${address}/${Number(mask)}`;
  // iptables -L prints a non-CIDR mask as a dotted quad.
  if (max === 32 && ipaddr.IPv4.isValidFourPartDecimal(mask)) {
    const prefix = ipaddr.IPv4.parse(mask).prefixLengthFromSubnetMask();
    if (prefix !== null) return `${address}/${prefix}`;
  }
  return undefined;
}

/** A MAC address in lower case, or undefined. */
export function canonicalMac(text: string): string | undefined {
  return /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(text) ? text.toLowerCase() : undefined;
}

/** A decimal integer, or undefined. */
export function integer(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** A decimal number (`0.096`), or undefined. */
export function decimal(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** Well-known services as /etc/services names them (what tools print without -n). */
const SERVICES: Readonly<Record<string, number>> = {
  ftp: 21, ssh: 22, telnet: 23, smtp: 25, domain: 53, bootps: 67, bootpc: 68, tftp: 69, http: 80, 'www-http': 80, www: 80,
  kerberos: 88, pop3: 110, sunrpc: 111, ntp: 123, 'netbios-ns': 137, imap2: 143, imap: 143, snmp: 161, ldap: 389, https: 443,
  microsoft_ds: 445, 'microsoft-ds': 445, submission: 587, ldaps: 636, imaps: 993, pop3s: 995, openvpn: 1194, mysql: 3306,
  'cisco-sccp': 2000, postgresql: 5432, mdns: 5353, 'http-alt': 8080, webcache: 8080, webmin: 10000,
};

/** A port given as a number or a service name. */
export function portNumber(text: string): number | undefined {
  const n = integer(text);
  if (n !== undefined) return n <= 65535 ? n : undefined;
  return SERVICES[text.toLowerCase()];
}

const PROTOCOL_NAMES: Readonly<Record<number, string>> = { 0: 'all', 1: 'icmp', 2: 'igmp', 6: 'tcp', 17: 'udp', 47: 'gre', 50: 'esp', 51: 'ah', 58: 'ipv6-icmp', 132: 'sctp' };

/** A protocol by name (`tcp`, `all`) or number (`6`, `0`) as its lower-case name. */
export function protocolName(text: string): string {
  const n = integer(text);
  if (n !== undefined) return PROTOCOL_NAMES[n] ?? text;
  const lower = text.toLowerCase();
  return lower === 'icmpv6' ? 'ipv6-icmp' : lower;
}

export function protocolNumber(name: string): number | undefined {
  const entry = Object.entries(PROTOCOL_NAMES).find(([, n]) => n === name);
  return entry ? Number(entry[0]) : undefined;
}

/** FNV-1a over the UTF-16 code units, as 8 hex digits: a short stable fingerprint of a text. */
export function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
