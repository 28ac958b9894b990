import { describe, expect, it } from 'vitest';
import { nc, parseNcArgs } from '../../../../src-main/core/shell/commands/nc.js';
import { python } from '../../../../src-main/core/shell/commands/python.js';
import { transportOf } from '../../../../src-main/core/sim/transport/transport.js';
import { articleLab } from '../../userspace/dockerd/article-lab.js';
import { runCommand, startCommand } from './harness.js';

const bytes = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe('nc', () => {
  it('scans an open and a closed port of the web container with -zv', async () => {
    const lab = articleLab();
    const web = lab.docker.container('web')!;
    startCommand(python, ['python3', '-m', 'http.server', '80'], { world: lab.world, ns: web.ns! });
    const c1 = lab.docker.container('c1')!.ns!;
    const r = await runCommand(nc, ['nc', '-zv', '172.17.0.5', '79-80'], { world: lab.world, ns: c1 });
    expect(r.stderr).toBe(
      'nc: connect to 172.17.0.5 port 79 (tcp) failed: Connection refused\n' + 'Connection to 172.17.0.5 80 port [tcp/http] succeeded!\n',
    );
    expect(r.status).toBe(0);
  });

  it('reports a timeout with -w when the host does not answer', async () => {
    const lab = articleLab();
    const c1 = lab.docker.container('c1')!.ns!;
    const r = await runCommand(nc, ['nc', '-w', '2', '172.17.0.99', '80'], { world: lab.world, ns: c1 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('nc: connect to 172.17.0.99 port 80 (tcp) timed out: Operation now in progress\n');
    expect(r.elapsed).toBeCloseTo(2000, 0);
  });

  it('listens with -lvp, prints what a client sends and the client address, then exits', async () => {
    const lab = articleLab();
    const c1 = lab.docker.container('c1')!.ns!;
    const listener = startCommand(nc, ['nc', '-lvp', '7000'], { world: lab.world, ns: c1 });
    await lab.world.clock.advance(1);
    const c2 = lab.docker.container('c2')!.ns!;
    const connecting = transportOf(c2).connect('172.17.0.2', 7000);
    await lab.world.clock.advance(5);
    const sock = await connecting;
    await sock.write(bytes('hello over the bridge\n'));
    sock.close();
    await lab.world.clock.advance(50);
    const r = await listener.done;
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('hello over the bridge\n');
    expect(r.stderr).toBe(`Listening on 0.0.0.0 7000\nConnection received on 172.17.0.3 ${sock.localPort}\n`);
  });

  it('refuses bad arguments like netcat-openbsd', () => {
    expect(parseNcArgs(['-w', 'x', 'h', '1'])).toMatchObject({ ok: false, stderr: 'nc: timeout invalid: x\n' });
    expect(parseNcArgs(['host'])).toMatchObject({ ok: false, status: 1 });
    expect(parseNcArgs(['-l', '-p', '70000'])).toMatchObject({ ok: false, stderr: 'nc: port number invalid: 70000\n' });
    expect(parseNcArgs(['-zv', 'h', '22', '80-81'])).toMatchObject({ ok: true, options: { ports: [22, 80, 81] } });
    expect(parseNcArgs(['-q', '1', 'h', '80'])).toMatchObject({ ok: true, options: { quitAfterEofMs: 1000 } });
  });

  it('receives UDP datagrams with -ulvp and names the sender', async () => {
    const lab = articleLab();
    const c1 = lab.docker.container('c1')!.ns!;
    const listener = startCommand(nc, ['nc', '-ulvp', '5000'], { world: lab.world, ns: c1 });
    await lab.world.clock.advance(1);
    const sender = transportOf(lab.docker.container('c2')!.ns!).bindUdp('0.0.0.0', 0);
    sender.send(bytes('datagram one\n'), '172.17.0.2', 5000);
    sender.send(bytes('datagram two\n'), '172.17.0.2', 5000);
    await lab.world.clock.advance(10);
    listener.interrupt();
    await lab.world.clock.advance(1);
    const r = await listener.done;
    expect(r.status).toBe(130);
    expect(r.stdout).toBe('datagram one\ndatagram two\n');
    expect(r.stderr).toBe(`Bound on 0.0.0.0 5000\nConnection received on 172.17.0.3 ${sender.localPort}\n`);
  });

  it('with -q quits that long after the end of its input, though the server stays silent', async () => {
    const lab = articleLab();
    const c1 = lab.docker.container('c1')!.ns!;
    const listener = transportOf(c1).listen('0.0.0.0', 7100);
    void listener.accept();
    const r = await runCommand(nc, ['nc', '-q', '2', '172.17.0.2', '7100'], { world: lab.world, ns: lab.docker.container('c2')!.ns! });
    expect(r.status).toBe(0);
    expect(r.elapsed).toBeGreaterThanOrEqual(2000);
    expect(r.elapsed).toBeLessThan(2100);
  });
});

