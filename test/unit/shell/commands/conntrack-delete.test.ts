// `conntrack -D` and the tuple filters, and what deleting an entry means for
// NAT: a connection keeps the translation chosen at its first packet until
// its entry is gone, whatever happened to the rule since.
import { describe, expect, it } from 'vitest';
import { labPerTest } from '../../simlab/lab-per-test.js';

const simLab = labPerTest('article', 30_000);
const run = simLab.run;
const MASQUERADE = '-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE';

describe('conntrack -D', () => {
  it('deletes only the entries its filters match, prints them, and exits 1 when none matched', async () => {
    await run('c1', 'ping -c 1 172.16.211.1');
    await run('host01', 'curl -s -o /dev/null http://172.16.211.128:81/');
    const none = await run('host', 'conntrack -D -p icmp --orig-src 172.17.0.9');
    expect(none.exitCode).toBe(1);
    expect(none.output).toBe('conntrack v1.4.6 (conntrack-tools): 0 flow entries have been deleted.\n');
    const icmp = await run('host', 'conntrack -D -p icmp -s 172.17.0.2');
    expect(icmp.exitCode).toBe(0);
    expect(icmp.output).toMatch(/^icmp +1 \d+ src=172\.17\.0\.2 dst=172\.16\.211\.1 type=8 code=0 id=\d+ src=172\.16\.211\.1 dst=172\.16\.211\.128 .*\n.*1 flow entries have been deleted\.\n$/);
    const left = await run('host', 'conntrack -L');
    expect(left.output).toMatch(/^tcp .* dport=81 src=172\.17\.0\.5 /m);
    expect(left.output).not.toMatch(/^icmp/m);
  });

  it('filters -L by either direction, and ports only after -p', async () => {
    await run('host01', 'curl -s -o /dev/null http://172.16.211.128:81/');
    expect((await run('host', 'conntrack -L -p tcp --reply-port-src 80 -r 172.17.0.5')).output).toContain('1 flow entries have been shown');
    expect((await run('host', 'conntrack -L -p tcp --sport 80')).output).toContain('0 flow entries have been shown');
    const noProto = await run('host', 'conntrack -L --dport 81');
    expect(noProto.exitCode).toBe(2);
    expect(noProto.output).toContain("unknown option `--dport'");
  });

  it('refuses a bad address or a missing value with status 2', async () => {
    const bad = await run('host', 'conntrack -D -s nope');
    expect(bad).toEqual({ exitCode: 2, output: "conntrack v1.4.6 (conntrack-tools): Invalid IP address `nope'\nTry `conntrack -h' or 'conntrack --help' for more information.\n" });
    expect((await run('host', 'conntrack -D -s')).output).toContain("option `-s' requires an argument");
  });

  it('quotes an unknown command as conntrack-tools 1.4.6 does', async () => {
    expect(await run('host', 'conntrack -X')).toEqual({
      exitCode: 2,
      output: "conntrack v1.4.6 (conntrack-tools): unknown option `-X'\nTry `conntrack -h' or 'conntrack --help' for more information.\n",
    });
  });
});

describe('NAT is decided at a connection\'s first packet', () => {
  it('a running ping keeps its masquerade after the rule is deleted, and loses it with its conntrack entry', async () => {
    const ping = run('c1', 'ping -c 8 172.16.211.1');
    const capture = run('host01', 'tcpdump -n -c 16 -i eth0 icmp');
    const host = run('host', `sleep 2; iptables -t nat -D POSTROUTING ${MASQUERADE}; sleep 3; conntrack -D -p icmp -s 172.17.0.2`);
    const [pinged, captured] = await Promise.all([ping, capture, host]);
    const sources = captured.output
      .split('\n')
      .filter((l) => l.includes('echo request'))
      .map((l) => / IP (\S+) > /.exec(l)?.[1]);
    // the first requests masqueraded, also after the rule went; the rest with c1's own address
    expect(sources.slice(0, 5)).toEqual(Array(5).fill('172.16.211.128'));
    expect(sources.slice(-2)).toEqual(['172.17.0.2', '172.17.0.2']);
    expect(pinged.output).toMatch(/8 packets transmitted, 5 received/);
  });
});
