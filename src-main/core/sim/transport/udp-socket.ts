// A UDP socket: datagrams in, datagrams out, ICMP errors reported on the next call.
import { SocketError } from './errors.js';
import type { SocketErrorCode } from './tcp-connection.js';
import { Waiters, type SocketOwner } from './tcp-socket.js';

export interface Datagram {
  data: Uint8Array;
  from: string;
  fromPort: number;
}

/** What the socket needs from its namespace's transport. */
export interface UdpHost {
  sendUdp(socket: UdpSocket, data: Uint8Array, to: string, toPort: number): SocketErrorCode | undefined;
  releaseUdp(socket: UdpSocket): void;
}

/** Datagrams kept unread at most (the receive buffer); more are dropped, as a full buffer does. */
const MAX_QUEUED = 256;

export class UdpSocket {
  private readonly queue: Datagram[] = [];
  private readonly waiters = new Waiters();
  private pendingError?: SocketErrorCode;
  open = true;
  /** Set by connect(): only this peer's datagrams are received. */
  remoteAddress?: string;
  remotePort?: number;

  constructor(
    private readonly host: UdpHost,
    readonly localAddress: string,
    readonly localPort: number,
    readonly owner?: SocketOwner,
  ) {}

  /** Bytes waiting to be read (ss's Recv-Q). */
  get recvQueued(): number {
    return this.queue.reduce((n, d) => n + d.data.length, 0);
  }

  connect(address: string, port: number): void {
    this.remoteAddress = address;
    this.remotePort = port;
  }

  send(data: Uint8Array, to?: string, toPort?: number): void {
    if (this.pendingError) {
      const e = this.pendingError;
      this.pendingError = undefined;
      throw new SocketError(e);
    }
    const address = to ?? this.remoteAddress;
    const port = toPort ?? this.remotePort;
    if (address === undefined || port === undefined) throw new SocketError('EINVAL');
    const error = this.host.sendUdp(this, data, address, port);
    if (error) throw new SocketError(error);
  }

  /** The next datagram; rejects with an ICMP-reported error (connected sockets only), null once closed. */
  async receive(): Promise<Datagram | null> {
    for (;;) {
      const next = this.queue.shift();
      if (next) return next;
      if (this.pendingError) {
        const e = this.pendingError;
        this.pendingError = undefined;
        throw new SocketError(e);
      }
      if (!this.open) return null;
      await this.waiters.wait();
    }
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.host.releaseUdp(this);
    this.waiters.wake();
  }

  /** From the transport: a datagram addressed to this socket. */
  enqueue(datagram: Datagram): void {
    if (this.queue.length >= MAX_QUEUED) return;
    this.queue.push(datagram);
    this.waiters.wake();
  }

  /** From the transport: an ICMP error about a datagram this socket sent. */
  reportError(code: SocketErrorCode): void {
    // Linux reports ICMP errors only to connected UDP sockets.
    if (this.remoteAddress === undefined) return;
    this.pendingError = code;
    this.waiters.wake();
  }
}
