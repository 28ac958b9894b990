// Issue 3 on the simulated article lab: ICMP errors about connections the
// docker host masqueraded come back to the container, from the router or host
// that sent them, with the quoted header showing the container's address.
import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from '../../../../src-main/core/lab/runner.js';
import { SimBackend } from '../../../../src-main/core/simlab/backend.js';

async function run(lines: string[]) {
  const backend = new SimBackend();
  await backend.start('article');
  try {
    const result = await runScript(backend, parseScript(lines.join('\n')));
    expect(result.error).toBeUndefined();
    const output = (command: string) => result.commands.find((c) => c.command.startsWith(command))!.output;
    // A background tcpdump prints between commands: read the host terminal's whole stream.
    const host = result.transcripts.get('host')!.replace(/\r/g, '');
    return { output, host };
  } finally {
    await backend.dispose();
  }
}

describe('ICMP errors for masqueraded connections reach the container', () => {
  it('ping -t 2 from c1 beyond the gateway: Time to live exceeded from 172.16.211.2', async () => {
    const { output, host } = await run(['@host tcpdump -n -c 2 -i docker0 icmp &', 'wait 1', '@c1 ping -c 1 -t 2 8.8.8.8', 'wait 3', '@host echo done']);
    expect(output('ping')).toContain('From 172.16.211.2 icmp_seq=1 Time to live exceeded\n');
    expect(output('ping')).toContain('1 packets transmitted, 0 received, +1 errors, 100% packet loss');
    expect(output('ping')).not.toContain('From 8.8.8.8');
    expect(host).toMatch(/IP 172\.17\.0\.2 > 8\.8\.8\.8: ICMP echo request, id \d+, seq 1, length 64/);
    expect(host).toMatch(/IP 172\.16\.211\.2 > 172\.17\.0\.2: ICMP time exceeded in-transit, length 92/);
  }, 60_000);

  it('UDP port unreachable from Host01 reaches a container quoting its own address and port', async () => {
    const { host: capture } = await run([
      '@host docker run -dit --name probe nicolaka/netshoot',
      '@host tcpdump -n -c 2 -i docker0 udp or icmp &',
      'wait 1',
      "@host docker exec probe sh -c 'echo hi | nc -u -w1 172.16.211.1 9999'",
      'wait 2',
      '@host echo done',
    ]);
    const [, sport] = /IP 172\.17\.0\.6\.(\d+) > 172\.16\.211\.1\.9999: UDP, length 3/.exec(capture) ?? [];
    expect(sport).toBeDefined();
    expect(capture).toMatch(/IP 172\.16\.211\.1 > 172\.17\.0\.6: ICMP 172\.16\.211\.1 udp port 9999 unreachable, length 39/);
  }, 60_000);
});
