// Facts: what a tool's output proves, typed as a network engineer would name
// it. A reader turns the text a tool printed into facts; checks compare facts,
// never the text. Addresses are strings in canonical form (IPv4 dotted quad,
// IPv6 compressed, networks as CIDR), ports and counters are numbers. Every
// fact keeps `text`, the printed line(s) it was read from, so an explanation
// can quote what the learner actually saw.

interface FactBase {
  /** The printed line (or lines, joined by "\n") this fact was read from. */
  readonly text: string;
}

// ---------------------------------------------------------------- iptables

/** Which listing a rule or chain was read from. */
export type IptablesForm =
  /** `iptables -L` without `-n`: names (anywhere, http, host names) */
  | 'list-names'
  /** `iptables -L -n`: numbers */
  | 'list-numeric'
  /** `iptables -S` */
  | 'spec'
  /** `iptables-save` */
  | 'save';

/** A source or destination as the rule matches it. */
export interface AddressMatch {
  /** As printed: `anywhere`, `172.17.0.5`, `0.0.0.0/0`, `localhost`. */
  readonly printed: string;
  /** Canonical network (`0.0.0.0/0`, `172.17.0.5/32`); undefined when the printed name cannot be resolved safely. */
  readonly cidr: string | undefined;
  readonly negated: boolean;
}

/** An in/out interface match; a rule without one matches any interface. */
export interface InterfaceMatch {
  /** `docker0`, `veth+` (a + is a prefix wildcard). */
  readonly name: string;
  readonly negated: boolean;
}

/** A port match (`dpt:81`, `dpt:http`, `--dport 80`, `dpts:1000:2000`). */
export interface PortMatch {
  readonly printed: string;
  /** The first port of the match, when known (service names are resolved). */
  readonly port: number | undefined;
  /** The last port of a range (`dpts:1000:2000`); equal to port for a single port. */
  readonly lastPort: number | undefined;
  readonly negated: boolean;
}

/** What the rule matches beyond the columns, and where its target sends the packet. */
export interface RuleExtras {
  readonly dport?: PortMatch;
  readonly sport?: PortMatch;
  /** `-m multiport --dports 80,443` / `multiport dports 80,443` */
  readonly dports?: readonly number[];
  /** `state RELATED,ESTABLISHED` / `--state` */
  readonly state?: readonly string[];
  /** `ctstate RELATED,ESTABLISHED` / `--ctstate` */
  readonly ctstate?: readonly string[];
  /** `ADDRTYPE match dst-type LOCAL` / `--dst-type LOCAL` */
  readonly dstType?: string;
  readonly srcType?: string;
  /** DNAT's `to:172.17.0.5:80` / `--to-destination` as printed */
  readonly toDestination?: string;
  /** SNAT's `to:1.2.3.4` / `--to-source` as printed */
  readonly toSource?: string;
  /** MASQUERADE/REDIRECT `masq ports: 1024-2000` / `redir ports 8080` / `--to-ports` */
  readonly toPorts?: string;
  /** `icmp echo-request` / `--icmp-type 8` as printed */
  readonly icmpType?: string;
  /** `/* text *\/` or `--comment` */
  readonly comment?: string;
  /** `reject-with icmp-port-unreachable` */
  readonly rejectWith?: string;
  /** `MARK set 0x1` / `--set-xmark` as printed */
  readonly mark?: string;
}

export interface IptablesRuleFact extends FactBase {
  readonly kind: 'iptables-rule';
  readonly form: IptablesForm;
  /** From `-t`, a `*nat` section of iptables-save, or undefined (filter by default when the command named none). */
  readonly table: string | undefined;
  /** Undefined when the chain title was not in the output (e.g. cut away by grep). */
  readonly chain: string | undefined;
  /** Undefined for a rule without a target (only counts). */
  readonly target: string | undefined;
  /** Canonical name: `all`, `tcp`, `udp`, `icmp`, ... (numbers 0/6/17/1 are mapped). */
  readonly protocol: string;
  readonly protocolNegated: boolean;
  readonly inInterface: InterfaceMatch | undefined;
  readonly outInterface: InterfaceMatch | undefined;
  readonly source: AddressMatch;
  readonly destination: AddressMatch;
  readonly extras: RuleExtras;
  /** The match/target text after the columns (`tcp dpt:81 to:172.17.0.5:80`), or the options of -S/save. */
  readonly extraText: string;
  /** Counters when shown (-v, -S -v, iptables-save -c). */
  readonly packets: number | undefined;
  readonly bytes: number | undefined;
  /** False when -v without -x printed rounded counters like `12K`. */
  readonly countersExact: boolean;
  /** With --line-numbers. */
  readonly lineNumber: number | undefined;
}

