// docker-proxy's TCP forwarding: listen on the host's published address and
// port, and for every client open a connection to the container and copy
// bytes both ways (a half-close on one side is passed on to the other).
import type { NetNamespace } from '../net/namespace.js';
import { SocketError } from './errors.js';
import type { TcpSocket, SocketOwner } from './tcp-socket.js';
import { transportOf, type TcpListener } from './transport.js';

export interface TcpProxyOptions {
  hostIp: string;
  hostPort: number;
  containerIp: string;
  containerPort: number;
  /** The docker-proxy process, for `ss -p`. */
  owner?: SocketOwner;
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
  const listener = transport.listen(options.hostIp, options.hostPort, { backlog: GO_BACKLOG, owner: options.owner });
  const owner = options.owner;
  const serve = async (client: TcpSocket): Promise<void> => {
    let backend: TcpSocket;
    try {
      const fd = owner ? transport.allocateFd(owner.pid) : 0;
      backend = await transport.connect(options.containerIp, options.containerPort, {
        noDelay: true,
        owner: owner ? { ...owner, fd } : undefined,
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
        const fd = owner ? transport.allocateFd(owner.pid) : 0;
        client = await listener.accept(owner ? { ...owner, fd } : undefined);
        client.conn.noDelay = true; // Go sets TCP_NODELAY on every connection
      } catch {
        return; // listener closed
      }
      void serve(client);
    }
  })();
  return { listener, close: () => listener.close() };
}
