// A REJECT in FORWARD refusing a connection to the published port: the answer
// carries the rejected (never confirmed) connection, so NAT is undone on it as
// Linux does (nf_ct_attach, nf_nat_icmp_reply_translation) and Host01 sees the
// address it connected to, 172.16.211.128:81, not the container's.
import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from '../../../../src-main/core/lab/runner.js';
import { SimBackend } from '../../../../src-main/core/simlab/backend.js';

async function refusedFromHost01(rejectWith: string) {
  const backend = new SimBackend();
  await backend.start('article');
  try {
    const script = [
      `@host iptables -I DOCKER-USER -p tcp --dport 80 -j REJECT --reject-with ${rejectWith}`,
      '@host01 tcpdump -n -c 2 -i any icmp or tcp &',
      'wait 1',
      '@host01 curl -s -m 3 http://172.16.211.128:81/; echo rc=$?',
      'wait 4',
      '@host conntrack -L',
    ];
    const result = await runScript(backend, parseScript(script.join('\n')));
    expect(result.error).toBeUndefined();
    const output = (command: string) => result.commands.find((c) => c.command.startsWith(command))!.output;
    return { curl: output('curl'), conntrack: output('conntrack') };
  } finally {
    await backend.dispose();
  }
}

describe('REJECT of a DNATed connection (Host01 -> 172.16.211.128:81)', () => {
  it('quotes the address Host01 used in the ICMP error', async () => {
    const { curl, conntrack } = await refusedFromHost01('icmp-port-unreachable');
    expect(curl).toMatch(/IP 172\.16\.211\.128 > 172\.16\.211\.1: ICMP 172\.16\.211\.128 tcp port 81 unreachable, length 68\n/);
    expect(curl).not.toContain('172.17.0.5');
    expect(curl).toContain('rc=7');
    // The rejected connection never entered the table, and its answer did not put it there.
    expect(conntrack).toContain('0 flow entries have been shown.');
  }, 60_000);

  it('sends the TCP reset from the published address and port', async () => {
    const { curl, conntrack } = await refusedFromHost01('tcp-reset');
    expect(curl).toMatch(/IP 172\.16\.211\.128\.81 > 172\.16\.211\.1\.\d+: Flags \[R\.\], seq 0, ack \d+, win 0, length 0\n/);
    expect(curl).toContain('rc=7');
    expect(conntrack).toContain('0 flow entries have been shown.');
  }, 60_000);
});
