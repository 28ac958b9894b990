// The one table of what legitimately differs between the real backend's lab
// host (a Debian bullseye container) and the host the simulator plays (the
// article's): tool versions, and the lab host's uplink. Parity rewrites real
// Docker's output with every profile before comparing, so a difference is
// named once here instead of normalized case by case.
import { formatStats, type ErrorCounters, type LinkCounters } from '../../core/shell/commands/ip/link.js';

/** A rewrite of the lab host's wording into the simulated one. */
export interface ProfileRule {
  pattern: RegExp;
  with: string | ((match: string, ...groups: string[]) => string);
}

export interface VersionProfile {
  /** The tool, or the part of the host, that differs. */
  tool: string;
  /** The version the simulator speaks. */
  simulated: string;
  /** The version in the lab host image. */
  labHost: string;
  rules: ProfileRule[];
}

// ip -s [-s] of iproute2 5.9: each direction's header and values, the error counters with -s -s.
const COUNTERS = String.raw`    (\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) *`;
const ERRORS = String.raw` +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) *`;
const IPROUTE2_5_9_STATS = new RegExp(
  String.raw`^    RX: bytes  packets  errors  dropped missed  mcast *\n${COUNTERS}\n` +
    String.raw`(?:    RX errors: length   crc     frame   fifo    overrun *\n${ERRORS}\n)?` +
    String.raw`    TX: bytes  packets  errors  dropped carrier collsns *\n${COUNTERS}` +
    String.raw`(?:\n    TX errors: aborted  fifo   window heartbeat transns *\n${ERRORS})?$`,
  'gm',
);

function statsAsSimulated(block: string): string {
  const numbers = (line: string | undefined) => (line ?? '').trim().split(/ +/).map(Number);
  const lines = block.split('\n');
  const withErrors = lines.length === 8;
  const [rx, tx] = withErrors ? [lines[1], lines[5]] : [lines[1], lines[3]];
  const errors = withErrors ? { rx: numbers(lines[3]) as ErrorCounters, tx: numbers(lines[7]) as ErrorCounters } : undefined;
  return formatStats(numbers(rx) as LinkCounters, numbers(tx) as LinkCounters, errors);
}

/** JSON as iproute2 6.1 pretty-prints it, or the text unchanged when it is not JSON. */
function reindentJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 4);
  } catch {
    return text;
  }
}

