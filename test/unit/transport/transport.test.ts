import { describe, expect, it } from 'vitest';
import { createDockerHostWorld, LAB } from '../../../src-main/core/sim/net/outside-world.js';
import { socketErrorCode } from '../../../src-main/core/sim/transport/errors.js';
import { transportOf } from '../../../src-main/core/sim/transport/transport.js';
import type { TcpSegment } from '../../../src-main/core/sim/wire/packet.js';

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
});