export interface IptablesChainFact extends FactBase {
  readonly kind: 'iptables-chain';
  readonly form: IptablesForm;
  readonly table: string | undefined;
  readonly name: string;
  /** Built-in chains have a policy (ACCEPT/DROP); user chains have none. */
  readonly policy: string | undefined;
  /** Policy counters, when shown. */
  readonly packets: number | undefined;
  readonly bytes: number | undefined;
  /** `(2 references)` in -L. */
  readonly references: number | undefined;
}

// ---------------------------------------------------------------- tcpdump

export type CaptureDirection = 'In' | 'Out' | 'P' | 'M' | 'B';

export interface CapturedPacketFact extends FactBase {
  readonly kind: 'packet';
  /** From the line with `-i any`, else from `-i IFACE` of the command; undefined when unknown. */
  readonly interface: string | undefined;
  /** `In`/`Out`/`P` (sent by this host to another, seen on a bridge port)... printed with `-i any`. */
  readonly direction: CaptureDirection | undefined;
  readonly time: string | undefined;
  /** With -e: link-layer header. */
  readonly link?: {
    readonly srcMac: string;
    readonly dstMac: string;
    /** `IPv4`, `ARP`, `IPv6`, as printed in `ethertype IPv4 (0x0800)`. */
    readonly ethertype: string | undefined;
    readonly frameLength: number | undefined;
  };
  /** `IP`, `IP6`, `ARP`, or another printed network layer name. */
  readonly network: string;
  readonly src: string | undefined;
  readonly dst: string | undefined;
  /** `tcp`, `udp`, `icmp`, `icmp6`, `arp`, or undefined when not printed. */
  readonly protocol: string | undefined;
  readonly srcPort: number | undefined;
  readonly dstPort: number | undefined;
  /** TCP flags as printed inside `Flags [...]`: `S`, `S.`, `.`, `P.`, `F.`, `R.`. */
  readonly tcpFlags: string | undefined;
  readonly icmp?: {
    /** `echo request`, `echo reply`, `destination unreachable`, `time exceeded`, ... */
    readonly type: string;
    /** ICMP type and code numbers where the type is known. */
    readonly typeNumber: number | undefined;
    readonly code: number | undefined;
    readonly id: number | undefined;
    readonly seq: number | undefined;
    /** For an error, the text after the comma (`172.17.0.5 tcp port 81 unreachable`). */
    readonly detail?: string;
  };
  readonly arp?: {
    readonly op: 'request' | 'reply';
    /** The asked address (`who-has X`) or the answered one (`X is-at MAC`). */
    readonly target: string;
    /** `tell Y` of a request. */
    readonly sender: string | undefined;
    /** `is-at MAC` of a reply. */
    readonly mac: string | undefined;
  };
  /** With -v: IP header fields. */
  readonly ttl: number | undefined;
  readonly ipLength: number | undefined;
  /** `length N` at the end (payload length for TCP/UDP, ICMP length). */
  readonly length: number | undefined;
  /** Application summary after the length (`HTTP: GET / HTTP/1.1`). */
  readonly application: string | undefined;
}

/** `listening on docker0, link-type EN10MB (Ethernet), ...` */
export interface CaptureStartFact extends FactBase {
  readonly kind: 'capture-start';
  readonly interface: string;
  readonly linkType: string | undefined;
}

/** `12 packets captured` / `received by filter` / `dropped by kernel`. */
export interface CaptureSummaryFact extends FactBase {
  readonly kind: 'capture-summary';
  readonly captured: number | undefined;
  readonly receivedByFilter: number | undefined;
  readonly droppedByKernel: number | undefined;
}

// ---------------------------------------------------------------- ping

/** `PING 172.17.0.2 (172.17.0.2) 56(84) bytes of data.` */
export interface PingStartFact extends FactBase {
  readonly kind: 'ping-start';
  /** As given on the command line (name or address). */
  readonly target: string;
  readonly address: string | undefined;
  readonly payloadBytes: number | undefined;
}

