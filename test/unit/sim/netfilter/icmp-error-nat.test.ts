// ICMP errors about a masqueraded connection (issue 3): conntrack finds the
// connection from the quoted header (RELATED), and NAT undoes only what the
// binding changed for the error's direction: the outer destination and the
// quoted source go back to the container, the outer source (the router that
// sent the error) stays, as nf_nat_icmp_reply_translation does.
import { describe, expect, it } from 'vitest';
import { ipToNumber, numberToIp } from '../../../../src-main/core/sim/netfilter/addr.js';
import { articleNetfilter, forward, icmpEcho, type TestPacket } from './helpers.js';

function icmpError(src: string, dst: string, type: number, code: number, quoted: TestPacket): TestPacket {
  return { src: ipToNumber(src), dst: ipToNumber(dst), proto: 1, length: 56, icmpType: type, icmpCode: code, embedded: quoted };
}

const addresses = (p: TestPacket) => `${numberToIp(p.src)} > ${numberToIp(p.dst)}`;

describe('ICMP errors for a masqueraded connection from c1', () => {
  it('time exceeded from the gateway reaches c1 with the gateway as source', () => {
    const nf = articleNetfilter();
    const out = forward(nf, icmpEcho('172.17.0.2', '8.8.8.8', 7), 'docker0', 'ens160');
    expect(addresses(out.packet)).toBe('172.16.211.128 > 8.8.8.8');

    const error = icmpError('172.16.211.2', '172.16.211.128', 11, 0, out.packet);
    const back = forward(nf, error, 'ens160', 'docker0');
    expect(back.verdict).toBe('accept');
    expect(addresses(back.packet)).toBe('172.16.211.2 > 172.17.0.2');
    expect(addresses(back.packet.embedded!)).toBe('172.17.0.2 > 8.8.8.8');
    expect(back.packet.embedded!.icmpId).toBe(7);
  });

  it('port unreachable from Host01 reaches c1 with the quoted ports restored', () => {
    const nf = articleNetfilter();
    const datagram: TestPacket = { src: ipToNumber('172.17.0.2'), dst: ipToNumber('172.16.211.1'), proto: 17, length: 29, sport: 45000, dport: 9999 };
    const out = forward(nf, datagram, 'docker0', 'ens160');
    expect(addresses(out.packet)).toBe('172.16.211.128 > 172.16.211.1');

    const error = icmpError('172.16.211.1', '172.16.211.128', 3, 3, out.packet);
    const back = forward(nf, error, 'ens160', 'docker0');
    expect(back.verdict).toBe('accept');
    expect(addresses(back.packet)).toBe('172.16.211.1 > 172.17.0.2');
    const quoted = back.packet.embedded!;
    expect(`${numberToIp(quoted.src)}.${quoted.sport} > ${numberToIp(quoted.dst)}.${quoted.dport}`).toBe('172.17.0.2.45000 > 172.16.211.1.9999');
    // The error is RELATED, never a new connection: the table still holds the one entry.
    expect(nf.conntrack.entries(0)).toHaveLength(1);
  });
});
