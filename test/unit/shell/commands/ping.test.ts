import { describe, expect, it } from 'vitest';
import { ping, formatRtt } from '../../../../src-main/core/shell/commands/ping.js';
import { buildKernelLab } from '../../sim/lab-fixture.js';
import { runCommand } from './harness.js';

describe('ping', () => {
  it('pings the host from c1 with iputils output and ttl=64', async () => {
    const lab = buildKernelLab();
    const c1 = lab.containers.get('c1')!.ns;
    const r = await runCommand(ping, ['ping', '-c', '3', '172.16.211.128'], { world: lab.world, ns: c1 });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('PING 172.16.211.128 (172.16.211.128) 56(84) bytes of data.');
    expect(lines[1]).toMatch(/^64 bytes from 172\.16\.211\.128: icmp_seq=1 ttl=64 time=0\.\d{3} ms$/);
    expect(lines[3]).toMatch(/^64 bytes from 172\.16\.211\.128: icmp_seq=3 ttl=64 time=\d\.\d+ ms$/);
    expect(lines[4]).toBe('');
    expect(lines[5]).toBe('--- 172.16.211.128 ping statistics ---');
    expect(lines[6]).toMatch(/^3 packets transmitted, 3 received, 0% packet loss, time 20\d\dms$/);
    expect(lines[7]).toMatch(/^rtt min\/avg\/max\/mdev = \d\.\d{3}\/\d\.\d{3}\/\d\.\d{3}\/\d\.\d{3} ms$/);
  });

  it('the first reply is slower than the next ones because ARP resolves first', async () => {
    const lab = buildKernelLab();
    const r = await runCommand(ping, ['ping', '-c', '2', '172.17.0.3'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
    const times = [...r.stdout.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1]));
    expect(times).toHaveLength(2);
    expect(times[0]).toBeGreaterThan(times[1]);
  });

  it('is deterministic: the same run prints the same bytes', async () => {
    const run = async () => {
      const lab = buildKernelLab();
      return (await runCommand(ping, ['ping', '-c', '2', '172.16.211.128'], { world: lab.world, ns: lab.containers.get('c1')!.ns })).stdout;
    };
    expect(await run()).toBe(await run());
  });

  it('prints the statistics on Ctrl-C', async () => {
    const lab = buildKernelLab();
    const r = await runCommand(ping, ['ping', '172.16.211.128'], { world: lab.world, ns: lab.containers.get('c1')!.ns, interruptAfterMs: 2500 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\n--- 172\.16\.211\.128 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 20\d\dms\n/);
  });

  it('reports Destination Host Unreachable for an address nobody has', async () => {
    const lab = buildKernelLab();
    const r = await runCommand(ping, ['ping', '-c', '3', '172.17.0.99'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('From 172.17.0.2 icmp_seq=1 Destination Host Unreachable');
    expect(r.stdout).toMatch(/3 packets transmitted, 0 received, \+3 errors, 100% packet loss, time \d+ms\npipe 3\n$/);
  });

  it('ends 100% loss with the blank line iputils prints and no pipe when nothing came back (real engine)', async () => {
    const lab = buildKernelLab();
    const r = await runCommand(ping, ['ping', '-c', '2', '-W', '1', '172.17.0.99'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\n2 packets transmitted, 0 received, 100% packet loss, time \d+ms\n\n$/);
  });

  it('ends the statistics of an error-only run with a blank line (real engine)', async () => {
    const lab = buildKernelLab();
    const r = await runCommand(ping, ['ping', '-c', '1', '-t', '1', '172.16.211.1'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
    expect(r.stdout).toMatch(/\n1 packets transmitted, 0 received, \+1 errors, 100% packet loss, time 0ms\n\n$/);
  });

  it('gets Time to live exceeded from the first router with -t 1', async () => {
    const lab = buildKernelLab();
    const r = await runCommand(ping, ['ping', '-c', '1', '-t', '1', '172.16.211.1'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
    expect(r.stdout).toContain('From 172.17.0.1 icmp_seq=1 Time to live exceeded');
    expect(r.status).toBe(1);
  });

  it('rejects bad arguments as iputils does', async () => {
    const lab = buildKernelLab();
    const ns = lab.hostNs;
    const none = await runCommand(ping, ['ping'], { world: lab.world, ns });
    expect(none).toMatchObject({ status: 1, stderr: 'ping: usage error: Destination address required\n' });
    const badCount = await runCommand(ping, ['ping', '-c', 'x', '1.2.3.4'], { world: lab.world, ns });
    expect(badCount.stderr).toBe("ping: invalid argument: 'x': out of range: 1 <= value <= 9223372036854775807\n");
    const name = await runCommand(ping, ['ping', 'nosuchhost'], { world: lab.world, ns });
    // The gateway resolv.conf names runs no DNS server: the lookup fails for now (EAI_AGAIN).
    expect(name).toMatchObject({ status: 2, stderr: 'ping: nosuchhost: Temporary failure in name resolution\n' });
  });

  it('prints its version and build on stdout with -V, and does nothing else', async () => {
    const lab = buildKernelLab();
    const version = await runCommand(ping, ['ping', '-V'], { world: lab.world, ns: lab.hostNs });
    expect(version).toMatchObject({ status: 0, stderr: '' });
    expect(version.stdout).toMatch(/^ping from iputils s20211215\nlibcap: yes, IDN: yes, NLS: no, /);
  });

  it('refuses a broadcast address without -b, and gets no answer with it', async () => {
    const lab = buildKernelLab(['c1']);
    const ns = lab.containers.get('c1')!.ns;
    expect(await runCommand(ping, ['ping', '-c', '1', '172.17.255.255'], { world: lab.world, ns })).toMatchObject({
      status: 2,
      stderr: 'ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n',
    });
    const b = await runCommand(ping, ['ping', '-b', '-c', '1', '-W', '1', '172.17.255.255'], { world: lab.world, ns });
    expect(b.stderr).toBe('WARNING: pinging broadcast address\n');
    expect(b.stdout).toContain('1 packets transmitted, 0 received, 100% packet loss');
    expect(b.status).toBe(1);
  });

  it('says Network is unreachable without a route', async () => {
    const lab = buildKernelLab();
    const c1 = lab.containers.get('c1')!.ns;
    c1.routes.remove((r) => r.prefixLen === 0);
    const r = await runCommand(ping, ['ping', '-c', '1', '8.8.8.8'], { world: lab.world, ns: c1 });
    expect(r).toMatchObject({ status: 2, stderr: 'ping: connect: Network is unreachable\n' });
  });

  it('paces -i 0 by the replies instead of sending without end at one instant', async () => {
    const lab = buildKernelLab(['c1']);
    const r = await runCommand(ping, ['ping', '-q', '-i', '0', '-w', '1', '172.17.0.99'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
    const sent = Number(/(\d+) packets transmitted/.exec(r.stdout)?.[1]);
    // No replies: one request per 10 ms for the 1 s deadline.
    expect(sent).toBeGreaterThanOrEqual(99);
    expect(sent).toBeLessThanOrEqual(101);
  });

  it('prefixes lines with the Unix time with -D', async () => {
    const lab = buildKernelLab(['c1']);
    const r = await runCommand(ping, ['ping', '-D', '-c', '1', '172.17.0.1'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
    expect(r.stdout.split('\n')[1]).toMatch(/^\[\d{10}\.\d{6}\] 64 bytes from 172\.17\.0\.1: icmp_seq=1 ttl=64 time=0\.\d{3} ms$/);
  });

  it('formats round-trip times like iputils', () => {
    expect(formatRtt(51)).toBe('0.051');
    expect(formatRtt(1796)).toBe('1.80');
    expect(formatRtt(12345)).toBe('12.3');
    expect(formatRtt(123456)).toBe('123');
  });
});