export interface PingReplyFact extends FactBase {
  readonly kind: 'ping-reply';
  readonly from: string;
  /** `64 bytes from web (172.17.0.5)`: the name when one was printed. */
  readonly fromName: string | undefined;
  readonly bytes: number | undefined;
  readonly icmpSeq: number | undefined;
  readonly ttl: number | undefined;
  readonly timeMs: number | undefined;
}

export interface PingStatisticsFact extends FactBase {
  readonly kind: 'ping-statistics';
  readonly target: string | undefined;
  readonly transmitted: number;
  readonly received: number;
  readonly errors: number;
  readonly lossPercent: number;
  readonly timeMs: number | undefined;
  readonly rtt?: { readonly min: number; readonly avg: number; readonly max: number; readonly mdev: number };
}

export type PingErrorKind = 'host-unreachable' | 'network-unreachable' | 'request-timeout' | 'unknown-host' | 'port-unreachable' | 'time-exceeded' | 'other';

export interface PingErrorFact extends FactBase {
  readonly kind: 'ping-error';
  readonly error: PingErrorKind;
  /** The address that reported it (`From 172.17.0.2 icmp_seq=1 ...`). */
  readonly from: string | undefined;
  readonly icmpSeq: number | undefined;
  /** The name that could not be resolved, for `unknown-host`. */
  readonly target: string | undefined;
}

// ---------------------------------------------------------------- ip

export interface IpAddressFact extends FactBase {
  readonly kind: 'ip-address';
  /** Undefined when only an inet6 line without its interface block was kept (e.g. by grep). */
  readonly interface: string | undefined;
  readonly index: number | undefined;
  readonly flags: readonly string[];
  /** Operational state (`UP`, `DOWN`, `UNKNOWN`, `LOWERLAYERDOWN`). */
  readonly state: string | undefined;
  readonly mtu: number | undefined;
  readonly family: 'inet' | 'inet6';
  readonly address: string;
  readonly prefixLength: number;
  /** `172.17.0.1/16` (the address with its prefix, not the network). */
  readonly cidr: string;
  readonly broadcast: string | undefined;
  readonly scope: string | undefined;
  readonly master: string | undefined;
  readonly linkNetnsid: number | undefined;
  /** `eth0@if69`: the index of the peer of a veth. */
  readonly peerIndex: number | undefined;
  /** `vethab12@eth0` / `eth0@vethX`: the peer by name when printed so. */
  readonly peerName: string | undefined;
}

export interface IpLinkFact extends FactBase {
  readonly kind: 'ip-link';
  readonly interface: string;
  readonly index: number | undefined;
  readonly flags: readonly string[];
  readonly state: string | undefined;
  readonly mtu: number | undefined;
  readonly master: string | undefined;
  /** `ether`, `loopback`, `none`. */
  readonly linkType: string | undefined;
  readonly mac: string | undefined;
  readonly linkNetnsid: number | undefined;
  readonly peerIndex: number | undefined;
  readonly peerName: string | undefined;
  /** With -d: `veth`, `bridge`, ... */
  readonly deviceType: string | undefined;
}

export interface IpRouteFact extends FactBase {
  readonly kind: 'ip-route';
  /** `default` is given as `0.0.0.0/0`; a host route as `a.b.c.d/32`. */
  readonly dst: string;
  readonly default: boolean;
  /** `local`, `broadcast`, `unreachable`, ... when printed before the destination. */
  readonly type: string | undefined;
  readonly via: string | undefined;
  readonly dev: string | undefined;
  readonly proto: string | undefined;
  readonly scope: string | undefined;
  readonly src: string | undefined;
  readonly metric: number | undefined;
  readonly table: string | undefined;
  readonly linkdown: boolean;
}

export interface IpNeighFact extends FactBase {
  readonly kind: 'ip-neigh';
  readonly address: string;
  readonly dev: string | undefined;
  readonly lladdr: string | undefined;
  /** `REACHABLE`, `STALE`, `DELAY`, `FAILED`, `INCOMPLETE`, `PERMANENT`, `NOARP`. */
  readonly state: readonly string[];
  readonly router: boolean;
}

// ---------------------------------------------------------------- bridge

export interface BridgeLinkFact extends FactBase {
  readonly kind: 'bridge-link';
  readonly port: string;
  readonly index: number | undefined;
  readonly peerIndex: number | undefined;
  readonly flags: readonly string[];
  readonly mtu: number | undefined;
  readonly master: string | undefined;
  /** STP state: `forwarding`, `disabled`, `blocking`, `listening`, `learning`. */
  readonly state: string | undefined;
  readonly priority: number | undefined;
  readonly cost: number | undefined;
}

