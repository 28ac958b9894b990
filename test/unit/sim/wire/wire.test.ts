import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeFrame, encodeIpv4, internetChecksum } from '../../../../src-main/core/sim/wire/encode.js';
import { decodeFrame } from '../../../../src-main/core/sim/wire/decode.js';
import { ipv4, type EthernetFrame } from '../../../../src-main/core/sim/wire/packet.js';
import { dockerMacFor, parseCidr } from '../../../../src-main/core/sim/wire/addr.js';
import { PcapWriter, readPcap } from '../../../../src-main/core/sim/trace/pcap.js';

const syn: EthernetFrame = {
  src: '00:50:56:c0:00:08',
  dst: '00:0c:29:75:99:27',
  etherType: 0x0800,
  payload: ipv4({
    src: '172.16.211.1',
    dst: '172.16.211.128',
    id: 4242,
    payload: {
      kind: 'tcp',
      srcPort: 44652,
      dstPort: 81,
      seq: 1786359731,
      ack: 0,
      flags: { syn: true },
      window: 64240,
      urgent: 0,
      options: [{ kind: 'mss', value: 1460 }, { kind: 'sackOK' }, { kind: 'timestamp', value: 2929764282, echo: 0 }, { kind: 'nop' }, { kind: 'wscale', shift: 10 }],
      payload: new Uint8Array(0),
    },
  }),
};

describe('wire', () => {
  it('encodes a SYN to 74 bytes with valid IP and TCP checksums and decodes it back', () => {
    const bytes = encodeFrame(syn);
    expect(bytes.length).toBe(74);
    expect(internetChecksum(bytes, 14, 34)).toBe(0);
    const back = decodeFrame(bytes);
    expect(back).toEqual({
      ...syn,
      payload: { ...syn.payload, payload: { ...(syn.payload as { payload: object }).payload, flags: { fin: false, syn: true, rst: false, psh: false, ack: false, urg: false, ece: false, cwr: false } } },
    });
  });

  it('encodes an 84-byte echo request and an ARP request', () => {
    const echo = ipv4({ src: '172.17.0.2', dst: '172.16.211.128', payload: { kind: 'icmp', type: 8, code: 0, id: 38, seq: 1, data: new Uint8Array(56) } });
    const bytes = encodeIpv4(echo);
    expect(bytes.length).toBe(84);
    expect(internetChecksum(bytes, 20, 84)).toBe(0);
    const arp = encodeFrame({ src: '02:42:ac:11:00:02', dst: 'ff:ff:ff:ff:ff:ff', etherType: 0x0806, payload: { kind: 'arp', op: 1, senderMac: '02:42:ac:11:00:02', senderIp: '172.17.0.2', targetMac: '00:00:00:00:00:00', targetIp: '172.17.0.1' } });
    expect(arp.length).toBe(42);
    expect(decodeFrame(arp).payload).toMatchObject({ kind: 'arp', op: 1, targetIp: '172.17.0.1' });
  });

  it('derives Docker MACs and parses prefixes strictly', () => {
    expect(dockerMacFor('172.17.0.2')).toBe('02:42:ac:11:00:02');
    expect(parseCidr('172.17.0.0/16')).toEqual({ address: '172.17.0.0', prefixLen: 16 });
    expect(parseCidr('10.0.0.1')).toEqual({ address: '10.0.0.1', prefixLen: 32 });
    for (const bad of ['1.2.3', '1.2.3.4/33', '300.1.1.1/8', '1.2.3.4/x', '']) expect(parseCidr(bad)).toBeUndefined();
  });

  it('decodes any byte string without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const f = decodeFrame(bytes);
        // Whatever was parsed encodes again without throwing.
        encodeFrame(f);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips frames through a pcap file', () => {
    const w = new PcapWriter();
    w.add(1_700_000_000_123.456, encodeFrame(syn));
    const r = readPcap(w.bytes());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.linkType).toBe(1);
    expect(r.snaplen).toBe(262144);
    expect(r.records).toHaveLength(1);
    expect(r.records[0].timeMs).toBeCloseTo(1_700_000_000_123.456, 3);
    expect(decodeFrame(r.records[0].data)).toEqual(decodeFrame(encodeFrame(syn)));
    expect(readPcap(new Uint8Array(30))).toEqual({ ok: false, error: 'bad-magic' });
  });
});
