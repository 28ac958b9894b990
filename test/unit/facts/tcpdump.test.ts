import { describe, expect, it } from 'vitest';
import type { Fact, FactOf } from '../../../src-main/core/facts/model.js';
import { readFacts } from '../../../src-main/core/facts/read.js';
import { fixture, golden, producerOf, referenceCapture, type Recorded } from './transcripts.js';

function packets(r: Recorded): FactOf<'packet'>[] {
  return readFacts(producerOf(r.command), r.output).filter((f): f is FactOf<'packet'> => f.kind === 'packet');
}
function read(r: Recorded): Fact[] {
  return readFacts(producerOf(r.command), r.output);
}
const tools = fixture('network-tools.txt');
const recorded = (command: string) => tools.find((r) => r.command === command)!;

describe('tcpdump reader on the real host', () => {
  const web = referenceCapture('tcpdump-docker0-web.txt');

  it('reads the SYN from host01 to the web container on docker0', () => {
    expect(packets(web)[0]).toMatchObject({
      interface: 'docker0',
      direction: undefined,
      network: 'IP',
      protocol: 'tcp',
      src: '172.16.211.1',
      srcPort: 44652,
      dst: '172.17.0.5',
      dstPort: 80,
      tcpFlags: 'S',
      length: 0,
    });
    expect(packets(web).map((p) => p.tcpFlags)).toEqual(['S', 'S.', '.', 'P.', '.', 'P.', '.', 'P.', '.', 'F.', 'F.', '.']);
    expect(packets(web)[3]).toMatchObject({ length: 81, application: 'HTTP: GET / HTTP/1.1' });
  });

  it('reads the listening line and the closing counts', () => {
    const facts = read(web);
    expect(facts[0]).toMatchObject({ kind: 'capture-start', interface: 'docker0', linkType: 'EN10MB' });
    expect(facts.at(-1)).toMatchObject({ kind: 'capture-summary', captured: 12, receivedByFilter: 12, droppedByKernel: 0 });
  });

  it('reads an ICMP echo request and reply with id and seq', () => {
    expect(packets(referenceCapture('tcpdump-ens160-ping-host01.txt'))).toMatchObject([
      { interface: 'ens160', protocol: 'icmp', src: '172.16.211.128', dst: '172.16.211.1', icmp: { type: 'echo request', typeNumber: 8, id: 29367, seq: 1 }, length: 64 },
      { protocol: 'icmp', src: '172.16.211.1', dst: '172.16.211.128', icmp: { type: 'echo reply', typeNumber: 0, id: 29367, seq: 1 } },
    ]);
  });
});

describe('tcpdump reader: flags of the golden case', () => {
  const cases = golden('tcpdump-flags');

  it('reads -e: link-layer addresses, ethertype and frame length', () => {
    const [request] = packets(cases.find((c) => c.command === 'tcpdump -c 2 -nn -e -i docker0 icmp')!);
    expect(request).toMatchObject({
      link: { srcMac: '02:42:ac:11:00:02', dstMac: '02:42:69:94:ee:4b', ethertype: 'IPv4', frameLength: 98 },
      src: '172.17.0.2',
      dst: '172.16.211.1',
      icmp: { type: 'echo request', seq: 1 },
    });
  });

  it('reads -v: the IP header on the first line, the addresses on the second', () => {
    const read = packets(cases.find((c) => c.command === 'tcpdump -c 2 -v -n -i ens160 icmp')!);
    expect(read).toMatchObject([
      { ttl: 63, ipLength: 84, protocol: 'icmp', src: '172.16.211.128', dst: '172.16.211.1', icmp: { type: 'echo request' } },
      { ttl: 64, ipLength: 84, src: '172.16.211.1', dst: '172.16.211.128', icmp: { type: 'echo reply' } },
    ]);
    expect(read[0]!.text.split('\n')).toHaveLength(2);
  });

  it('reads packets from a file (-r) without an interface, and no packet from errors', () => {
    expect(packets(cases.find((c) => c.command.startsWith('tcpdump -n -r'))!).map((p) => [p.interface, p.src, p.dst])).toEqual([
      [undefined, '172.17.0.2', '172.17.0.1'],
      [undefined, '172.17.0.1', '172.17.0.2'],
    ]);
    expect(read(cases.find((c) => c.command === 'tcpdump -n -i nosuch0')!)).toEqual([]);
  });
});