export interface BridgeFdbFact extends FactBase {
  readonly kind: 'bridge-fdb';
  readonly mac: string;
  readonly dev: string | undefined;
  readonly master: string | undefined;
  readonly vlan: number | undefined;
  readonly permanent: boolean;
  readonly static: boolean;
  readonly self: boolean;
}

// ---------------------------------------------------------------- docker

export interface DockerPortMapping {
  readonly containerPort: number;
  readonly protocol: string;
  /** Undefined when only exposed, not published. */
  readonly hostIp: string | undefined;
  readonly hostPort: number | undefined;
}

/** A row of `docker ps`, or a container named by `docker inspect`/`--format`. */
export interface DockerContainerFact extends FactBase {
  readonly kind: 'docker-container';
  /** As printed (12 hex digits in `docker ps`, 64 in inspect). */
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly image: string | undefined;
  readonly command: string | undefined;
  readonly created: string | undefined;
  /** `Up 5 minutes`, `Exited (0) 2 seconds ago`, or inspect's `running`. */
  readonly status: string | undefined;
  readonly running: boolean | undefined;
  readonly ports: readonly DockerPortMapping[];
}

/** A published port: `docker port web` (`80/tcp -> 172.16.211.128:81`), ps's PORTS column, inspect's Ports. */
export interface DockerPortMappingFact extends FactBase, DockerPortMapping {
  readonly kind: 'docker-port-mapping';
  readonly container: string | undefined;
}

export interface DockerNetworkEndpoint {
  readonly name: string | undefined;
  readonly id: string | undefined;
  /** Without its prefix length. */
  readonly ipv4Address: string | undefined;
  readonly prefixLength: number | undefined;
  readonly macAddress: string | undefined;
}

export interface DockerNetworkFact extends FactBase {
  readonly kind: 'docker-network';
  readonly id: string | undefined;
  readonly name: string;
  readonly driver: string | undefined;
  readonly scope: string | undefined;
  readonly subnet: string | undefined;
  readonly gateway: string | undefined;
  /** `com.docker.network.bridge.name` (docker0 for bridge). */
  readonly bridgeName: string | undefined;
  readonly containers: readonly DockerNetworkEndpoint[];
}

export interface ContainerNetworkAttachment {
  readonly network: string;
  readonly ipAddress: string | undefined;
  readonly prefixLength: number | undefined;
  readonly gateway: string | undefined;
  readonly macAddress: string | undefined;
}

/** What `docker inspect CONTAINER` (JSON or a recognisable `--format`) showed. Fields not shown are undefined. */
export interface ContainerInspectFact extends FactBase {
  readonly kind: 'container-inspect';
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly image: string | undefined;
  readonly ipAddress: string | undefined;
  readonly prefixLength: number | undefined;
  readonly gateway: string | undefined;
  readonly macAddress: string | undefined;
  readonly networkMode: string | undefined;
  readonly pid: number | undefined;
  readonly running: boolean | undefined;
  readonly sandboxKey: string | undefined;
  readonly networks: readonly ContainerNetworkAttachment[];
  readonly ports: readonly DockerPortMapping[];
}

/** One printed value of `docker ... --format TEMPLATE` whose template names a single field. */
export interface DockerFormatValueFact extends FactBase {
  readonly kind: 'docker-format-value';
  /** The field path without braces and dot: `NetworkSettings.IPAddress`, `Name`, `State.Pid`. */
  readonly field: string;
  readonly value: string;
  /** The object asked about, when the command named exactly one. */
  readonly subject: string | undefined;
}

// ---------------------------------------------------------------- http

export interface HttpBodySeen {
  readonly bytes: number;
  readonly lines: number;
  readonly firstLines: readonly string[];
  readonly lastLines: readonly string[];
  /** A short stable digest (FNV-1a, hex) of the body text as printed. */
  readonly digest: string;
  /** The HTML <title>, when the body has one. */
  readonly title: string | undefined;
}

