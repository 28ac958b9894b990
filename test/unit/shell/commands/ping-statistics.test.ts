// ping's closing statistics as iputils s20211215 computes them: the time is
// from the start to the last request sent (not the last reply), and ipg/ewma
// is printed whenever the interval is 0, not only with -f.
import { describe, expect, it } from 'vitest';
import { ping } from '../../../../src-main/core/shell/commands/ping.js';
import { articleLab } from '../../userspace/dockerd/article-lab.js';
import { runCommand } from './harness.js';

function pingFromC1(args: string[]) {
  const lab = articleLab();
  return runCommand(ping, ['ping', ...args], { world: lab.world, ns: lab.docker.container('c1')!.ns! });
}

describe('ping statistics', () => {
  it('-i 0 -c 300 to Host01: every reply comes back, paced by the replies, with ipg/ewma', async () => {
    const r = await pingFromC1(['-i', '0', '-c', '300', '172.16.211.1']);
    expect(r.status).toBe(0);
    expect(r.stdout.match(/^64 bytes from 172\.16\.211\.1: icmp_seq=\d+ ttl=63 time=/gm)).toHaveLength(300);
    const stats = /\n300 packets transmitted, 300 received, 0% packet loss, time (\d+)ms\nrtt min\/avg\/max\/mdev = ([\d.]+)\/([\d.]+)\/[\d.]+\/[\d.]+ ms, ipg\/ewma ([\d.]+)\/([\d.]+) ms\n$/.exec(r.stdout);
    expect(stats).not.toBeNull();
    const [, time, , avg, ipg] = stats!.map(Number);
    // Each request waits for the previous reply: 299 gaps of about one round trip.
    expect(time).toBeGreaterThanOrEqual(Math.floor(299 * avg * 0.9));
    expect(time).toBeLessThanOrEqual(Math.ceil(299 * avg * 1.1));
    expect(ipg).toBeCloseTo(time / 299, 2);
  });

  it('-c 1 reports time 0ms however long the reply took (the clock stops at the last request)', async () => {
    const r = await pingFromC1(['-c', '1', '8.8.8.8']);
    const rtt = Number(/time=([\d.]+) ms/.exec(r.stdout)?.[1]);
    expect(rtt).toBeGreaterThan(1);
    expect(r.stdout).toContain('\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\n');
  });

  it('-i 0.2 -c 2: time is the gap between the two requests, without the last round trip', async () => {
    const r = await pingFromC1(['-i', '0.2', '-c', '2', '8.8.8.8']);
    expect(r.stdout).toContain('\n2 packets transmitted, 2 received, 0% packet loss, time 200ms\n');
    // A non-zero interval without -f has no ipg/ewma.
    expect(r.stdout).not.toContain('ipg/ewma');
  });
});