describe('tcpdump reader: -i any, ARP, UDP, ICMP errors, names', () => {
  it('reads interface and direction of each packet on any', () => {
    const any = packets(recorded('tcpdump -i any -n'));
    const syn = any.filter((p) => p.tcpFlags === 'S');
    expect(syn.map((p) => [p.interface, p.direction])).toEqual([
      ['veth1', 'In'],
      ['br0', 'In'],
    ]);
    expect(any.find((p) => p.icmp?.type === 'router solicitation')).toMatchObject({ direction: 'M', network: 'IP6', protocol: 'icmp6', dst: 'ff02::2' });
  });

  it('reads ARP who-has/tell and is-at', () => {
    const arp = packets(recorded('tcpdump -i any -n')).filter((p) => p.protocol === 'arp');
    expect(arp[0]).toMatchObject({ interface: 'veth1', direction: 'B', arp: { op: 'request', target: '10.1.0.1', sender: '10.1.0.2' } });
    expect(arp.find((p) => p.arp?.op === 'reply')).toMatchObject({ direction: 'Out', arp: { target: '10.1.0.1', mac: expect.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/) } });
    const withLink = packets(recorded('tcpdump -e -n -i br0')).find((p) => p.arp?.op === 'request');
    expect(withLink).toMatchObject({ link: { dstMac: 'ff:ff:ff:ff:ff:ff', ethertype: 'ARP' }, arp: { target: '10.1.0.1', sender: '10.1.0.2' } });
    const verbose = packets(recorded('tcpdump -v -n -i br0')).find((p) => p.arp?.op === 'request');
    expect(verbose).toMatchObject({ arp: { target: '10.1.0.1', sender: '10.1.0.2' } });
  });

  it('reads UDP and the ICMP port unreachable that answered it', () => {
    const any = packets(recorded('tcpdump -i any -n'));
    expect(any.find((p) => p.protocol === 'udp')).toMatchObject({ src: '10.1.0.2', dst: '10.1.0.1', dstPort: 5353 });
    expect(any.find((p) => p.icmp?.typeNumber === 3)).toMatchObject({ src: '10.1.0.1', dst: '10.1.0.2', icmp: { type: 'destination unreachable', code: 3 } });
    // -v prints the quoted datagram under the error; it is not a packet of its own.
    const verbose = packets(recorded('tcpdump -v -n -i br0'));
    expect(verbose.filter((p) => p.protocol === 'udp')).toHaveLength(1);
  });

  it('reads names and service names without -n', () => {
    const named = packets(recorded('tcpdump -i any'));
    const syn = named.find((p) => p.tcpFlags === 'S')!;
    expect(syn).toMatchObject({ src: 'ns1host', srcPort: expect.any(Number), dst: '10.1.0.1', dstPort: 80 });
    expect(named.find((p) => p.protocol === 'udp')).toMatchObject({ dst: '10.1.0.1', dstPort: 5353 });
    expect(named.find((p) => p.arp?.op === 'reply')).toMatchObject({ arp: { mac: expect.stringMatching(/^[0-9a-f:]{17}$/) } });
  });
});

describe('tcpdump reader: partial output', () => {
  it('reads the first lines that head kept, without header or counts', () => {
    const web = referenceCapture('tcpdump-docker0-web.txt');
    const headed = web.output.split('\n').slice(0, 3).join('\n');
    const facts = readFacts({ tool: 'tcpdump', argv: ['-n', '-i', 'docker0'] }, headed);
    expect(facts.map((f) => f.kind)).toEqual(['capture-start', 'packet']);
    expect(facts[1]).toMatchObject({ interface: 'docker0', tcpFlags: 'S' });
  });

  it('reads a -v packet whose second line grep removed as what it shows: header only', () => {
    const [p] = readFacts({ tool: 'tcpdump', argv: ['-v', '-n', '-i', 'ens160'] }, '10:47:35.895457 IP (tos 0x0, ttl 63, id 17829, offset 0, flags [DF], proto ICMP (1), length 84)\n');
    expect(p).toMatchObject({ kind: 'packet', ttl: 63, protocol: 'icmp', src: undefined });
  });

  it('reads lines without time stamps (-t)', () => {
    const [p] = readFacts({ tool: 'tcpdump', argv: ['-t', '-n', '-i', 'docker0'] }, 'IP 172.17.0.2.50000 > 172.17.0.5.80: Flags [S], seq 1, win 64240, length 0\n');
    expect(p).toMatchObject({ src: '172.17.0.2', srcPort: 50000, dst: '172.17.0.5', dstPort: 80, tcpFlags: 'S', time: undefined });
  });
});
