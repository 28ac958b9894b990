import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runIptables, runIptablesRestore } from '../../../../src-main/core/userspace/iptables/run.js';
import { Netfilter } from '../../../../src-main/core/sim/netfilter/netfilter.js';
import { viewAdapter } from '../../sim/netfilter/helpers.js';

const WORDS = ['-A', '-I', '-D', '-R', '-C', '-L', '-S', '-F', '-Z', '-N', '-X', '-E', '-P', '-t', 'nat', 'filter', 'raw', 'mangle', 'INPUT', 'FORWARD', 'DOCKER', 'PREROUTING', '-p', 'tcp', 'udp', 'icmp', 'all', '!', '-s', '-d', '10.0.0.0/8', '1.2.3.4', '-i', '-o', 'eth+', 'docker0', '-j', '-g', 'ACCEPT', 'DROP', 'REJECT', 'DNAT', 'SNAT', 'MASQUERADE', 'LOG', 'RETURN', '--to-destination', '172.17.0.2:80', '--to-source', '--to-ports', '--dport', '--sport', '1:1024', '80', '-m', 'conntrack', '--ctstate', 'NEW,ESTABLISHED', 'addrtype', '--dst-type', 'LOCAL', 'comment', '--comment', 'hello world', '-v', '-n', '-x', '--line-numbers', '1', '2', '--reject-with', 'tcp-reset', '--log-prefix', '--icmp-type', 'echo-request'];

describe('iptables argument parsing', () => {
  it('never throws: every command line ends in output and an exit status', () => {
    const nf = new Netfilter(viewAdapter);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 12 }), (argv) => {
        const r = runIptables(nf, argv);
        expect(typeof r.stdout).toBe('string');
        expect([0, 1, 2, 3, 4]).toContain(r.status);
        // iptables 1.8.7 prefixes its errors with its name, except a stray word: "Bad argument `x'"
        if (r.status !== 0) expect(r.stderr).toMatch(/^(iptables|Bad argument `)/);
      }),
      { numRuns: 20_000 },
    );
    // 20,000 command lines take a few seconds when the machine is busy.
  }, 30_000);

  it('restores what it saved, and rejects a bad table atomically', () => {
    const nf = new Netfilter(viewAdapter);
    runIptables(nf, ['-N', 'X']);
    runIptables(nf, ['-A', 'X', '-m', 'comment', '--comment', 'say "hi"', '-j', 'RETURN']);
    const saved = runIptables(nf, ['-S']).stdout;
    const text = `*filter\n:INPUT ACCEPT [0:0]\n:X - [0:0]\n-A X -m comment --comment "say \\"hi\\"" -j RETURN\nCOMMIT\n`;
    const fresh = new Netfilter(viewAdapter);
    expect(runIptablesRestore(fresh, text, []).status).toBe(0);
    expect(runIptables(fresh, ['-S']).stdout).toBe(saved);
    const bad = runIptablesRestore(fresh, '*filter\n-A X -j ACCEPT\n-A NOPE -j ACCEPT\nCOMMIT\n', ['-n']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Error occurred at line: 4');
    expect(runIptables(fresh, ['-S']).stdout).toBe(saved);
  });
});
