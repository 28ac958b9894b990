import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { directoryListing, handleRequest, logDateTime } from '../../../../src-main/core/shell/commands/python.js';
import { DebianRoot } from './debian-root.js';
import { HeadReader, latin1, latin1Bytes } from '../../../../src-main/core/userspace/http.js';
import { REFERENCE_DIR } from '../../../reference-dir.js';

const REFERENCE = `${REFERENCE_DIR}/host01-curl.txt`;

const head = (text: string) => {
  const r = new HeadReader().push(latin1Bytes(text));
  if (!r) throw new Error('incomplete head');
  return r.head;
};

const request = (target: string, method = 'GET') =>
  head(`${method} ${target} HTTP/1.1\r\nHost: 172.16.211.128:81\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n`);

const rc = { fs: new DebianRoot(), directory: '/', wallTimeMs: Date.UTC(2026, 10, 26, 9, 26, 41, 845), clientAddress: '172.16.211.1' };

describe('python3 -m http.server request handling', () => {
  it('lists / exactly as the reference capture shows it (877 bytes)', () => {
    const expected = readFileSync(REFERENCE, 'utf8').split('\n').slice(1).join('\n');
    const listing = directoryListing(rc.fs, '/', '/');
    expect(listing).toBe(expected);
    expect(listing.length).toBe(877);
  });

  it('answers with a 155-byte HTTP/1.0 head and logs the client', () => {
    const r = handleRequest(request('/'), rc);
    expect(r.head).toBe(
      'HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.11.2\r\nDate: Thu, 26 Nov 2026 09:26:41 GMT\r\n' +
        'Content-type: text/html; charset=utf-8\r\nContent-Length: 877\r\n\r\n',
    );
    expect(r.head?.length).toBe(155);
    expect(r.body?.length).toBe(877);
    expect(r.log).toEqual(['172.16.211.1 - - [26/Nov/2026 09:26:41] "GET / HTTP/1.1" 200 -']);
  });

  it('serves files with a guessed type and redirects directories without a slash', () => {
    const file = handleRequest(request('/tmp/notes.txt'), rc);
    expect(file.head).toContain('Content-type: text/plain\r\nContent-Length: 6\r\n');
    expect(latin1(file.body ?? new Uint8Array())).toBe('hello\n');
    const redirect = handleRequest(request('/tmp?x=1'), rc);
    expect(redirect.head).toMatch(/^HTTP\/1\.0 301 Moved Permanently\r\n/);
    expect(redirect.head).toContain('Location: /tmp/?x=1\r\nContent-Length: 0\r\n');
  });

  it('answers 404 and 501 with Python error pages and two log lines', () => {
    const missing = handleRequest(request('/nope'), rc);
    expect(missing.head).toContain('HTTP/1.0 404 File not found\r\n');
    expect(missing.head).toContain('Connection: close\r\nContent-Type: text/html;charset=utf-8\r\n');
    expect(latin1(missing.body ?? new Uint8Array())).toContain('<p>Error code explanation: 404 - Nothing matches the given URI.</p>');
    expect(missing.log).toEqual([
      '172.16.211.1 - - [26/Nov/2026 09:26:41] code 404, message File not found',
      '172.16.211.1 - - [26/Nov/2026 09:26:41] "GET /nope HTTP/1.1" 404 -',
    ]);
    const post = handleRequest(request('/', 'POST'), rc);
    expect(post.head).toContain("HTTP/1.0 501 Unsupported method ('POST')\r\n");
  });

  it('sends no body for HEAD', () => {
    const r = handleRequest(request('/', 'HEAD'), rc);
    expect(r.head).toContain('Content-Length: 877');
    expect(r.body).toBeUndefined();
  });

  it('formats the log time as Python does', () => {
    expect(logDateTime(Date.UTC(2022, 8, 7, 18, 30, 7))).toBe('07/Sep/2022 18:30:07');
  });
});
