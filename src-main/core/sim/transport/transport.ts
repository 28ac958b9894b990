// A namespace's transport layer: the TCP and UDP socket tables, demultiplexing
// of delivered segments, RST and ICMP port unreachable for closed ports,
// ephemeral ports, and the calls applications (and docker-proxy) make.
import type { DeliveryContext, IcmpErrorReport, TransportLayer } from '../net/hooks.js';
import { tcpResetFor } from '../net/closed-ports.js';
import type { NetNamespace } from '../net/namespace.js';
import {
  ICMP_ADMIN_PROHIBITED,
  ICMP_DEST_UNREACH,
  ICMP_HOST_UNREACH,
  ICMP_NET_UNREACH,
  ICMP_PORT_UNREACH,
  ipv4,
  type Ipv4Packet,
  type TcpSegment,
} from '../wire/packet.js';
import { isValidIpv4 } from '../wire/addr.js';
import { SocketError } from './errors.js';
import { LINUX_TCP, TcpConnection, type SocketErrorCode, type TcpEnv, type TcpState } from './tcp-connection.js';
import { TcpSocket, Waiters, type SocketOwner } from './tcp-socket.js';
import { UdpSocket, type UdpHost } from './udp-socket.js';

export const ANY_ADDRESS = '0.0.0.0';

/** Socket states as `ss` names them. */
export type SsState =
  | 'LISTEN'
  | 'UNCONN'
  | 'ESTAB'
  | 'SYN-SENT'
  | 'SYN-RECV'
  | 'FIN-WAIT-1'
  | 'FIN-WAIT-2'
  | 'CLOSE-WAIT'
  | 'CLOSING'
  | 'LAST-ACK'
  | 'TIME-WAIT';

const SS_STATE: Record<Exclude<TcpState, 'CLOSED'>, SsState> = {
  SYN_SENT: 'SYN-SENT',
  SYN_RECEIVED: 'SYN-RECV',
  ESTABLISHED: 'ESTAB',
  FIN_WAIT_1: 'FIN-WAIT-1',
  FIN_WAIT_2: 'FIN-WAIT-2',
  CLOSE_WAIT: 'CLOSE-WAIT',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST-ACK',
  TIME_WAIT: 'TIME-WAIT',
};

/** One line of the socket tables, as `ss` reads them from the kernel. */
export interface SocketEntry {
  proto: 'tcp' | 'udp';
  state: SsState;
  recvQ: number;
  sendQ: number;
  localAddress: string;
  localPort: number;
  /** 0.0.0.0 and port 0 for listening and unconnected sockets. */
  remoteAddress: string;
  remotePort: number;
  owners: SocketOwner[];
  /** Closed by its program and finishing the protocol on its own (ss -s counts these). */
  orphaned?: boolean;
}

/** The process opening a socket: it gets the lowest free descriptor, or `fd` when given. */
export interface ProcessRef {
  command: string;
  pid: number;
  fd?: number;
}

export interface ListenOptions {
  backlog?: number;
  owner?: ProcessRef;
}

export interface ConnectOptions {
  owner?: ProcessRef;
  /** TCP_NODELAY (curl and Go programs set it). */
  noDelay?: boolean;
  /** Source address (bind() before connect()); otherwise the route's choice. */
  localAddress?: string;
}

/** Lowest and highest ephemeral port (net.ipv4.ip_local_port_range). */
const DEFAULT_PORT_RANGE: [number, number] = [32768, 60999];

/** Linux's icmp_err_convert for destination unreachable codes. */
const ICMP_ERROR_CODES: Record<number, SocketErrorCode> = {
  [ICMP_NET_UNREACH]: 'ENETUNREACH',
  [ICMP_HOST_UNREACH]: 'EHOSTUNREACH',
  2: 'ECONNREFUSED', // protocol unreachable
  [ICMP_PORT_UNREACH]: 'ECONNREFUSED',
  6: 'ENETUNREACH', // network unknown
  9: 'ENETUNREACH', // network prohibited
  10: 'EHOSTUNREACH', // host prohibited
  11: 'ENETUNREACH',
  12: 'EHOSTUNREACH',
  [ICMP_ADMIN_PROHIBITED]: 'EHOSTUNREACH',
};

function tupleKey(localAddress: string, localPort: number, remoteAddress: string, remotePort: number): string {
  return `${localAddress}:${localPort}>${remoteAddress}:${remotePort}`;
}

