// The simulator's capture is promiscuous, as the real backend's plain
// `tcpdump -n -l` is: on docker0 it shows traffic bridged between containers.
import { describe, expect, it } from 'vitest';
import { SimBackend } from '../../../src-main/core/simlab/backend.js';

describe('SimBackend.capture on a bridge', () => {
  it('shows a container-to-container ping on docker0 and releases promiscuity when disposed', async () => {
    const backend = new SimBackend();
    await backend.start('article');
    const capture = await backend.capture({ host: 'host', iface: 'docker0', filter: 'icmp' });
    const ping = await backend.probe('c1', 'ping -c 1 172.17.0.3', 10_000);
    expect(ping.exitCode).toBe(0);
    expect(capture.packets().map((p) => [p.iface, p.line])).toEqual([
      ['docker0', expect.stringMatching(/^IP 172\.17\.0\.2 > 172\.17\.0\.3: ICMP echo request, id \d+, seq 1, length 64$/)],
      ['docker0', expect.stringMatching(/^IP 172\.17\.0\.3 > 172\.17\.0\.2: ICMP echo reply, id \d+, seq 1, length 64$/)],
    ]);
    expect((await backend.probe('host', 'ip -d link show docker0', 10_000)).output).toMatch(/ promiscuity 1 /);
    capture.dispose();
    expect((await backend.probe('host', 'ip -d link show docker0', 10_000)).output).toMatch(/ promiscuity 0 /);
    await backend.dispose();
  });
});
