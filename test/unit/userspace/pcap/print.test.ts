import { describe, expect, it } from 'vitest';
import { PacketFormatter, formatTimestamp, hexDump, asciiDump } from '../../../../src-main/core/userspace/pcap/print.js';
import { compileFilter, FilterSyntaxError } from '../../../../src-main/core/userspace/pcap/filter.js';
import { ipv4, type EthernetFrame, type TcpFlags } from '../../../../src-main/core/sim/wire/packet.js';
import { readFileSync } from 'node:fs';
import { REFERENCE_DIR } from '../../../reference-dir.js';

const text = (s: string) => new TextEncoder().encode(s);

function tcpFrame(src: string, sport: number, dst: string, dport: number, seq: number, ack: number, flags: TcpFlags, payload = new Uint8Array(0)): EthernetFrame {
  return {
    src: '02:42:ac:11:00:05',
    dst: '02:42:9a:0c:8a:ee',
    etherType: 0x0800,
    payload: ipv4({ src, dst, payload: { kind: 'tcp', srcPort: sport, dstPort: dport, seq, ack, flags, window: 64, urgent: 0, options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamp', value: 10, echo: 20 }], payload } }),
  };
}

describe('tcpdump formatting', () => {
  it('prints relative sequence numbers after the handshake and HTTP first lines on port 80, as in the reference capture', () => {
    const f = new PacketFormatter({ link: false, verbose: 0, cooked: false });
    const c = '172.16.211.1';
    const s = '172.17.0.5';
    const lines = [
      f.format(tcpFrame(c, 44652, s, 80, 1786359731, 0, { syn: true })),
      f.format(tcpFrame(s, 80, c, 44652, 2386494469, 1786359732, { syn: true, ack: true })),
      f.format(tcpFrame(c, 44652, s, 80, 1786359732, 2386494470, { ack: true })),
      f.format(tcpFrame(c, 44652, s, 80, 1786359732, 2386494470, { psh: true, ack: true }, text('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))),
      f.format(tcpFrame(s, 80, c, 44652, 2386494470, 1786359759, { psh: true, ack: true }, text('<html>'))),
      f.format(tcpFrame(s, 80, c, 44652, 2386494476, 1786359759, { fin: true, ack: true })),
    ];
    expect(lines.map((l) => l.replace(/, options \[[^\]]*\]/, ''))).toEqual([
      'IP 172.16.211.1.44652 > 172.17.0.5.80: Flags [S], seq 1786359731, win 64, length 0',
      'IP 172.17.0.5.80 > 172.16.211.1.44652: Flags [S.], seq 2386494469, ack 1786359732, win 64, length 0',
      'IP 172.16.211.1.44652 > 172.17.0.5.80: Flags [.], ack 1, win 64, length 0',
      'IP 172.16.211.1.44652 > 172.17.0.5.80: Flags [P.], seq 1:28, ack 1, win 64, length 27: HTTP: GET / HTTP/1.1',
      'IP 172.17.0.5.80 > 172.16.211.1.44652: Flags [P.], seq 1:7, ack 28, win 64, length 6: HTTP',
      'IP 172.17.0.5.80 > 172.16.211.1.44652: Flags [F.], seq 7, ack 28, win 64, length 0',
    ]);
    const reference = readFileSync(`${REFERENCE_DIR}/tcpdump-docker0-web.txt`, 'utf8');
    expect(reference).toContain('Flags [P.], seq 1:82, ack 1, win 63, options [nop,nop,TS val 2929764286 ecr 3674639024], length 81: HTTP: GET / HTTP/1.1');
    expect(lines[2]).toContain(', options [nop,nop,TS val 10 ecr 20], length 0');
  });

  it('prints SACK block edges relative to the acknowledged side like ack, and absolute with -S (tcpdump print-tcp.c)', () => {
    const c = '172.16.211.1';
    const s = '172.17.0.5';
    const withSack = (src: string, sport: number, dst: string, dport: number, seq: number, ack: number, blocks: Array<[number, number]>): EthernetFrame => {
      const frame = tcpFrame(src, sport, dst, dport, seq, ack, { ack: true });
      const ip = frame.payload as ReturnType<typeof ipv4>;
      const tcp = ip.payload as Extract<typeof ip.payload, { kind: 'tcp' }>;
      return { ...frame, payload: { ...ip, payload: { ...tcp, options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks }] } } };
    };
    const capture = (f: PacketFormatter) => [
      f.format(tcpFrame(c, 44652, s, 80, 1000, 0, { syn: true })),
      f.format(tcpFrame(s, 80, c, 44652, 5000, 1001, { syn: true, ack: true })),
      // The client SACKs server bytes 1449:2897 (relative), the server SACKs client bytes 101:201.
      f.format(withSack(c, 44652, s, 80, 1001, 5001, [[6449, 7897]])),
      f.format(withSack(s, 80, c, 44652, 5001, 1001, [[1101, 1201]])),
    ];
    const relative = capture(new PacketFormatter({ link: false, verbose: 0, cooked: false }));
    expect(relative[2]).toBe('IP 172.16.211.1.44652 > 172.17.0.5.80: Flags [.], ack 1, win 64, options [nop,nop,sack 1 {1449:2897}], length 0');
    expect(relative[3]).toBe('IP 172.17.0.5.80 > 172.16.211.1.44652: Flags [.], ack 1, win 64, options [nop,nop,sack 1 {101:201}], length 0');
    const absolute = capture(new PacketFormatter({ link: false, verbose: 0, cooked: false, absoluteSeq: true }));
    expect(absolute[2]).toContain('ack 5001, win 64, options [nop,nop,sack 1 {6449:7897}]');
  });

  it('does not decode HTTP on port 81, prints -S absolute numbers and -q short TCP', () => {
    const p81 = new PacketFormatter({ link: false, verbose: 0, cooked: false });
    p81.format(tcpFrame('172.16.211.1', 5, '172.16.211.128', 81, 100, 0, { syn: true }));
    expect(p81.format(tcpFrame('172.16.211.1', 5, '172.16.211.128', 81, 101, 1, { psh: true, ack: true }, text('GET / HTTP/1.1\r\n')))).toMatch(/length 16$/);
    const abs = new PacketFormatter({ link: false, verbose: 0, cooked: false, absoluteSeq: true });
    abs.format(tcpFrame('1.1.1.1', 5, '2.2.2.2', 6, 100, 0, { syn: true }));
    expect(abs.format(tcpFrame('1.1.1.1', 5, '2.2.2.2', 6, 101, 5000, { ack: true }))).toContain('ack 5000');
    const named = new PacketFormatter({ link: false, verbose: 0, cooked: false, servicePorts: true });
    expect(named.format(tcpFrame('1.1.1.1', 40000, '2.2.2.2', 80, 1, 0, { syn: true }))).toMatch(/^IP 1\.1\.1\.1\.40000 > 2\.2\.2\.2\.http: Flags \[S\]/);
    expect(named.format(tcpFrame('1.1.1.1', 40000, '2.2.2.2', 81, 1, 0, { syn: true }))).toMatch(/^IP 1\.1\.1\.1\.40000 > 2\.2\.2\.2\.81: /);
    const quiet = new PacketFormatter({ link: false, verbose: 0, cooked: false, quiet: true });
    expect(quiet.format(tcpFrame('1.1.1.1', 5, '2.2.2.2', 6, 1, 0, { syn: true }))).toBe('IP 1.1.1.1.5 > 2.2.2.2.6: tcp 0');
  });

  it('prints -v IP headers and -X hex with ASCII', () => {
    const echo: EthernetFrame = {
      src: '02:42:ac:11:00:02',
      dst: '02:42:9a:0c:8a:ee',
      etherType: 0x0800,
      payload: ipv4({ src: '172.17.0.2', dst: '172.16.211.128', id: 7, payload: { kind: 'icmp', type: 8, code: 0, id: 38, seq: 1, data: text('abcdefgh') } }),
    };
    const v = new PacketFormatter({ link: false, verbose: 1, cooked: false });
    expect(v.format(echo)).toBe('IP (tos 0x0, ttl 64, id 7, offset 0, flags [DF], proto ICMP (1), length 36)\n    172.17.0.2 > 172.16.211.128: ICMP echo request, id 38, seq 1, length 16');
    const x = new PacketFormatter({ link: false, verbose: 0, cooked: false, dump: { hex: 1, ascii: true, asciiOnly: false } });
    const lines = x.format(echo).split('\n');
    expect(lines[1]).toMatch(/^\t0x0000:  4500 0024 0007 4000 4001 [0-9a-f]{4} ac11 0002  E..\$\.\.@\.@\.\.\.\.\.\.\.$/);
    expect(lines[3]).toBe('\t0x0020:  6566 6768                                efgh');
    expect(hexDump(new Uint8Array([1, 2, 3]), false)).toBe('\n\t0x0000:  0102 03');
    expect(asciiDump(text('GET / HTTP/1.1\r\nA: b\r\n'))).toBe('GET / HTTP/1.1\nA: b\n');
  });

  it('prints the first fragment with its ICMP header and later ones by protocol name', async () => {
    const { fragment } = await import('../../../../src-main/core/sim/net/fragments.js');
    const big = ipv4({ src: '172.17.0.2', dst: '172.17.0.1', id: 9, payload: { kind: 'icmp', type: 8, code: 0, id: 38, seq: 1, data: new Uint8Array(2000) } });
    const f = new PacketFormatter({ link: false, verbose: 0, cooked: false });
    const frame = (p: typeof big): EthernetFrame => ({ src: '02:42:ac:11:00:02', dst: '02:42:9a:0c:8a:ee', etherType: 0x0800, payload: p });
    expect(fragment(big, 1500).map((p) => f.format(frame(p)))).toEqual(['IP 172.17.0.2 > 172.17.0.1: ICMP echo request, id 38, seq 1, length 1480', 'IP 172.17.0.2 > 172.17.0.1: icmp']);
    const v = new PacketFormatter({ link: false, verbose: 1, cooked: false });
    expect(v.format(frame(fragment(big, 1500)[1]))).toBe('IP (tos 0x0, ttl 64, id 9, offset 1480, flags [none], proto ICMP (1), length 548)\n    172.17.0.2 > 172.17.0.1: icmp');
  });

  it('prints UTC timestamps with microseconds', () => {
    expect(formatTimestamp(Date.UTC(2026, 10, 26, 17, 11, 13) + 47.823)).toBe('17:11:13.047823');
  });

  it('parses the pcap filter language with precedence, negation and qualifier reuse', () => {
    const f = (src: string, dst: string, proto: 'icmp' | 'tcp' = 'icmp', dport = 80): EthernetFrame => ({
      src: '02:00:00:00:00:01',
      dst: '02:00:00:00:00:02',
      etherType: 0x0800,
      payload: ipv4({
        src,
        dst,
        payload:
          proto === 'icmp'
            ? { kind: 'icmp', type: 8, code: 0, id: 1, seq: 1, data: new Uint8Array(0) }
            : { kind: 'tcp', srcPort: 40000, dstPort: dport, seq: 0, ack: 0, flags: {}, window: 0, urgent: 0, options: [], payload: new Uint8Array(0) },
      }),
    });
    const m = (expr: string, frame: EthernetFrame) => compileFilter(expr)(frame);
    expect(m('host 172.17.0.2 or 172.17.0.3', f('172.17.0.3', '1.1.1.1'))).toBe(true);
    expect(m('src host 172.17.0.2', f('1.1.1.1', '172.17.0.2'))).toBe(false);
    expect(m('net 172.17.0.0/16 and not icmp', f('172.17.0.9', '8.8.8.8', 'tcp'))).toBe(true);
    expect(m('icmp or tcp and port 81', f('1.1.1.1', '2.2.2.2', 'tcp', 80))).toBe(false);
    expect(m('(icmp or tcp) and port 80', f('1.1.1.1', '2.2.2.2', 'tcp', 80))).toBe(true);
    expect(m('tcp dst port http', f('1.1.1.1', '2.2.2.2', 'tcp', 80))).toBe(true);
    expect(m('net 172.17', f('172.17.5.5', '2.2.2.2'))).toBe(true);
    expect(m('! arp && ip', f('1.1.1.1', '2.2.2.2'))).toBe(true);
    expect(m('portrange 79-81', f('1.1.1.1', '2.2.2.2', 'tcp', 81))).toBe(true);
    const big = ipv4({ src: '1.1.1.1', dst: '2.2.2.2', id: 5, payload: { kind: 'udp', srcPort: 5000, dstPort: 53, payload: new Uint8Array(3000) } });
    return import('../../../../src-main/core/sim/net/fragments.js').then(({ fragment }) => {
      const pieces = fragment(big, 1500).map((p): EthernetFrame => ({ src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02', etherType: 0x0800, payload: p }));
      expect(pieces.map((x) => m('udp port 53', x))).toEqual([true, false, false]);
      expect(pieces.map((x) => m('udp', x))).toEqual([true, true, true]);
      for (const bad of ['host', 'port 99999', 'tcp port', '(icmp', 'icmp )', 'host nosuch', 'net 172.17.0.1/16', 'and']) expect(() => compileFilter(bad)).toThrow(FilterSyntaxError);
    });
  });

  it('matches relations over packet bytes: TCP flags, ICMP type, IP header fields', () => {
    const m = (expr: string, frame: EthernetFrame) => compileFilter(expr)(frame);
    const syn = tcpFrame('172.17.0.2', 40000, '172.17.0.5', 80, 1, 0, { syn: true });
    const ack = tcpFrame('172.17.0.2', 40000, '172.17.0.5', 80, 2, 1, { ack: true });
    expect(m('tcp[tcpflags] & tcp-syn != 0', syn)).toBe(true);
    expect(m('tcp[tcpflags] & tcp-syn != 0', ack)).toBe(false);
    expect(m('tcp port 80 and tcp[13] & 2 != 0', syn)).toBe(true);
    expect(m('tcp[tcpflags] == tcp-ack', ack)).toBe(true);
    expect(m('tcp[2:2] = 80', syn)).toBe(true);
    expect(m('ip[9] = 6', syn)).toBe(true);
    expect(m('icmp[icmptype] == icmp-echo', syn)).toBe(false);
    const echo = (type: number): EthernetFrame => ({
      src: '02:42:ac:11:00:02',
      dst: '02:42:ac:11:00:03',
      etherType: 0x0800,
      payload: ipv4({ src: '172.17.0.2', dst: '172.17.0.3', payload: { kind: 'icmp', type, code: 0, id: 1, seq: 1, data: new Uint8Array(8) } }),
    });
    expect(m('icmp[icmptype] == icmp-echo', echo(8))).toBe(true);
    expect(m('icmp[icmptype] == icmp-echo', echo(0))).toBe(false);
    expect(m('icmp[icmptype] != icmp-echo and icmp[0] = 0', echo(0))).toBe(true);
    for (const bad of ['tcp[tcpflags] &', 'tcp[nosuch] = 1', 'tcp[13] ~ 2', 'tcp[13:3] = 1']) expect(() => compileFilter(bad)).toThrow(FilterSyntaxError);
  });
});
