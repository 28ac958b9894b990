import { describe, expect, it } from 'vitest';
import type { Command } from '../../../../src-main/core/shell/command.js';
import { ss } from '../../../../src-main/core/shell/commands/ss.js';
import { createDockerHostWorld, LAB } from '../../../../src-main/core/sim/net/outside-world.js';
import { transportOf } from '../../../../src-main/core/sim/transport/transport.js';
import type { NetNamespace } from '../../../../src-main/core/sim/net/namespace.js';
import type { World } from '../../../../src-main/core/sim/world.js';

/** Runs a command with stdout piped (isTTY false) or on a terminal of `cols` columns. */
async function run(command: Command, argv: string[], ns: NetNamespace, world: World, cols?: number) {
  let out = '';
  void world;
  const ctx = {
    argv,
    stdout: { isTTY: cols !== undefined, write: (t: string) => void (out += t) },
    stderr: { isTTY: true, write: () => undefined },
    host: { netns: ns },
    terminal: { isTTY: cols !== undefined, cols: cols ?? 80, rows: 24 },
  };
  const status = await command.run(ctx as never);
  return { out, status };
}

function lab() {
  const parts = createDockerHostWorld({ seed: 3 });
  const host = transportOf(parts.hostNs);
  host.listen('0.0.0.0', 80, { backlog: 5, owner: { command: 'python3', pid: 1234, fd: 3 } });
  host.listen(LAB.hostIp, 81, { backlog: 4096, owner: { command: 'docker-proxy', pid: 2001, fd: 4 } });
  host.bindUdp('0.0.0.0', 5353, { command: 'nc', pid: 77, fd: 3 });
  return { parts, host };
}

/** The lab plus Host01 connected to port 9000 of the Docker host. */
async function labWithConnection() {
  const l = lab();
  const listener = l.host.listen('0.0.0.0', 9000);
  const accepted = listener.accept();
  const connecting = transportOf(l.parts.host01.rootNs).connect(LAB.hostIp, 9000);
  await l.parts.world.clock.advance(10);
  await connecting;
  await accepted;
  return l;
}