export interface HttpResponseFact extends FactBase {
  readonly kind: 'http-response';
  readonly tool: 'curl' | 'wget';
  /** The URL from the command line (or from `--2026-... http://...` of wget). */
  readonly url: string | undefined;
  /** The address and port connected to, when -v printed it. */
  readonly connectedTo: { readonly address: string; readonly port: number } | undefined;
  readonly httpVersion: string | undefined;
  readonly statusCode: number | undefined;
  readonly reason: string | undefined;
  readonly server: string | undefined;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as printed to the terminal; undefined when none was printed (-I, -o FILE, wget to a file). */
  readonly body: HttpBodySeen | undefined;
  /** Where the body went instead of the terminal (`-o FILE`, wget's `‘index.html’ saved`). */
  readonly savedTo: string | undefined;
}

export type ConnectionErrorKind = 'refused' | 'timeout' | 'no-route' | 'unresolved' | 'reset' | 'other';

/** curl/wget could not fetch: `curl: (7) Failed to connect to ... port 81: Connection refused`. */
export interface ConnectionErrorFact extends FactBase {
  readonly kind: 'connection-error';
  readonly tool: string;
  readonly error: ConnectionErrorKind;
  readonly host: string | undefined;
  readonly port: number | undefined;
}

// ---------------------------------------------------------------- ss, conntrack, sysctl

export interface SocketEndpoint {
  /** `0.0.0.0`, `*`, `[::]`... canonicalised: `*` and `0.0.0.0` become `0.0.0.0`, `[::]` becomes `::`. */
  readonly address: string;
  /** Undefined for `*`. */
  readonly port: number | undefined;
  /** As printed (`0.0.0.0:80`, `*:*`, `%lo:53`). */
  readonly printed: string;
}

export interface SocketFact extends FactBase {
  readonly kind: 'socket';
  /** `tcp`, `udp`, `u_str`, ... (from Netid, or from -t/-u when the column is absent). */
  readonly proto: string | undefined;
  readonly state: string | undefined;
  readonly recvQ: number | undefined;
  readonly sendQ: number | undefined;
  readonly local: SocketEndpoint;
  readonly peer: SocketEndpoint;
  readonly processes: readonly { readonly name: string; readonly pid: number; readonly fd: number | undefined }[];
}

export interface ConntrackTuple {
  readonly src: string | undefined;
  readonly dst: string | undefined;
  readonly sport: number | undefined;
  readonly dport: number | undefined;
  /** ICMP: type, code, id. */
  readonly icmpType?: number;
  readonly icmpCode?: number;
  readonly icmpId?: number;
  readonly packets?: number;
  readonly bytes?: number;
}

export interface ConntrackEntryFact extends FactBase {
  readonly kind: 'conntrack-entry';
  readonly proto: string;
  readonly protoNumber: number | undefined;
  readonly timeout: number | undefined;
  /** TCP state (`ESTABLISHED`, `TIME_WAIT`, ...). */
  readonly state: string | undefined;
  readonly original: ConntrackTuple;
  readonly reply: ConntrackTuple;
  /** `ASSURED`, `UNREPLIED`, ... without brackets. */
  readonly flags: readonly string[];
  readonly mark: number | undefined;
  readonly zone: number | undefined;
  readonly use: number | undefined;
}

export interface SysctlValueFact extends FactBase {
  readonly kind: 'sysctl';
  /** Dotted form: `net.ipv4.ip_forward` (slashes of `net/ipv4/...` become dots). */
  readonly key: string;
  readonly value: string;
}

// ---------------------------------------------------------------- the union

export type Fact =
  | IptablesRuleFact
  | IptablesChainFact
  | CapturedPacketFact
  | CaptureStartFact
  | CaptureSummaryFact
  | PingStartFact
  | PingReplyFact
  | PingStatisticsFact
  | PingErrorFact
  | IpAddressFact
  | IpLinkFact
  | IpRouteFact
  | IpNeighFact
  | BridgeLinkFact
  | BridgeFdbFact
  | DockerContainerFact
  | DockerPortMappingFact
  | DockerNetworkFact
  | ContainerInspectFact
  | DockerFormatValueFact
  | HttpResponseFact
  | ConnectionErrorFact
  | SocketFact
  | ConntrackEntryFact
  | SysctlValueFact;

export type FactKind = Fact['kind'];

/** The fact of one kind: `FactOf<'iptables-rule'>` is IptablesRuleFact. */
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;

/** What produced an output: the tool's name and its arguments (without the tool itself). */
export interface Producer {
  readonly tool: string;
  readonly argv: readonly string[];
}
