// Random command lines never make the network commands' argument parsers throw,
// and every refusal carries an exit status and a message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurlArgs } from '../../../../src-main/core/shell/commands/curl.js';
import { parseNcArgs } from '../../../../src-main/core/shell/commands/nc.js';
import { handleRequest, parseServerArgs } from '../../../../src-main/core/shell/commands/python.js';
import { parseSsArgs } from '../../../../src-main/core/shell/commands/ss.js';
import { parseWgetArgs } from '../../../../src-main/core/shell/commands/wget.js';
import { parseUrl, HeadReader } from '../../../../src-main/core/userspace/http.js';
import { DebianRoot } from './debian-root.js';

/** Words that look like what people type: flags, numbers, URLs, filter words, and noise. */
const word = fc.oneof(
  fc.constantFrom('-s', '-v', '-I', '-o', '-X', '-H', '-d', '-m', '-w', '-l', '-p', '-u', '-z', '-n', '-t', '-a', '-k', '-O', '-q', '-S', '--bind', '-d', '--directory', '--connect-timeout', '--max-time', '--spider', '-tlnp', '-zv', '-lvp', '-sSv', 'state', 'exclude', 'established', '(', ')', 'sport', 'dport', '=', ':80', 'and', 'or', 'not', 'src', 'dst', '--', '-', ''),
  fc.constantFrom('http://172.16.211.128:81/', 'http://web/', 'https://x', 'ftp://a', 'http://:80', '172.17.0.5', '80', '0', '65536', '20-25', '-1', '1.5'),
  fc.string({ maxLength: 12 }),
);
const argv = fc.array(word, { maxLength: 8 });

const parsers: Array<[string, (a: string[]) => { ok: boolean; status?: number }]> = [
  ['curl', parseCurlArgs],
  ['nc', parseNcArgs],
  ['wget', parseWgetArgs],
  ['ss', parseSsArgs],
  ['python3 -m http.server', parseServerArgs],
];

describe('argument parsing of the network commands', () => {
  for (const [name, parse] of parsers) {
    it(`${name}: random command lines never throw`, () => {
      fc.assert(
        fc.property(argv, (args) => {
          const r = parse(args);
          if (!r.ok) expect(typeof r.status).toBe('number');
        }),
        { numRuns: 20_000 },
      );
    });
  }

  it('URL parsing and HTTP head reading never throw on random input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 200 }), (url, bytes) => {
        parseUrl(url);
        new HeadReader().push(bytes);
      }),
      { numRuns: 20_000 },
    );
  });

  it('python answers any request line without throwing', () => {
    const fs = new DebianRoot();
    const token = fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', '/', '/tmp', '/tmp/', '/../..', '/%2e%2e/', '/%ZZ', 'HTTP/1.1', 'HTTP/2.0', 'HTTP/x', '?a=1', '#f'), fc.string({ maxLength: 10 }));
    fc.assert(
      fc.property(fc.array(token, { maxLength: 5 }), (words) => {
        const r = handleRequest({ startLine: words.join(' '), headers: [], size: 0 }, { fs, directory: '/', wallTimeMs: 0, clientAddress: '172.17.0.2' });
        expect(Array.isArray(r.log)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});

