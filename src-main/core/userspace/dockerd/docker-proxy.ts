// docker-proxy's TCP forwarding: listen on the host's published address and
// port, and for every client open a connection to the container and copy
// bytes both ways (a half-close on one side is passed on to the other).
import type { NetNamespace } from '../../sim/net/namespace.js';
import { SocketError } from '../../sim/transport/errors.js';
import type { TcpSocket } from '../../sim/transport/tcp-socket.js';
import { transportOf, type ProcessRef, type TcpListener } from '../../sim/transport/transport.js';

export interface TcpProxyOptions {
  hostIp: string;
  hostPort: number;
  containerIp: string;
  containerPort: number;
  /** The docker-proxy process (and its listener's descriptor), for `ss -p`. */
  owner?: ProcessRef;
}

export interface TcpProxy {
  listener: TcpListener;
  close(): void;
}

/** Go's listen() backlog: net.core.somaxconn. */
const GO_BACKLOG = 4096;

async function pump(from: TcpSocket, to: TcpSocket): Promise<void> {
  try {
    for (let data = await from.read(); data; data = await from.read()) await to.write(data);
    to.shutdown();
  } catch (err) {
    if (!(err instanceof SocketError)) throw err;
    to.close();
  }
}

/** Starts forwarding; throws SocketError (EADDRINUSE, EADDRNOTAVAIL) when the port cannot be bound. */
export function startTcpProxy(ns: NetNamespace, options: TcpProxyOptions): TcpProxy {
  const transport = transportOf(ns);
  // Go's runtime holds descriptor 3 (epoll): sockets get 4 and up.
  if (options.owner) transport.reserveFd(options.owner.pid, 3);
  const listener = transport.listen(options.hostIp, options.hostPort, { backlog: GO_BACKLOG, owner: options.owner });
  const owner = options.owner;
  const serve = async (client: TcpSocket): Promise<void> => {
    let backend: TcpSocket;
    try {
      backend = await transport.connect(options.containerIp, options.containerPort, {
        noDelay: true,
        owner: owner && { command: owner.command, pid: owner.pid },
      });
    } catch {
      client.close();
      return;
    }
    await Promise.all([pump(client, backend), pump(backend, client)]);
    client.close();
    backend.close();
  };
  void (async () => {
    for (;;) {
      let client: TcpSocket;
      try {
        client = await listener.accept();
        client.conn.noDelay = true; // Go sets TCP_NODELAY on every connection
      } catch {
        return; // listener closed
      }
      void serve(client);
    }
  })();
  return { listener, close: () => listener.close() };
}
