import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TcpPair, seeded, text } from './tcp-pair.js';
import { REFERENCE_DIR } from '../../../reference-dir.js';

const REFERENCE = `${REFERENCE_DIR}/tcpdump-docker0-web.txt`;

/** Reference lines without timestamps, absolute SYN sequence numbers and TS values (those are random per run). */
function normalize(line: string): string {
  return line
    .replace(/^\d\d:\d\d:\d\d\.\d+ /, '')
    .replace(/TS val \d+ ecr \d+/, 'TS')
    .replace(/(Flags \[S\.?\], seq )\d+/, '$1N')
    .replace(/(Flags \[S\.\], seq N, ack )\d+/, '$1N')
    .replace(/: HTTP.*$/, '');
}

/** Runs the exchange the reference shows: curl's GET, Python's two writes and close. */
async function httpExchange(pair: TcpPair, runMs = 100): Promise<void> {
  const { client, clock } = pair;
  const request = text('GET / HTTP/1.1\r\nHost: 172.16.211.128:81\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n');
  expect(request.length).toBe(81);
  pair.onServer = (server) => {
    server.events.readable = () => {
      const got = server.read();
      if (got.length === 0) return;
      void (async () => {
        await clock.sleep(1.3);
        server.write(new Uint8Array(155));
        await clock.sleep(0.02);
        server.write(new Uint8Array(877));
        await clock.sleep(0.1);
        server.close();
      })();
    };
  };
  let received = 0;
  client.events.established = () => client.write(request);
  client.events.readable = () => {
    received += client.read().length;
    if (received === 1032 && client.state === 'CLOSE_WAIT') client.close();
  };
  client.connect();
  await clock.advance(runMs);
}