export class TcpListener {
  readonly acceptQueue: TcpConnection[] = [];
  readonly halfOpen = new Set<TcpConnection>();
  private readonly waiters = new Waiters();
  open = true;

  constructor(
    private readonly transport: Transport,
    readonly localAddress: string,
    readonly localPort: number,
    readonly backlog: number,
    readonly owner?: SocketOwner,
  ) {}

  /** The next established connection (a new descriptor of the listener's process); rejects with EINVAL once closed. */
  async accept(): Promise<TcpSocket> {
    for (;;) {
      const conn = this.acceptQueue.shift();
      if (conn) return this.transport.adopt(conn, this.owner && { command: this.owner.command, pid: this.owner.pid });
      if (!this.open) throw new SocketError('EINVAL');
      await this.waiters.wait();
    }
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.transport.unlisten(this);
    // Connections nobody accepted are reset, half-open ones forgotten, as Linux does.
    for (const conn of this.acceptQueue.splice(0)) conn.abort();
    for (const conn of [...this.halfOpen]) conn.drop();
    this.waiters.wake();
  }

  /** From the transport: a SYN for this listener. */
  incoming(conn: TcpConnection, syn: TcpSegment): boolean {
    // Linux drops SYNs while the accept queue is over the backlog; the client retries.
    if (this.acceptQueue.length > this.backlog) return false;
    this.halfOpen.add(conn);
    conn.passiveOpen = true;
    conn.events = {
      established: () => {
        this.halfOpen.delete(conn);
        this.acceptQueue.push(conn);
        this.waiters.wake();
      },
      closed: () => {
        this.halfOpen.delete(conn);
        const i = this.acceptQueue.indexOf(conn);
        if (i >= 0) this.acceptQueue.splice(i, 1);
      },
    };
    conn.acceptSyn(syn);
    return true;
  }
}

export class Transport implements TransportLayer, UdpHost {
  private readonly listeners: TcpListener[] = [];
  private readonly connections = new Map<string, TcpConnection>();
  /** Connections an application holds a descriptor for (ss -p shows the owner). */
  private readonly held = new Map<TcpConnection, { socket: TcpSocket; owner: SocketOwner }>();
  private readonly udpSockets: UdpSocket[] = [];
  /** Descriptors in use per process. */
  private readonly fds = new Map<number, Set<number>>();
  private readonly ipIds = new Map<TcpConnection, number>();
  private readonly env: TcpEnv;

  constructor(readonly ns: NetNamespace) {
    const clock = ns.world.clock;
    this.env = {
      now: () => clock.now(),
      setTimer: (ms, cb) => clock.setTimer(ms, cb),
      clearTimer: (id) => clock.clearTimer(id),
      random32: () => this.random32(),
      transmit: (conn, segment) => this.transmit(conn, segment),
      released: (conn) => this.release(conn),
    };
  }

  private random32(): number {
    return Math.floor(this.ns.world.random() * 4294967296) >>> 0;
  }

  /** Marks a descriptor a process holds for something else (Go's epoll descriptor in docker-proxy). */
  reserveFd(pid: number, fd: number): void {
    this.openFd({ command: '', pid, fd });
  }

  /** A descriptor for a new socket: the lowest free one above stderr, as open() and accept() pick them. */
  private openFd(ref: ProcessRef | undefined): SocketOwner | undefined {
    if (!ref) return undefined;
    let used = this.fds.get(ref.pid);
    if (!used) this.fds.set(ref.pid, (used = new Set()));
    let fd = ref.fd ?? 3;
    while (ref.fd === undefined && used.has(fd)) fd++;
    used.add(fd);
    return { command: ref.command, pid: ref.pid, fd };
  }

  closeFd(owner: SocketOwner | undefined): void {
    if (owner) this.fds.get(owner.pid)?.delete(owner.fd);
  }

  /**
   * A process exits: the kernel closes its descriptors. A connect still in
   * SYN_SENT is dropped without a packet, connections close as close() does
   * (FIN, or RST with unread data), listeners reset what nobody accepted.
   */
  closeProcessSockets(pid: number): void {
    for (const { socket, owner } of [...this.held.values()]) if (owner.pid === pid) socket.close();
    for (const listener of [...this.listeners]) if (listener.owner?.pid === pid) listener.close();
    for (const socket of [...this.udpSockets]) if (socket.owner?.pid === pid) socket.close();
    this.fds.delete(pid);
  }

