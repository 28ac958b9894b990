// Packets the Docker host cannot deliver: the ICMP errors it sends back, and
// how conntrack brings them to a container whose packets it masqueraded.
import { describe, expect, it } from 'vitest';
import { labPerTest } from '../../simlab/lab-per-test.js';

const simLab = labPerTest('article', 30_000);
const run = simLab.run;

describe('ICMP errors for undeliverable packets', () => {
  it('a container pinging a lab address nobody answers hears Destination Host Unreachable from the host, un-NATed', async () => {
    const { output, exitCode } = await run('c1', 'ping -c 4 172.16.211.99');
    expect(exitCode).toBe(1);
    expect(output.split('\n').filter((l) => l.startsWith('From '))).toEqual(
      [1, 2, 3, 4].map((seq) => `From 172.16.211.128 icmp_seq=${seq} Destination Host Unreachable`),
    );
    expect(output).toContain('4 packets transmitted, 0 received, +4 errors, 100% packet loss');
    // made by the host and un-NATed at OUTPUT (the flow's conntrack entry attached to them), never forwarded
    expect((await run('host', 'iptables -L OUTPUT -n -v -x')).output).toContain('Chain OUTPUT (policy ACCEPT 4 packets, 448 bytes)');
    expect((await run('host', 'iptables -L FORWARD -n -v -x')).output).toMatch(/^ +0 +0 ACCEPT .* docker0 .* ctstate RELATED,ESTABLISHED$/m);
  });

  it('the host pinging such an address hears it from itself', async () => {
    const { output } = await run('host', 'ping -c 4 172.16.211.99');
    expect(output).toContain('From 172.16.211.128 icmp_seq=1 Destination Host Unreachable');
    expect(output).toContain('+4 errors');
  });
});

describe('private addresses beyond the gateway', () => {
  it('are on no internet: the gateway answers Net Unreachable, a public address answers (real engine: 10.99.0.1)', async () => {
    const { output } = await run('c1', 'ping -c 1 -W 1 10.99.0.1');
    expect(output).toContain('From 172.16.211.2 icmp_seq=1 Destination Net Unreachable\n');
    expect((await run('host01', 'ping -c 1 -W 1 172.17.0.2')).output).toContain('From 172.16.211.2 icmp_seq=1 Destination Net Unreachable\n');
    expect((await run('c1', 'curl -sS --connect-timeout 1 http://10.99.0.1/')).output).toBe("curl: (7) Failed to connect to 10.99.0.1 port 80 after 0 ms: Couldn't connect to server\n");
    expect((await run('c1', 'ping -c 1 8.8.8.8')).output).toContain('1 received');
  });
});
