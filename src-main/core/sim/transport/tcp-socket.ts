// The application's view of a TCP connection: promises over the connection's
// events, as blocking socket calls look to a program.
import { SocketError } from './errors.js';
import type { TcpConnection } from './tcp-connection.js';

/** Who holds a socket, as `ss -p` prints it: ("python3",pid=1234,fd=3). */
export interface SocketOwner {
  command: string;
  pid: number;
  fd: number;
}

/** Writers wait while more than this much is queued (net.ipv4.tcp_wmem's default). */
const SEND_BUFFER_BYTES = 4 * 1024 * 1024;

/** Wakes everyone waiting on an object when something happens to it. */
export class Waiters {
  private list: Array<() => void> = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.list.push(resolve));
  }

  wake(): void {
    const list = this.list;
    this.list = [];
    for (const resolve of list) resolve();
  }
}

export class TcpSocket {
  private readonly waiters = new Waiters();

  constructor(
    readonly conn: TcpConnection,
    readonly owner?: SocketOwner,
  ) {
    const wake = () => this.waiters.wake();
    conn.events = { established: wake, readable: wake, sendSpace: wake, closed: wake };
  }

  get localAddress(): string {
    return this.conn.localAddress;
  }
  get localPort(): number {
    return this.conn.localPort;
  }
  get remoteAddress(): string {
    return this.conn.remoteAddress;
  }
  get remotePort(): number {
    return this.conn.remotePort;
  }

  /** Resolves once connected; rejects with the reason the handshake failed. */
  async established(): Promise<void> {
    for (;;) {
      const state = this.conn.state;
      if (state !== 'SYN_SENT' && state !== 'SYN_RECEIVED' && state !== 'CLOSED') return;
      if (state === 'CLOSED') throw new SocketError(this.conn.error ?? 'ECONNREFUSED');
      await this.waiters.wait();
    }
  }

  /** The next bytes received; null at end of stream. Rejects when the connection was reset. */
  async read(): Promise<Uint8Array | null> {
    for (;;) {
      const data = this.conn.read();
      if (data.length > 0) return data;
      if (this.conn.eof) return null;
      if (this.conn.state === 'CLOSED') {
        if (this.conn.error) throw new SocketError(this.conn.error);
        return null;
      }
      await this.waiters.wait();
    }
  }

  /** Queues bytes; waits while the send buffer is full. Rejects when the connection can no longer send. */
  async write(data: Uint8Array): Promise<void> {
    if (this.conn.error) throw new SocketError(this.conn.error);
    if (!this.conn.write(data)) throw new SocketError('EPIPE');
    while (this.conn.sendQueued > SEND_BUFFER_BYTES && this.conn.state !== 'CLOSED') await this.waiters.wait();
    if (this.conn.error) throw new SocketError(this.conn.error);
  }

  /** shutdown(SHUT_WR): the peer reads end of stream after our data. */
  shutdown(): void {
    this.conn.shutdownWrite();
  }

  /** close(): FIN after queued data (RST if received data was left unread). */
  close(): void {
    this.conn.close();
  }

  /** Resolves when the connection has left the tables. */
  async closed(): Promise<void> {
    while (this.conn.state !== 'CLOSED') await this.waiters.wait();
  }
}
