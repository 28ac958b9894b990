import { describe, expect, it } from 'vitest';
import { createDockerHostWorld, LAB } from '../../../../src-main/core/sim/net/outside-world.js';
import { socketErrorCode } from '../../../../src-main/core/sim/transport/errors.js';
import { transportOf } from '../../../../src-main/core/sim/transport/transport.js';
import type { TcpSegment } from '../../../../src-main/core/sim/wire/packet.js';

const bytes = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
const str = (b: Uint8Array | null) => (b ? String.fromCharCode(...b) : null);

function lab() {
  const parts = createDockerHostWorld({ seed: 7 });
  const host = transportOf(parts.hostNs);
  const host01 = transportOf(parts.host01.rootNs);
  const segments: Array<{ dir: string; seg: TcpSegment; src: string; dst: string }> = [];
  parts.world.taps.watch(parts.hostNs, 'ens160', (ev) => {
    const pl = ev.frame.payload;
    if (pl.kind === 'ipv4' && pl.payload.kind === 'tcp') segments.push({ dir: ev.direction, seg: pl.payload, src: pl.src, dst: pl.dst });
  });
  return { parts, host, host01, segments, clock: parts.world.clock };
}

describe('Transport over the simulated kernel', () => {
  it('connects Host01 to a listener on the Docker host and carries data both ways', async () => {
    const { host, host01, clock, segments } = lab();
    const listener = host.listen('0.0.0.0', 8080, { backlog: 5, owner: { command: 'nc', pid: 4242, fd: 3 } });
    const served = (async () => {
      const conn = await listener.accept();
      const got = await conn.read();
      await conn.write(bytes(`echo:${str(got)}`));
      conn.close();
      return conn.remoteAddress;
    })();
    const connecting = host01.connect(LAB.hostIp, 8080);
    await clock.advance(50);
    const sock = await connecting;
    expect(sock.localAddress).toBe(LAB.host01Ip);
    expect(sock.localPort).toBeGreaterThanOrEqual(32768);
    expect(sock.localPort).toBeLessThanOrEqual(60999);
    await sock.write(bytes('hi'));
    await clock.advance(50);
    expect(str(await sock.read())).toBe('echo:hi');
    expect(await served).toBe(LAB.host01Ip);
    await clock.advance(100);
    expect(await sock.read()).toBeNull();
    sock.close();
    await clock.advance(100);
    // SYN, SYN-ACK, ACK, data, ACK, reply, ACK, FIN, FIN, ACK as seen on ens160.
    const flags = segments.map(({ seg }) => (seg.flags.syn ? 'S' : '') + (seg.flags.fin ? 'F' : '') + (seg.flags.ack ? '.' : ''));
    expect(flags[0]).toBe('S');
    expect(flags[1]).toBe('S.');
    expect(segments.every((s) => s.src === LAB.host01Ip || s.dst === LAB.host01Ip)).toBe(true);
    expect(flags.filter((f) => f.includes('F'))).toHaveLength(2);
  });

  it('lists listeners and connections with their owners for ss', async () => {
    const { host, host01, clock } = lab();
    const listener = host.listen('0.0.0.0', 80, { backlog: 5, owner: { command: 'python3', pid: 77 } });
    const accepted = listener.accept();
    const connecting = host01.connect(LAB.hostIp, 80, { owner: { command: 'curl', pid: 90, fd: 5 } });
    await clock.advance(10);
    await connecting;
    const first = await accepted;
    const entries = host.entries();
    expect(entries[0]).toMatchObject({ proto: 'tcp', state: 'LISTEN', sendQ: 5, recvQ: 0, localAddress: '0.0.0.0', localPort: 80, owners: [{ command: 'python3', pid: 77, fd: 3 }] });
    expect(entries[1]).toMatchObject({ state: 'ESTAB', localPort: 80, remoteAddress: LAB.host01Ip, owners: [{ command: 'python3', pid: 77, fd: 4 }] });
    expect(host01.entries()[0]).toMatchObject({ state: 'ESTAB', remotePort: 80, owners: [{ command: 'curl', fd: 5 }] });
    // A closed descriptor is handed out again, as accept() picks the lowest free one.
    first.close();
    const again = listener.accept();
    const second = host01.connect(LAB.hostIp, 80);
    await clock.advance(10);
    await second;
    expect((await again).owner).toEqual({ command: 'python3', pid: 77, fd: 4 });
    expect(host.entries().find((e) => e.state.startsWith('FIN-WAIT'))?.owners).toEqual([]);
  });

  it('refuses a connection to a closed port with a RST', async () => {
    const { host01, clock, segments } = lab();
    const connecting = host01.connect(LAB.hostIp, 82).catch((e: unknown) => socketErrorCode(e));
    await clock.advance(10);
    expect(await connecting).toBe('ECONNREFUSED');
    expect(segments.map((s) => s.seg.flags)).toEqual([{ syn: true }, { rst: true, ack: true }]);
    expect(host01.entries()).toEqual([]);
  });

  it('rejects a second listener on the same port and a foreign address', () => {
    const { host } = lab();
    host.listen('0.0.0.0', 80);
    expect(() => host.listen(LAB.hostIp, 80)).toThrow('Address already in use');
    expect(() => host.listen('10.9.9.9', 81)).toThrow('Cannot assign requested address');
  });

  it('answers UDP to a closed port with ICMP port unreachable, reported on the connected socket', async () => {
    const { host, host01, clock } = lab();
    const server = host.bindUdp('0.0.0.0', 5353);
    const client = host01.bindUdp('0.0.0.0', 0);
    client.connect(LAB.hostIp, 5353);
    client.send(bytes('ping'));
    await clock.advance(10);
    const got = await server.receive();
    expect(str(got?.data ?? null)).toBe('ping');
    expect(got?.from).toBe(LAB.host01Ip);
    server.close();
    client.send(bytes('again'));
    await clock.advance(10);
    await expect(client.receive()).rejects.toThrow('Connection refused');
  });

  it('times out a connection to an address nobody answers', async () => {
    const { host, clock } = lab();
    const connecting = host.connect('172.16.211.99', 80).catch((e: unknown) => socketErrorCode(e));
    await clock.advance(200_000);
    // ARP fails: the kernel reports host unreachable to the socket.
    expect(await connecting).toBe('EHOSTUNREACH');
  });

  it('drops SYNs beyond the backlog: the client retransmits until the server accepts', async () => {
    const { host, host01, clock, segments } = lab();
    const listener = host.listen('0.0.0.0', 7000, { backlog: 0 });
    const first = host01.connect(LAB.hostIp, 7000);
    await clock.advance(10);
    await first;
    let secondDone = false;
    const second = host01.connect(LAB.hostIp, 7000).then((s) => ((secondDone = true), s));
    await clock.advance(10);
    // Linux's queue is full only above the backlog: with 0, one connection waits.
    expect(listener.acceptQueue).toHaveLength(1);
    const syns = () => segments.filter((s) => s.seg.flags.syn && !s.seg.flags.ack).length;
    expect(syns()).toBe(2);
    await clock.advance(1000);
    expect(syns()).toBe(3); // the second client's SYN again after 1 s
    expect(secondDone).toBe(false);
    await listener.accept();
    await clock.advance(2000);
    await second;
    expect(listener.acceptQueue).toHaveLength(1);
  });

  it('resets the connection when the application closes with unread data', async () => {
    const { host, host01, clock, segments } = lab();
    const listener = host.listen('0.0.0.0', 7001);
    const accepted = listener.accept();
    const connecting = host01.connect(LAB.hostIp, 7001);
    await clock.advance(10);
    const client = await connecting;
    const server = await accepted;
    await client.write(bytes('unread'));
    await clock.advance(10);
    server.close();
    await clock.advance(10);
    expect(segments.at(-1)?.seg.flags).toEqual({ rst: true, ack: true });
    await expect(client.read()).rejects.toThrow('Connection reset by peer');
  });

  it('lets a new SYN reuse a tuple in TIME_WAIT', async () => {
    const { host, host01, clock } = lab();
    const listener = host.listen('0.0.0.0', 7002);
    const accepted = listener.accept();
    const client = host01.connect(LAB.hostIp, 7002, { localAddress: LAB.host01Ip });
    await clock.advance(10);
    const sock = await client;
    const server = await accepted;
    server.close();
    await clock.advance(100);
    sock.close();
    await clock.advance(100);
    const tuple = host.entries().find((e) => e.localPort === 7002 && e.state === 'TIME-WAIT');
    expect(tuple?.remotePort).toBe(sock.localPort);
    // The same client port again, from a fresh socket on Host01.
    const segment = { kind: 'tcp' as const, srcPort: sock.localPort, dstPort: 7002, seq: 12345, ack: 0, flags: { syn: true }, window: 64240, urgent: 0, options: [], payload: new Uint8Array(0) };
    host.deliver({ kind: 'ipv4', tos: 0, id: 1, dontFragment: true, ttl: 64, protocol: 6, src: LAB.host01Ip, dst: LAB.hostIp, payload: segment }, { ns: host.ns, inIface: 'ens160', now: clock.now() });
    expect(host.entries().find((e) => e.localPort === 7002 && e.remotePort === sock.localPort)?.state).toBe('SYN-RECV');
  });
});