  // ---- TCP calls ---------------------------------------------------------

  /** bind() + listen() (port 0: an ephemeral port). Fails with EADDRINUSE or EADDRNOTAVAIL. */
  listen(address: string, port: number, options: ListenOptions = {}): TcpListener {
    this.checkBindAddress(address);
    if (port === 0) port = this.ephemeralPort(address);
    const clash = this.listeners.some(
      (l) => l.localPort === port && (l.localAddress === address || l.localAddress === ANY_ADDRESS || address === ANY_ADDRESS),
    );
    if (clash) throw new SocketError('EADDRINUSE');
    const listener = new TcpListener(this, address, port, options.backlog ?? 128, this.openFd(options.owner));
    this.listeners.push(listener);
    return listener;
  }

  /** connect(): resolves when established, rejects with ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, ... */
  async connect(address: string, port: number, options: ConnectOptions = {}): Promise<TcpSocket> {
    const route = this.ns.ip.route(address);
    if (route.kind === 'unreachable') throw new SocketError('ENETUNREACH');
    let local = options.localAddress;
    if (local === undefined || local === ANY_ADDRESS) local = this.ns.ip.sourceFor(route, address);
    else this.checkBindAddress(local);
    if (!local) throw new SocketError('ENETUNREACH');
    const localPort = this.ephemeralPort(local, address, port);
    const advMss = Math.max(route.dev.mtu - 40, 88);
    const conn = new TcpConnection(this.env, local, localPort, address, port, {
      ...LINUX_TCP,
      advMss,
      noDelay: options.noDelay ?? false,
    });
    this.connections.set(tupleKey(local, localPort, address, port), conn);
    const socket = this.adopt(conn, options.owner);
    conn.connect();
    await socket.established();
    return socket;
  }

  /** Gives an application its socket for a connection (a descriptor of `process`, shown by ss -p). */
  adopt(conn: TcpConnection, process?: ProcessRef): TcpSocket {
    const owner = this.openFd(process);
    const socket = new TcpSocket(conn, owner);
    if (owner) this.held.set(conn, { socket, owner });
    const events = conn.events;
    const closed = events.closed;
    // Once the application closes, the socket belongs to nobody (ss shows no process).
    const close = socket.close.bind(socket);
    let open = true;
    socket.close = () => {
      if (open) this.closeFd(owner);
      open = false;
      this.held.delete(conn);
      close();
    };
    events.closed = (error) => {
      this.held.delete(conn);
      closed?.(error);
    };
    return socket;
  }

