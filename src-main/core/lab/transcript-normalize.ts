// Volatile fields that differ between runs and between the real engine and
// the simulator, replaced by placeholders in expected and actual alike (golden
// tests and the parity report).
export interface Replacement {
  pattern: RegExp;
  with: string;
}

export const VOLATILE: readonly Replacement[] = [
  // 2026-11-26T09:26:26.780216189Z (docker inspect)
  { pattern: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, with: '<iso-time>' },
  // tcpdump timestamps 09:26:30.787556
  { pattern: /\b\d\d:\d\d:\d\d\.\d{6}\b/g, with: '<time>' },
  // container ids: 64 hex, and 12 hex as docker ps and netns paths show them
  { pattern: /\b[0-9a-f]{64}\b/g, with: '<id>' },
  { pattern: /\b[0-9a-f]{12}\b/g, with: '<short-id>' },
  // MACs the kernel picks at random (Docker's 02:42:<ip> ones are stable)
  { pattern: /\b(?!02:42:)[0-9a-f]{2}(:[0-9a-f]{2}){5}\b/g, with: '<mac>' },
  // a Docker bridge's MAC: 02:42 and four random bytes (its containers' are 02:42:<their IPv4 address>)
  { pattern: /\b02:42:(?!ac:)[0-9a-f]{2}(:[0-9a-f]{2}){3}\b/g, with: '<bridge-mac>' },
  // IPv6 link-local addresses made from those random MACs (Docker's container ones are stable), and the
  // duplicate address detection still running on a link that just came up
  { pattern: /\bfe80::(?!42:acff:)[0-9a-f]{1,4}(:[0-9a-f]{1,4}){0,3}\b/g, with: 'fe80::<eui64>' },
  { pattern: / scope link tentative/g, with: ' scope link' },
  // and the solicited-node multicast groups of those addresses (ip maddr)
  { pattern: /\bff02::1:ff(?!11:)[0-9a-f]{2}:[0-9a-f]{1,4}\b/g, with: 'ff02::1:ff<eui64>' },
  // host-side veth names
  { pattern: /\bveth[0-9a-f]{7}\b/g, with: '<veth>' },
  // ping round-trip times and statistics
  { pattern: /time=\d+(\.\d+)? ms/g, with: 'time=<rtt> ms' },
  { pattern: /rtt min\/avg\/max\/mdev = [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms/g, with: 'rtt min/avg/max/mdev = <rtt>' },
  { pattern: /, time \d+ms/g, with: ', time <ms>ms' },
  // ICMP ids, TCP sequence numbers and timestamps, ephemeral ports
  { pattern: /\bid \d+, seq/g, with: 'id <id>, seq' },
  { pattern: /\bseq \d{4,}(:\d+)?/g, with: 'seq <seq>' },
  { pattern: /\back \d{4,}/g, with: 'ack <seq>' },
  { pattern: /TS val \d+ ecr \d+/g, with: 'TS val <ts> ecr <ts>' },
  { pattern: /\b(172\.16\.211\.\d+)\.(3[2-9]\d{3}|[4-6]\d{4})\b/g, with: '$1.<port>' },
  // the same in conntrack's listing, and its ICMP ids
  { pattern: /\b(sport|dport)=(3[2-9]\d{3}|[4-6]\d{4})\b/g, with: '$1=<port>' },
  { pattern: /\bid=\d+\b/g, with: 'id=<id>' },
  // IPv4 header ids (random for DF packets), as tcpdump -v prints them
  { pattern: /\bid \d+, offset\b/g, with: 'id <ip-id>, offset' },
  // wall-clock dates in HTTP headers and in the http.server request log
  { pattern: /^([<>] )?Date: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/gm, with: '$1Date: <http-date>' },
  { pattern: /\[\d\d\/\w{3}\/\d{4} \d\d:\d\d:\d\d\]/g, with: '[<log-time>]' },
  // a background job's PID as bash announces it: [1] 4242
  { pattern: /^\[(\d+)\] \d+$/gm, with: '[$1] <pid>' },
];

export function normalize(text: string, extra: readonly Replacement[] = []): string {
  let out = text.replace(/[ \t]+$/gm, '');
  for (const r of [...VOLATILE, ...extra]) out = out.replace(r.pattern, r.with);
  return out.replace(/\n+$/, '\n');
}

// cspell:words mdev
