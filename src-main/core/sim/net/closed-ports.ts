// The transport a namespace has before a socket layer is attached: every
// port is closed, so TCP gets a RST and UDP an ICMP port unreachable.
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, ipv4, type Ipv4Packet } from '../wire/packet.js';
import type { TransportLayer } from './hooks.js';

/** The RST a closed port (or REJECT --reject-with tcp-reset) answers a TCP segment with; none for a RST. */
export function tcpResetFor(packet: Ipv4Packet): Ipv4Packet | undefined {
  const pl = packet.payload;
  if (pl.kind !== 'tcp' || pl.flags.rst) return undefined;
  const seq = pl.flags.ack ? pl.ack : 0;
  const ack = (pl.seq + pl.payload.length + (pl.flags.syn ? 1 : 0) + (pl.flags.fin ? 1 : 0)) >>> 0;
  return ipv4({
    src: packet.dst,
    dst: packet.src,
    payload: { kind: 'tcp', srcPort: pl.dstPort, dstPort: pl.srcPort, seq, ack, flags: { rst: true, ack: !pl.flags.ack }, window: 0, urgent: 0, options: [], payload: new Uint8Array(0) },
  });
}

export const closedPortTransport: TransportLayer = {
  deliver(packet, ctx) {
    if (packet.payload.kind === 'udp') {
      ctx.ns.ip.sendIcmpError(packet, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
      return;
    }
    const rst = tcpResetFor(packet);
    if (rst) ctx.ns.ip.send(rst);
  },
};