describe('ss', () => {
  it('prints ss -tlnp compactly when piped: the last socket\'s process does not widen its column', async () => {
    // As ss 5.9 printed two listeners in the labhost image: the header is padded to the first
    // socket's ` users:(...)`, the last one's hangs past it, and no row is padded after it.
    const { parts } = lab();
    const r = await run(ss, ['ss', '-tlnp'], parts.hostNs, parts.world);
    expect(r.out).toBe(
      'State  Recv-Q Send-Q  Local Address:Port Peer Address:PortProcess                           \n' +
        'LISTEN 0      5             0.0.0.0:80        0.0.0.0:*    users:(("python3",pid=1234,fd=3))\n' +
        'LISTEN 0      4096   172.16.211.128:81        0.0.0.0:*    users:(("docker-proxy",pid=2001,fd=4))\n',
    );
  });

  it('does not widen the Process column for a single socket', async () => {
    const { parts } = lab();
    const r = await run(ss, ['ss', '-tlnp', 'sport', '=', ':81'], parts.hostNs, parts.world);
    expect(r.out).toBe(
      'State  Recv-Q Send-Q  Local Address:Port Peer Address:PortProcess\n' +
        'LISTEN 0      4096   172.16.211.128:81        0.0.0.0:*    users:(("docker-proxy",pid=2001,fd=4))\n',
    );
  });

  it('shares spare width out on a terminal and fills the line', async () => {
    const { parts } = lab();
    const r = await run(ss, ['ss', '-tln'], parts.hostNs, parts.world, 80);
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.length).toBe(80);
    expect(lines[0]).toMatch(/^State +Recv-Q +Send-Q +Local Address:Port +Peer Address:Port +Process *$/);
    expect(lines[1]).toMatch(/^LISTEN +0 +5 +0\.0\.0\.0:80 +0\.0\.0\.0:\* *$/);
  });

  it('adds the Netid column for TCP and UDP together, UDP first, with service names without -n', async () => {
    const { parts } = lab();
    const r = await run(ss, ['ss', '-tul'], parts.hostNs, parts.world);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^Netid State  Recv-Q Send-Q/);
    expect(lines[1]).toMatch(/^udp {3}UNCONN 0 {6}0 +0\.0\.0\.0:mdns +0\.0\.0\.0:\*/);
    expect(lines[2]).toMatch(/^tcp {3}LISTEN 0 {6}5 +0\.0\.0\.0:http +0\.0\.0\.0:\*/);
    expect(lines[3]).toMatch(/172\.16\.211\.128:81 /);
  });

  it('shows established connections by default and not listeners', async () => {
    const { parts } = await labWithConnection();
    const r = await run(ss, ['ss', '-tn'], parts.hostNs, parts.world);
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^ESTAB 0 +0 +172\.16\.211\.128:9000 +172\.16\.211\.1:\d+ *$/);
  });

  it('-x lists Unix sockets (the hosts have none): the header alone, with the Netid column (real engine, in a container)', async () => {
    const { parts } = lab();
    const r = await run(ss, ['ss', '-x'], parts.hostNs, parts.world, 80);
    expect(r.out).toBe('Netid  State  Recv-Q  Send-Q   Local Address:Port   Peer Address:Port  Process  \n');
    const both = await run(ss, ['ss', '-tlnx'], parts.hostNs, parts.world);
    expect(both.out.split('\n')[1]).toMatch(/^tcp +LISTEN +0 +5 +0\.0\.0\.0:80 /);
  });

  it('rejects unknown options as ss does', async () => {
    const { parts } = lab();
    const errors: string[] = [];
    const status = await ss.run({
      argv: ['ss', '-z'],
      stdout: { isTTY: false, write: () => undefined },
      stderr: { isTTY: false, write: (t: string) => void errors.push(t) },
      host: { netns: parts.hostNs },
      terminal: { isTTY: false, cols: 80, rows: 24 },
    } as never);
    expect(status).toBe(255);
    expect(errors.join('')).toMatch(/^ss: invalid option -- 'z'\nUsage: ss/);
  });

  it('filters by state and by port or address expressions', async () => {
    const { parts } = await labWithConnection();
    const established = (await run(ss, ['ss', '-tn', 'state', 'established'], parts.hostNs, parts.world)).out.split('\n');
    expect(established[0]).toMatch(/^Recv-Q Send-Q/); // one state: no State column
    expect(established[1]).toMatch(/^0 +0 +172\.16\.211\.128:9000 +172\.16\.211\.1:\d+/);
    const bySport = (await run(ss, ['ss', '-tan', '( sport = :80 or sport = :9000 )'], parts.hostNs, parts.world)).out.split('\n').filter(Boolean);
    expect(bySport.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['LISTEN', 'LISTEN', 'ESTAB']);
    const byDst = (await run(ss, ['ss', '-tan', 'dst', '172.16.211.0/24'], parts.hostNs, parts.world)).out.split('\n').filter(Boolean);
    expect(byDst).toHaveLength(2);
    const excluded = (await run(ss, ['ss', '-tn', 'exclude', 'listening'], parts.hostNs, parts.world)).out.split('\n').filter(Boolean);
    expect(excluded.slice(1).every((l) => !l.startsWith('LISTEN'))).toBe(true);
    expect((await run(ss, ['ss', 'state', 'bogus'], parts.hostNs, parts.world)).status).toBe(255);
  });

  it('-s prints the summary counts', async () => {
    const { parts } = await labWithConnection();
    const r = await run(ss, ['ss', '-s'], parts.hostNs, parts.world);
    expect(r.out).toBe(
      'Total: 5\nTCP:   4 (estab 1, closed 0, orphaned 0, timewait 0)\n\n' +
        'Transport Total     IP        IPv6\n' +
        'RAW\t  0         0         0        \n' +
        'UDP\t  1         1         0        \n' +
        'TCP\t  4         4         0        \n' +
        'INET\t  5         5         0        \n' +
        'FRAG\t  0         0         0        \n\n',
    );
  });
});