  /** From a listener being closed. */
  unlisten(listener: TcpListener): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
    this.closeFd(listener.owner);
  }

  // ---- UDP calls ---------------------------------------------------------

  /** A UDP socket bound to address:port (port 0 picks an ephemeral one). */
  bindUdp(address: string, port: number, owner?: ProcessRef): UdpSocket {
    this.checkBindAddress(address);
    if (port === 0) port = this.ephemeralPort(address);
    const clash = this.udpSockets.some(
      (s) => s.localPort === port && (s.localAddress === address || s.localAddress === ANY_ADDRESS || address === ANY_ADDRESS),
    );
    if (clash) throw new SocketError('EADDRINUSE');
    const socket = new UdpSocket(this, address, port, this.openFd(owner));
    this.udpSockets.push(socket);
    return socket;
  }

  /** UdpHost: sends a datagram; returns the error the send call reports, if any. */
  sendUdp(socket: UdpSocket, data: Uint8Array, to: string, toPort: number): SocketErrorCode | undefined {
    const src = socket.localAddress === ANY_ADDRESS ? ANY_ADDRESS : socket.localAddress;
    const result = this.ns.ip.send(
      ipv4({ src, dst: to, dontFragment: true, payload: { kind: 'udp', srcPort: socket.localPort, dstPort: toPort, payload: data } }),
    );
    return result === 'ok' ? undefined : result;
  }

  releaseUdp(socket: UdpSocket): void {
    const i = this.udpSockets.indexOf(socket);
    if (i >= 0) this.udpSockets.splice(i, 1);
    this.closeFd(socket.owner);
  }

  // ---- the kernel's calls ------------------------------------------------

  deliver(packet: Ipv4Packet, _ctx: DeliveryContext): void {
    const pl = packet.payload;
    if (pl.kind === 'tcp') this.deliverTcp(packet, pl);
    else if (pl.kind === 'udp') this.deliverUdp(packet, pl.dstPort, pl.srcPort, pl.payload);
  }

  deliverIcmpError(report: IcmpErrorReport, _ctx: DeliveryContext): void {
    if (report.type !== ICMP_DEST_UNREACH) return;
    const code = ICMP_ERROR_CODES[report.code] ?? 'EHOSTUNREACH';
    const o = report.original;
    const pl = o.payload;
    if (pl.kind === 'tcp') {
      this.connectionQuoted(o.src, pl.srcPort, o.dst, pl.dstPort, pl.seq)?.icmpUnreachable(code);
    } else if (pl.kind === 'udp') {
      const socket = this.udpSockets.find(
        (s) => s.localPort === pl.srcPort && (s.localAddress === o.src || s.localAddress === ANY_ADDRESS),
      );
      socket?.reportError(code);
    }
  }

  /**
   * The connection an ICMP error quotes, if its sequence number is one we have
   * in flight (as tcp_v4_err checks). Matched on our own end when the quoted
   * destination does not match: a NAT on the way may not have restored it.
   */
  private connectionQuoted(src: string, sport: number, dst: string, dport: number, seq: number): TcpConnection | undefined {
    const inFlight = (c: TcpConnection) => c.quotesSequence(seq);
    const exact = this.connections.get(tupleKey(src, sport, dst, dport));
    if (exact) return inFlight(exact) ? exact : undefined;
    for (const c of this.connections.values()) if (c.localAddress === src && c.localPort === sport && inFlight(c)) return c;
    return undefined;
  }

  private deliverTcp(packet: Ipv4Packet, seg: TcpSegment): void {
    const key = tupleKey(packet.dst, seg.dstPort, packet.src, seg.srcPort);
    const existing = this.connections.get(key);
    if (existing && !(existing.state === 'TIME_WAIT' && seg.flags.syn && !seg.flags.ack)) {
      existing.receive(seg);
      return;
    }
    // A new SYN may take over a connection in TIME_WAIT (Linux reuses the tuple).
    if (existing) {
      existing.drop();
      this.connections.delete(key);
    }
    const listener = this.listenerFor(packet.dst, seg.dstPort);
    if (!listener) {
      this.reset(packet);
      return;
    }
    const f = seg.flags;
    if (f.rst) return;
    if (f.ack) {
      this.reset(packet);
      return;
    }
    if (!f.syn) return;
    const route = this.ns.ip.route(packet.src);
    const advMss = route.kind === 'unreachable' ? LINUX_TCP.advMss : Math.max(route.dev.mtu - 40, 88);
    const conn = new TcpConnection(this.env, packet.dst, seg.dstPort, packet.src, seg.srcPort, { ...LINUX_TCP, advMss });
    this.connections.set(key, conn);
    if (!listener.incoming(conn, seg)) this.connections.delete(key);
  }

  private deliverUdp(packet: Ipv4Packet, dstPort: number, srcPort: number, data: Uint8Array): void {
    const candidates = this.udpSockets.filter(
      (s) =>
        s.localPort === dstPort &&
        (s.localAddress === packet.dst || s.localAddress === ANY_ADDRESS) &&
        (s.remoteAddress === undefined || (s.remoteAddress === packet.src && s.remotePort === srcPort)),
    );
    // The most specific socket wins: connected before unconnected, exact address before the wildcard.
    const score = (s: UdpSocket) => (s.remoteAddress !== undefined ? 2 : 0) + (s.localAddress === packet.dst ? 1 : 0);
    const socket = candidates.sort((a, b) => score(b) - score(a))[0];
    if (socket) {
      socket.enqueue({ data, from: packet.src, fromPort: srcPort });
      return;
    }
    if (!this.ns.isBroadcastAddress(packet.dst)) this.ns.ip.sendIcmpError(packet, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
  }

  private listenerFor(address: string, port: number): TcpListener | undefined {
    return (
      this.listeners.find((l) => l.localPort === port && l.localAddress === address) ??
      this.listeners.find((l) => l.localPort === port && l.localAddress === ANY_ADDRESS)
    );
  }

  private reset(packet: Ipv4Packet): void {
    const rst = tcpResetFor(packet);
    if (rst) this.ns.ip.send(rst);
  }

  private transmit(conn: TcpConnection, segment: TcpSegment): void {
    // Linux numbers a connection's DF packets from a random start.
    const id = ((this.ipIds.get(conn) ?? this.random32()) + 1) & 0xffff;
    this.ipIds.set(conn, id);
    const result = this.ns.ip.send(
      ipv4({ src: conn.localAddress, dst: conn.remoteAddress, id, dontFragment: true, payload: segment }),
    );
    if (result !== 'ok' && conn.state === 'SYN_SENT') {
      // connect() fails at once when the SYN cannot leave (no route, dropped in OUTPUT).
      const code: SocketErrorCode = result;
      this.ns.world.clock.setTimer(0, () => conn.icmpUnreachable(code));
    }
  }

  private release(conn: TcpConnection): void {
    const key = tupleKey(conn.localAddress, conn.localPort, conn.remoteAddress, conn.remotePort);
    if (this.connections.get(key) === conn) this.connections.delete(key);
    this.held.delete(conn);
    this.ipIds.delete(conn);
  }

  private checkBindAddress(address: string): void {
    if (!isValidIpv4(address)) throw new SocketError('EINVAL');
    if (address !== ANY_ADDRESS && !this.ns.isLocalAddress(address)) throw new SocketError('EADDRNOTAVAIL');
  }

  private portRange(): [number, number] {
    const text = this.ns.sysctl.get('net.ipv4.ip_local_port_range');
    const m = text?.match(/^(\d+)\s+(\d+)$/);
    return m ? [Number(m[1]), Number(m[2])] : DEFAULT_PORT_RANGE;
  }

  /** A free ephemeral port: random start, then upward, as Linux's connect() and bind(0) search. */
  private ephemeralPort(local: string, remote?: string, remotePort?: number): number {
    const [low, high] = this.portRange();
    const span = high - low + 1;
    const start = Math.floor(this.ns.world.random() * span);
    for (let i = 0; i < span; i++) {
      const port = low + ((start + i) % span);
      const taken =
        this.listeners.some((l) => l.localPort === port) ||
        this.udpSockets.some((s) => s.localPort === port && remote === undefined) ||
        (remote !== undefined && this.connections.has(tupleKey(local, port, remote, remotePort ?? 0)));
      if (!taken) return port;
    }
    throw new SocketError('EADDRNOTAVAIL');
  }

  // ---- what ss reads -----------------------------------------------------

  /** Listening sockets first, then connections, then UDP (the order of the kernel's tables). */
  entries(): SocketEntry[] {
    const out: SocketEntry[] = [];
    for (const l of this.listeners) {
      out.push({
        proto: 'tcp',
        state: 'LISTEN',
        recvQ: l.acceptQueue.length,
        sendQ: l.backlog,
        localAddress: l.localAddress,
        localPort: l.localPort,
        remoteAddress: ANY_ADDRESS,
        remotePort: 0,
        owners: l.owner ? [l.owner] : [],
      });
    }
    for (const conn of this.connections.values()) {
      if (conn.state === 'CLOSED') continue;
      const owner = this.held.get(conn)?.owner;
      out.push({
        proto: 'tcp',
        state: SS_STATE[conn.state],
        recvQ: conn.recvQueued,
        sendQ: conn.sendQueued,
        localAddress: conn.localAddress,
        localPort: conn.localPort,
        remoteAddress: conn.remoteAddress,
        remotePort: conn.remotePort,
        owners: owner ? [owner] : [],
        orphaned: conn.orphaned && conn.state !== 'TIME_WAIT',
      });
    }
    for (const s of this.udpSockets) {
      out.push({
        proto: 'udp',
        state: s.remoteAddress === undefined ? 'UNCONN' : 'ESTAB',
        recvQ: s.recvQueued,
        sendQ: 0,
        localAddress: s.localAddress,
        localPort: s.localPort,
        remoteAddress: s.remoteAddress ?? ANY_ADDRESS,
        remotePort: s.remotePort ?? 0,
        owners: s.owner ? [s.owner] : [],
      });
    }
    return out;
  }
}

/** The namespace's socket layer, attached on first use (until then every port is closed). */
export function transportOf(ns: NetNamespace): Transport {
  if (ns.transport instanceof Transport) return ns.transport;
  const transport = new Transport(ns);
  ns.transport = transport;
  return transport;
}