export const VERSION_PROFILES: readonly VersionProfile[] = [
  {
    tool: 'tcpdump',
    simulated: '4.9.3',
    labHost: '4.99.0',
    rules: [
      { pattern: /^tcpdump version 4\.99\.0$/gm, with: 'tcpdump version 4.9.3' },
      { pattern: /use -v\[v\]\.\.\. for full/g, with: 'use -v or -vv for full' },
      { pattern: /snapshot length/g, with: 'capture size' },
      { pattern: /can.t parse filter expression: syntax error/g, with: 'syntax error in filter expression: syntax error' },
      // -i any: libpcap 1.10 captures LINUX_SLL2, whose lines name the interface and the direction; 4.9.3 on SLL shows neither
      { pattern: /^tcpdump: data link type LINUX_SLL2\n/gm, with: '' },
      { pattern: /link-type LINUX_SLL2 \(Linux cooked v2\)/g, with: 'link-type LINUX_SLL (Linux cooked)' },
      { pattern: /^(\d\d:\d\d:\d\d\.\d{6} |)\S+ (?:In |Out|B  |M  |P  ) /gm, with: '$1' },
    ],
  },
  {
    tool: 'iputils',
    simulated: 's20211215',
    labHost: '20221126 in the containers (Debian bookworm), 20210202 on the lab host (bullseye)',
    rules: [{ pattern: /^ping from iputils s?\d{8}$/gm, with: 'ping from iputils s20211215' }],
  },
  {
    tool: 'iptables',
    simulated: '1.8.9 (protocol numbers in -L)',
    labHost: '1.8.7 legacy (protocol names in -L)',
    rules: [
      { pattern: / 0 {4}-- /g, with: ' all  -- ' },
      { pattern: / 6 {4}-- /g, with: ' tcp  -- ' },
      { pattern: / 17 {3}-- /g, with: ' udp  -- ' },
      { pattern: / 1 {4}-- /g, with: ' icmp -- ' },
    ],
  },
  {
    tool: 'docker',
    simulated: '20.10.24 (upstream)',
    labHost: "20.10.5+dfsg1 (Debian bullseye's docker.io)",
    rules: [{ pattern: /\b20\.10\.5\+dfsg1\b/g, with: '20.10.24' }],
  },
  {
    tool: 'iproute2',
    simulated: '6.1 (counter columns sized to their values)',
    labHost: '5.9 (fixed counter columns, values left-aligned; its own pretty JSON layout)',
    rules: [
      { pattern: IPROUTE2_5_9_STATS, with: (match) => statsAsSimulated(match) },
      // ip neigh: 5.9 printed two spaces before a state that has no lladdr, and nothing after it
      { pattern: /^(\S+ (?:dev \S+ )?) (INCOMPLETE|FAILED|NONE)$/gm, with: '$1$2 ' },
      // ip -j -p: 5.9's own pretty layout (`[ {`, short arrays on one line); 6.1 indents every value by four
      { pattern: /^\[ \{\n[^]*?\n {4}\} \]$/gm, with: (match) => reindentJson(match) },
    ],
  },
  {
    tool: 'kernel',
    simulated: '5.10 (Debian bullseye)',
    labHost: "the machine's own kernel (6.x: link attributes iproute2 6.1 prints in a container's ip -d)",
    rules: [
      { pattern: / {2}allmulti \d+ minmtu/g, with: ' minmtu' },
      { pattern: / tso_max_size \d+ tso_max_segs \d+ gro_max_size \d+/g, with: '' },
    ],
  },
  {
    tool: 'CPUs',
    simulated: 'two CPUs: a veth has two queues each way',
    labHost: "the machine's CPUs: a veth gets a queue per possible CPU (veth_get_num_queues)",
    rules: [{ pattern: /^( {4}(?:veth|bridge_slave) .*?)numtxqueues \d+ numrxqueues \d+/gm, with: '$1numtxqueues 2 numrxqueues 2' }],
  },
  {
    tool: 'ens160',
    simulated: 'a NIC on the lab network',
    labHost: "a veth whose peer is the lab switch's port in the switch's own namespace, which so takes the host's netnsid 0",
    rules: [
      // its peer's namespace: after the MAC (ip link, plain and one-line -o), or at the end of the first line (ip -4/-6 addr)
      { pattern: /^(\d+: ens160\S*: [^\n]*?(?:\n|\\) {4}link\/ether \S+ brd \S+) link-netnsid 0\b/gm, with: '$1' },
      { pattern: /^(\d+: ens160\S*: <[^\n]*?) link-netnsid 0$/gm, with: '$1' },
      // ip -d: the NIC's MTU range and no kind line of its own
      {
        pattern: /^(\d+: ens160\S*: .*\n {4}link\/ether \S+ brd \S+ promiscuity \d+ minmtu 68) maxmtu 65535 \n {4}veth ((?:addrgenmode eui64 )?)numtxqueues \d+ numrxqueues \d+/gm,
        with: '$1 maxmtu 9000 $2numtxqueues 1 numrxqueues 1',
      },
      // ip -j link and ip -j addr (where addr_info follows the link's fields)
      { pattern: /\{"ifindex":(\d+),"link_index":\d+,"ifname":"ens160",(.*?),"qdisc":"noqueue",(.*?),"link_netnsid":0([,}])/g, with: '{"ifindex":$1,"ifname":"ens160",$2,"qdisc":"mq",$3$4' },
      { pattern: /\blink-netnsid ([1-9]\d*)/g, with: (_match, id) => `link-netnsid ${Number(id) - 1}` },
      { pattern: /"link_netnsid":([1-9]\d*)/g, with: (_match, id) => `"link_netnsid":${Number(id) - 1}` },
      // ip -br pads the name column to 16
      // ip -br pads the name column to 16; an IPv6 listing names the peer by its index in the wrong namespace
      { pattern: /^ens160@\S+ +/gm, with: 'ens160'.padEnd(17) },
      { pattern: /\bens160@(if\d+|docker0)/g, with: 'ens160' },
      { pattern: /^(\d+: ens160: <[A-Z_,]*> mtu \d+ qdisc) noqueue/gm, with: '$1 mq' },
    ],
  },
];

/** Real Docker's output as the simulated host would word it. */
export function asSimulated(text: string): string {
  let out = text;
  for (const rule of VERSION_PROFILES.flatMap((p) => p.rules)) {
    out = typeof rule.with === 'string' ? out.replace(rule.pattern, rule.with) : out.replace(rule.pattern, rule.with as (m: string, ...g: string[]) => string);
  }
  return out;
}
