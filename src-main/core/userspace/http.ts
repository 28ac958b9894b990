// HTTP/1.x message heads as curl, wget and Python's http.server write and
// read them: request and status lines, headers, dates, body framing.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** RFC 7231 IMF-fixdate, as the Date header carries it: `Thu, 26 Nov 2026 09:26:41 GMT`. */
export function httpDate(unixMs: number): string {
  const d = new Date(unixMs);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} GMT`;
}

/** Header text is ISO-8859-1 on the wire. */
export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

export function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export interface HttpHead {
  /** `GET / HTTP/1.1` or `HTTP/1.0 200 OK`. */
  startLine: string;
  headers: Array<[string, string]>;
  /** Bytes of the head including the blank line (what curl -v counts). */
  size: number;
}

export function headerValue(head: HttpHead, name: string): string | undefined {
  const lower = name.toLowerCase();
  return head.headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** Formats a message head: start line, headers, blank line. */
export function formatHead(startLine: string, headers: Array<[string, string]>): string {
  return [startLine, ...headers.map(([n, v]) => `${n}: ${v}`), '', ''].join('\r\n');
}

const MAX_HEAD_BYTES = 65536 + 100 * 8192;

/** Collects bytes until the blank line that ends a message head. */
export class HeadReader {
  private buffer = new Uint8Array(0);

  /** Feeds bytes; returns the head and the bytes after it once complete. */
  push(bytes: Uint8Array): { head: HttpHead; rest: Uint8Array } | undefined {
    const joined = new Uint8Array(this.buffer.length + bytes.length);
    joined.set(this.buffer);
    joined.set(bytes, this.buffer.length);
    this.buffer = joined;
    const end = findHeadEnd(joined);
    if (end < 0) return undefined;
    const text = latin1(joined.subarray(0, end));
    const lines = text.split(/\r?\n/);
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    const headers: Array<[string, string]> = [];
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
    }
    const rest = joined.subarray(end);
    this.buffer = new Uint8Array(0);
    return { head: { startLine: lines[0] ?? '', headers, size: end }, rest };
  }

  /** Bytes held while the head is incomplete. */
  get buffered(): number {
    return this.buffer.length;
  }

  get overLimit(): boolean {
    return this.buffer.length > MAX_HEAD_BYTES;
  }
}

/** Index just past the first CRLF CRLF (or LF LF), -1 when not there yet. */
function findHeadEnd(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) {
    if (b[i] !== 10) continue;
    if (b[i + 1] === 10) return i + 2;
    if (b[i + 1] === 13 && b[i + 2] === 10) return i + 3;
  }
  return -1;
}

export interface StatusLine {
  version: string;
  status: number;
  reason: string;
}

export function parseStatusLine(line: string): StatusLine | undefined {
  const m = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(line);
  return m ? { version: m[1], status: Number(m[2]), reason: m[3] ?? '' } : undefined;
}

/** How a response body ends. */
export type BodyFraming = { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'close' };

export function responseFraming(method: string, status: number, head: HttpHead): BodyFraming {
  if (method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200)) return { kind: 'none' };
  const length = headerValue(head, 'Content-Length');
  if (length !== undefined && /^\d+$/.test(length)) return { kind: 'length', length: Number(length) };
  return { kind: 'close' };
}

/** A URL as curl and wget take it: scheme://host[:port][/path]. */
export interface ParsedUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Path with query, at least `/`. */
  target: string;
  /** host[:port] as the Host header carries it (port only when given). */
  hostHeader: string;
}

/** Parses http(s) URLs; a missing scheme means http, as curl and wget assume. Undefined when malformed. */
export function parseUrl(text: string): ParsedUrl | { error: 'scheme'; scheme: string } | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/?#:]*)(?::(\d*))?([/?#].*)?$/.exec(text);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return { error: 'scheme', scheme: m[1] ?? scheme };
  const host = m[2];
  if (host === '') return undefined;
  const defaultPort = scheme === 'https' ? 443 : 80;
  if (m[3] !== undefined && (m[3] === '' || Number(m[3]) > 65535)) return undefined;
  const port = m[3] ? Number(m[3]) : defaultPort;
  let target = (m[4] ?? '/').replace(/#.*$/, '');
  if (target.startsWith('?')) target = '/' + target;
  if (target === '') target = '/';
  return { scheme, host, port, target, hostHeader: m[3] ? `${host}:${port}` : host };
}