describe('TcpConnection', () => {
  it('reproduces the 12-packet HTTP exchange of the reference capture', async () => {
    const pair = new TcpPair({ latencyMs: 0.02 });
    await httpExchange(pair);
    const expected = readFileSync(REFERENCE, 'utf8')
      .split('\n')
      .filter((l) => l.includes(' IP '))
      .map(normalize);
    const actual = pair.lines().map(normalize);
    expect(actual).toEqual(expected);
  });

  it('ends with the server in TIME_WAIT for 60 s and the client closed', async () => {
    const pair = new TcpPair();
    await httpExchange(pair);
    expect(pair.client.state).toBe('CLOSED');
    expect(pair.server?.state).toBe('TIME_WAIT');
    await pair.clock.advance(59_000);
    expect(pair.server?.state).toBe('TIME_WAIT');
    await pair.clock.advance(1_000);
    expect(pair.server?.state).toBe('CLOSED');
    expect(pair.released).toContain(pair.server);
  });

  it('echoes the peer timestamp and counts TS val in lab milliseconds', async () => {
    const pair = new TcpPair();
    await httpExchange(pair);
    const ts = pair.wire.map((r) => r.segment.options.find((o) => o.kind === 'timestamp'));
    const first = ts[0];
    const synAck = ts[1];
    if (first?.kind !== 'timestamp' || synAck?.kind !== 'timestamp') throw new Error('no timestamps');
    expect(first.echo).toBe(0);
    expect(synAck.echo).toBe(first.value);
    const requestTs = ts[3];
    if (requestTs?.kind !== 'timestamp') throw new Error('no timestamp');
    // The request leaves in the same millisecond as the SYN.
    expect(requestTs.value - first.value).toBe(Math.floor(pair.wire[3].time) - Math.floor(pair.wire[0].time));
  });

  it('retransmits an unanswered SYN at 1, 3, 7, ... s and gives up with ETIMEDOUT after 127 s', async () => {
    const pair = new TcpPair();
    pair.listening = false;
    let error: string | undefined;
    pair.client.events.closed = (e) => (error = e);
    pair.client.connect();
    await pair.clock.advance(200_000);
    const synTimes = pair.wire.filter((r) => r.segment.flags.syn).map((r) => r.time);
    expect(synTimes).toEqual([0, 1000, 3000, 7000, 15000, 31000, 63000]);
    expect(error).toBe('ETIMEDOUT');
    expect(pair.client.state).toBe('CLOSED');
  });

  it('reports ECONNREFUSED when the SYN is answered with RST', async () => {
    const pair = new TcpPair();
    pair.listening = false;
    let error: string | undefined;
    pair.client.events.closed = (e) => (error = e);
    pair.client.connect();
    const syn = pair.wire[0].segment;
    pair.client.receive({
      kind: 'tcp',
      srcPort: 80,
      dstPort: 44652,
      seq: 0,
      ack: (syn.seq + 1) >>> 0,
      flags: { rst: true, ack: true },
      window: 0,
      urgent: 0,
      options: [],
      payload: new Uint8Array(0),
    });
    expect(error).toBe('ECONNREFUSED');
  });

  it('resends lost data after the retransmission timeout', async () => {
    // Lose the first copy of the request (segment index 3 on the wire).
    const pair = new TcpPair({ lose: (_r, i) => i === 3 });
    await httpExchange(pair, 2_000);
    const requestCopies = pair.wire.filter((r) => r.from === 'client' && r.segment.payload.length === 81);
    expect(requestCopies).toHaveLength(2);
    expect(requestCopies[1].time - requestCopies[0].time).toBeGreaterThanOrEqual(200);
    expect(pair.client.state).toBe('CLOSED');
  });

  it('answers an abort with RST and the peer sees ECONNRESET', async () => {
    const pair = new TcpPair();
    let serverError: string | undefined;
    pair.onServer = (s) => (s.events.closed = (e) => (serverError = e));
    pair.client.connect();
    await pair.clock.advance(1);
    pair.client.abort();
    await pair.clock.advance(1);
    expect(pair.wire.at(-1)?.segment.flags).toEqual({ rst: true, ack: true });
    expect(serverError).toBe('ECONNRESET');
  });

  it('delivers a stream intact through random loss', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 2 ** 31 }), async (size, seed) => {
        const chance = seeded(seed ^ 0x5bd1e995);
        // About one segment in ten is lost, the handshake included.
        const pair = new TcpPair({ seed, lose: () => chance() % 10 === 0 });
        const data = new Uint8Array(size).map((_, i) => (i * 7 + seed) & 255);
        const got: Uint8Array[] = [];
        pair.onServer = (s) => {
          s.events.readable = () => {
            const chunk = s.read();
            if (chunk.length) got.push(chunk);
          };
        };
        pair.client.events.established = () => {
          pair.client.write(data);
          pair.client.close();
        };
        pair.client.connect();
        await pair.clock.advance(300_000);
        const joined = new Uint8Array(got.reduce((n, c) => n + c.length, 0));
        let off = 0;
        for (const c of got) {
          joined.set(c, off);
          off += c.length;
        }
        expect(joined).toEqual(data);
      }),
      { numRuns: 20 },
    );
  });

  it('stops at a zero window and resumes when the reader catches up', async () => {
    const pair = new TcpPair({ serverTuning: { rmemDefault: 8192, rmemMax: 8192 } });
    let server: import('../../../../src-main/core/sim/transport/tcp-connection.js').TcpConnection | undefined;
    pair.onServer = (s) => (server = s);
    pair.client.events.established = () => pair.client.write(new Uint8Array(50_000));
    pair.client.connect();
    await pair.clock.advance(5_000);
    expect(server?.recvQueued).toBeGreaterThan(0);
    expect(server?.recvQueued).toBeLessThanOrEqual(8192);
    expect(pair.wire.some((r) => r.from === 'server' && r.segment.window === 0)).toBe(true);
    let total = server?.read().length ?? 0;
    for (let i = 0; i < 200 && total < 50_000; i++) {
      await pair.clock.advance(500);
      total += server?.read().length ?? 0;
    }
    expect(total).toBe(50_000);
  });

  it('acknowledges data beyond a hole with SACK blocks and fills the hole', async () => {
    let dataSegments = 0;
    // Lose the second data segment, once.
    const pair = new TcpPair({ lose: (r) => r.from === 'client' && r.segment.payload.length > 0 && ++dataSegments === 2 });
    const got: number[] = [];
    pair.onServer = (s) => {
      s.events.readable = () => got.push(s.read().length);
    };
    pair.client.events.established = () => pair.client.write(new Uint8Array(5 * 1448));
    pair.client.connect();
    await pair.clock.advance(2000);
    const lines = pair.lines();
    const sacks = lines.filter((l) => l.includes(',sack '));
    // Three duplicate ACKs, each naming what arrived beyond the hole.
    expect(sacks.map((l) => /ack (\d+).*sack (.*)\]/.exec(l)?.slice(1))).toEqual([
      ['1449', '1 {2897:4345}'],
      ['1449', '1 {2897:5793}'],
      ['1449', '1 {2897:7241}'],
    ]);
    // The retransmission fills the hole and one ACK covers everything.
    expect(lines.at(-1)).toMatch(/Flags \[\.\], ack 7241, win \d+, options \[nop,nop,TS val \d+ ecr \d+\], length 0$/);
    expect(got.reduce((a, b) => a + b, 0)).toBe(5 * 1448);
  });

  it('closes simultaneously through CLOSING into TIME_WAIT on both sides', async () => {
    const pair = new TcpPair({ latencyMs: 0.05 });
    pair.client.connect();
    await pair.clock.advance(1);
    const server = pair.server!;
    pair.client.close();
    server.close();
    const states = [pair.client.state, server.state];
    await pair.clock.advance(1);
    expect(states).toEqual(['FIN_WAIT_1', 'FIN_WAIT_1']);
    expect([pair.client.state, server.state]).toEqual(['TIME_WAIT', 'TIME_WAIT']);
    const fins = pair.lines().filter((l) => l.includes('[F.]'));
    expect(fins).toHaveLength(2);
  });

  it('keeps receiving after shutting down its own sending side (half-close)', async () => {
    const pair = new TcpPair();
    let reply = '';
    pair.onServer = (s) => {
      s.events.readable = () => {
        s.read();
        if (s.eof && s.state === 'CLOSE_WAIT') {
          s.write(text('late reply'));
          s.close();
        }
      };
    };
    pair.client.events.established = () => {
      pair.client.write(text('request'));
      pair.client.shutdownWrite();
    };
    pair.client.events.readable = () => {
      reply += String.fromCharCode(...pair.client.read());
    };
    pair.client.connect();
    await pair.clock.advance(200);
    expect(reply).toBe('late reply');
    expect(pair.client.state).toBe('TIME_WAIT');
  });

  it('recovers two losses in one window by fast retransmit and a partial ACK, without a timeout', async () => {
    let dataSegments = 0;
    const pair = new TcpPair({ lose: (r) => r.from === 'client' && r.segment.payload.length > 0 && [2, 4].includes(++dataSegments) });
    let received = 0;
    let doneAt = -1;
    pair.onServer = (s) => {
      s.events.readable = () => {
        received += s.read().length;
        if (received === 6 * 1448) doneAt = pair.clock.now();
      };
    };
    pair.client.events.established = () => pair.client.write(new Uint8Array(6 * 1448));
    pair.client.connect();
    await pair.clock.advance(1000);
    expect(received).toBe(6 * 1448);
    expect(doneAt).toBeGreaterThan(0);
    expect(doneAt).toBeLessThan(5); // well before the 200 ms minimum timeout
  });
});

