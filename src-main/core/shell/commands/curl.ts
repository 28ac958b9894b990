// curl 7.88.1 (Debian bookworm) for plain HTTP over the simulated sockets:
// requests as curl writes them, -v traces, the progress meter, -o/-I/-i/-L/-f/-w,
// timeouts and curl's error messages and exit codes.
import type { Command, CommandContext } from '../command.js';
import { FileSystem, fsErrorText } from '../fs.js';
import { utf8Decoder } from '../../base/utf8.js';
import { startAppProcess, type AppProcess, printRefusal } from '../../sim/transport/app-process.js';
import { socketErrorCode, strerror } from '../../sim/transport/errors.js';
import {
  HeadReader,
  formatHead,
  headerValue,
  latin1Bytes,
  parseStatusLine,
  parseUrl,
  responseFraming,
  type HttpHead,
  type ParsedUrl,
} from '../../userspace/http.js';
import { resolveHost } from '../../sim/transport/resolve.js';
import type { TcpSocket } from '../../sim/transport/tcp-socket.js';
import { transportOf } from '../../sim/transport/transport.js';
import { waitFor, type Outcome, type WaitClock } from '../../sim/transport/wait.js';

const USER_AGENT = 'curl/7.88.1';
/** Lab time curl takes after the last byte before it closes (writing out, cleaning up). */
const CLOSE_DELAY_MS = 0.8;

const VERSION_TEXT = `curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.11 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13
Release-Date: 2023-02-20
Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp
Features: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd
`;

const HELP = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail fast with no output on HTTP errors
 -h, --help <category>      Get help for commands
 -i, --include              Include protocol response headers in the output
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -s, --silent               Silent mode
 -T, --upload-file <file>   Transfer local FILE to destination
 -u, --user <user:password> Server user and password
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -V, --version              Show version number and quit

This is not the full help, this menu is stripped into categories.
Use "--help category" to get an overview of all categories.
For all options use the manual or "--help all".
`;

const MAN = `CURL(1)

NAME
    curl - transfer a URL

SYNOPSIS
    curl [options] URL...

DESCRIPTION
    curl connects to the host and port of the URL (80 for http:// unless the
    URL names one), sends an HTTP request and writes the response body to
    standard output. In the lab it speaks plain HTTP; names resolve through
    /etc/hosts only, as there is no DNS server.

OPTIONS
    -s, --silent        No progress meter and no error messages.
    -S, --show-error    With -s, still print error messages.
    -v, --verbose       Show the connection ("* Trying ...", "* Connected to ..."),
                        the request lines (">") and the response header lines ("<").
    -I, --head          Send a HEAD request and print only the response headers.
    -i, --include       Print the response headers before the body.
    -o, --output FILE   Write the body to FILE (/dev/null discards it).
    -D, --dump-header FILE
                        Write the response headers to FILE (- for standard output).
    -X, --request CMD   Use CMD as the request method.
    -H, --header LINE   Add a request header ("Name: value").
    -d, --data DATA     Send DATA in a POST request.
    -A, --user-agent UA Send UA as User-Agent.
    -L, --location      Follow redirects.
    -f, --fail          Exit with 22 on HTTP errors (400 and above), printing no body.
    -m, --max-time SEC  Give up after SEC seconds in all.
    --connect-timeout SEC  Give up connecting after SEC seconds.
    -w, --write-out FMT Print FMT after the transfer: %{http_code}, %{remote_ip},
                        %{remote_port}, %{local_ip}, %{local_port}, %{size_download},
                        %{time_total}, %{url_effective}, %{exitcode}, \\n.

EXIT STATUS
    0 success, 3 malformed URL, 6 host not resolved, 7 could not connect,
    22 HTTP error with -f, 28 timeout, 52 empty reply, 56 receive failure.
`;

interface CurlOptions {
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  output?: string;
  /** -D, --dump-header FILE: the response headers also go to FILE (`-` for standard output). */
  dumpHeader?: string;
  method?: string;
  headers: Array<[string, string]>;
  data?: string;
  userAgent: string;
  location: boolean;
  fail: boolean;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  writeOut?: string;
  /** --http1.0: HTTP/1.0 requests. */
  http10: boolean;
  urls: string[];
}

type ParseResult = { ok: true; options: CurlOptions } | { ok: false; status: number; stdout?: string; stderr?: string };

const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";

const LONG_WITH_ARG: Record<string, string> = {
  '--output': 'o',
  '--dump-header': 'D',
  '--request': 'X',
  '--header': 'H',
  '--data': 'd',
  '--data-raw': 'd',
  '--data-binary': 'd',
  '--user-agent': 'A',
  '--max-time': 'm',
  '--connect-timeout': 'connect-timeout',
  '--write-out': 'w',
};
const LONG_FLAGS: Record<string, string> = {
  '--silent': 's',
  '--show-error': 'S',
  '--verbose': 'v',
  '--head': 'I',
  '--include': 'i',
  '--location': 'L',
  '--fail': 'f',
  '--version': 'V',
  '--help': 'h',
  '--http1.1': 'http1.1',
  '--http1.0': 'http1.0',
  '--ipv4': '4',
  '--insecure': 'k',
};
const SHORT_WITH_ARG = new Set(['o', 'D', 'X', 'H', 'd', 'A', 'm', 'w']);
const SHORT_FLAGS = new Set(['s', 'S', 'v', 'I', 'i', 'L', 'f', 'V', 'h', '4', 'k']);

function seconds(text: string): number | undefined {
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : undefined;
}

export function parseCurlArgs(argv: string[]): ParseResult {
  const o: CurlOptions = { silent: false, showError: false, verbose: false, head: false, include: false, headers: [], userAgent: USER_AGENT, location: false, fail: false, http10: false, urls: [] };
  const apply = (key: string, value?: string): ParseResult | undefined => {
    switch (key) {
      case 's': o.silent = true; break;
      case 'S': o.showError = true; break;
      case 'v': o.verbose = true; break;
      case 'I': o.head = true; break;
      case 'i': o.include = true; break;
      case 'L': o.location = true; break;
      case 'f': o.fail = true; break;
      case 'http1.0': o.http10 = true; break;
      case 'http1.1': o.http10 = false; break;
      case 'V': return { ok: false, status: 0, stdout: VERSION_TEXT };
      case 'h': return { ok: false, status: 0, stdout: HELP };
      case 'o': o.output = value; break;
      case 'D': o.dumpHeader = value; break;
      case 'X': o.method = value; break;
      case 'A': o.userAgent = value ?? ''; break;
      case 'd': o.data = o.data === undefined ? value : `${o.data}&${value}`; break;
      case 'w': o.writeOut = value; break;
      case 'H': {
        const colon = (value ?? '').indexOf(':');
        if (colon > 0) o.headers.push([value!.slice(0, colon).trim(), value!.slice(colon + 1).trim()]);
        break;
      }
      case 'm':
      case 'connect-timeout': {
        const ms = seconds(value ?? '');
        if (ms === undefined) return { ok: false, status: 2, stderr: `curl: option ${key === 'm' ? '-m' : '--connect-timeout'}: expected a proper numerical parameter\n${TRY_HELP}` };
        if (key === 'm') o.maxTimeMs = ms;
        else o.connectTimeoutMs = ms;
        break;
      }
    }
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (name in LONG_WITH_ARG) {
        const value = inline ?? argv[++i];
        if (value === undefined) return { ok: false, status: 2, stderr: `curl: option ${name}: requires parameter\n${TRY_HELP}` };
        const r = apply(LONG_WITH_ARG[name], value);
        if (r) return r;
      } else if (name in LONG_FLAGS) {
        const r = apply(LONG_FLAGS[name]);
        if (r) return r;
      } else {
        return { ok: false, status: 2, stderr: `curl: option ${a}: is unknown\n${TRY_HELP}` };
      }
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (SHORT_WITH_ARG.has(c)) {
          const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (value === undefined) return { ok: false, status: 2, stderr: `curl: option -${c}: requires parameter\n${TRY_HELP}` };
          const r = apply(c, value);
          if (r) return r;
          break;
        }
        if (!SHORT_FLAGS.has(c)) return { ok: false, status: 2, stderr: `curl: option -${a.slice(j)}: is unknown\n${TRY_HELP}` };
        const r = apply(c);
        if (r) return r;
      }
    } else {
      o.urls.push(a);
    }
  }
  if (o.urls.length === 0) return { ok: false, status: 2, stderr: TRY_HELP };
  return { ok: true, options: o };
}

// ---- the progress meter ------------------------------------------------

/** curl's max5data: a number in five characters. */
function max5(n: number): string {
  const k = 1024;
  const m = k * k;
  if (n < 100000) return String(Math.floor(n)).padStart(5);
  if (n < 10000 * k) return `${String(Math.floor(n / k)).padStart(4)}k`;
  if (n < 100 * m) return `${String(Math.floor(n / m)).padStart(2)}.${Math.floor((n % m) / (m / 10))}M`;
  if (n < 10000 * m) return `${String(Math.floor(n / m)).padStart(4)}M`;
  return `${String(Math.floor(n / (m * k))).padStart(4)}G`;
}

function timeText(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s <= 0) return '--:--:--';
  const h = Math.floor(s / 3600);
  return `${String(h).padStart(2)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const METER_HEAD =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

function meterLine(total: number | undefined, received: number, elapsedMs: number): string {
  const pct = (part: number, whole: number | undefined) => String(whole ? Math.floor((part * 100) / whole) : 0).padStart(3);
  const speed = elapsedMs > 0 ? received / (elapsedMs / 1000) : received;
  const known = total !== undefined && total > 0;
  const spent = timeText(elapsedMs);
  return `${pct(received, total)} ${max5(total ?? received)}  ${pct(received, total)} ${max5(received)}  ${pct(0, undefined)} ${max5(0)}  ${max5(speed)}  ${max5(0)} ${known ? spent : '--:--:--'} ${spent} --:--:-- ${max5(speed)}\n`;
}

// ---- one transfer --------------------------------------------------------

interface TransferInfo {
  code: number;
  remoteIp: string;
  remotePort: number;
  localIp: string;
  localPort: number;
  sizeDownload: number;
  sizeHeader: number;
  url: string;
  startedAt: number;
  connectedAt: number;
  endedAt: number;
  contentType: string;
}

/** Ctrl-C: curl dies without a message. */
class Interrupted {}

class CurlError {
  constructor(
    readonly code: number,
    readonly message: string,
  ) {}
}

class Transfer {
  readonly info: TransferInfo;
  private readonly clock: WaitClock;
  private readonly decoder = utf8Decoder();
  private socket?: TcpSocket;
  private file?: { path: string; content: string; discard: boolean };
  /** What -D wrote to its file so far in this run (a redirect adds the next response's headers). */
  private dumped = '';
  private meterShown = false;

  constructor(
    private readonly ctx: CommandContext,
    private readonly o: CurlOptions,
    private readonly app: AppProcess,
  ) {
    this.clock = ctx.host.world.clock;
    const now = this.clock.now();
    this.info = { code: 0, remoteIp: '', remotePort: 0, localIp: '', localPort: 0, sizeDownload: 0, sizeHeader: 0, url: '', startedAt: now, connectedAt: now, endedAt: now, contentType: '' };
  }

  private get toTerminal(): boolean {
    return this.o.output === undefined && this.ctx.stdout.isTTY;
  }

  private trace(line: string): void {
    if (this.o.verbose) this.ctx.stderr.write(line + '\n');
  }

  private within<T>(p: Promise<T>, deadline?: number): Promise<Outcome<T>> {
    const limits = [deadline, this.o.maxTimeMs === undefined ? undefined : this.info.startedAt + this.o.maxTimeMs].filter((d): d is number => d !== undefined);
    return waitFor(p, { clock: this.clock, deadline: limits.length ? Math.min(...limits) : undefined, interrupt: this.ctx.interrupted.promise });
  }

  private elapsed(): number {
    return Math.floor(this.clock.now() - this.info.startedAt);
  }

  /** Runs the request for `url`; returns the response head (redirects are followed by the caller). */
  async run(urlText: string): Promise<HttpHead | undefined> {
    const url = parseUrl(urlText);
    this.info.url = urlText;
    if (!url) throw new CurlError(3, 'URL using bad/illegal format or missing URL');
    if ('error' in url) throw new CurlError(1, `Protocol "${url.scheme}" not supported or disabled in libcurl`);
    if (!this.o.silent && !this.toTerminal && !this.meterShown) {
      this.ctx.stderr.write(METER_HEAD);
      this.meterShown = true;
    }
    const hosts = this.ctx.fs.readFile('/etc/hosts');
    const ip = resolveHost(url.host, typeof hosts === 'string' ? hosts : undefined, this.ctx.host.netns);
    if (!ip) throw new CurlError(6, `Could not resolve host: ${url.host}`);
    await this.connect(url, ip);
    if (url.scheme === 'https') {
      // No TLS in the lab: the server answers the ClientHello with plain HTTP.
      this.trace('* ALPN: offers h2,http/1.1');
      throw new CurlError(35, 'OpenSSL/3.0.11: error:0A00010B:SSL routines::wrong version number');
    }
    await this.sendRequest(url);
    return this.receive();
  }

  private async connect(url: ParsedUrl, ip: string): Promise<void> {
    const ns = this.ctx.host.netns;
    this.trace(`*   Trying ${ip}:${url.port}...`);
    const deadline = this.o.connectTimeoutMs === undefined ? undefined : this.info.startedAt + this.o.connectTimeoutMs;
    const outcome = await this.within(transportOf(ns).connect(ip, url.port, { owner: this.app.ref, noDelay: true }), deadline);
    this.info.remoteIp = ip;
    this.info.remotePort = url.port;
    if (outcome.kind === 'interrupted') throw new Interrupted();
    if (outcome.kind === 'timeout') {
      this.trace(`* Connection timed out after ${this.elapsed()} milliseconds`);
      // multi_handle_timeout: the same words whether -m or --connect-timeout ran out while connecting
      throw new CurlError(28, `Connection timed out after ${this.elapsed()} milliseconds`);
    }
    if (outcome.kind === 'failed') {
      const code = socketErrorCode(outcome.error);
      if (!code) throw outcome.error;
      this.trace(`* connect to ${ip} port ${url.port} failed: ${strerror(code)}`);
      const message = `Failed to connect to ${url.host} port ${url.port} after ${this.elapsed()} ms: Couldn't connect to server`;
      this.trace(`* ${message}`);
      throw new CurlError(7, message);
    }
    this.socket = outcome.value;
    this.info.connectedAt = this.clock.now();
    this.info.localIp = this.socket.localAddress;
    this.info.localPort = this.socket.localPort;
    this.trace(`* Connected to ${url.host} (${ip}) port ${url.port} (#0)`);
  }

  private async sendRequest(url: ParsedUrl): Promise<void> {
    const method = this.o.method ?? (this.o.head ? 'HEAD' : this.o.data !== undefined ? 'POST' : 'GET');
    const headers: Array<[string, string]> = [['Host', url.hostHeader]];
    if (this.o.userAgent) headers.push(['User-Agent', this.o.userAgent]);
    headers.push(['Accept', '*/*']);
    for (const [name, value] of this.o.headers) {
      const i = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
      if (i >= 0) {
        if (value === '') headers.splice(i, 1);
        else headers[i] = [name, value];
      } else if (value !== '') headers.push([name, value]);
    }
    if (this.o.data !== undefined) {
      headers.push(['Content-Length', String(this.o.data.length)]);
      headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
    }
    const head = formatHead(`${method} ${url.target} HTTP/${this.o.http10 ? '1.0' : '1.1'}`, headers);
    for (const line of head.split('\r\n').slice(0, -1)) this.trace(`> ${line}`);
    const outcome = await this.within(this.socket!.write(latin1Bytes(head + (this.o.data ?? ''))));
    if (outcome.kind === 'interrupted') throw new Interrupted();
    if (outcome.kind !== 'done') throw new CurlError(55, 'Failed sending data to the peer');
  }

  private async readChunk(received: number, total?: number): Promise<Uint8Array | null> {
    const outcome = await this.within(this.socket!.read());
    if (outcome.kind === 'done') return outcome.value;
    if (outcome.kind === 'interrupted') throw new Interrupted();
    if (outcome.kind === 'timeout') {
      const of = total !== undefined ? ` with ${received} out of ${total} bytes received` : ` with ${received} bytes received`;
      throw new CurlError(28, `Operation timed out after ${this.elapsed()} milliseconds${of}`);
    }
    const code = socketErrorCode(outcome.error);
    throw new CurlError(56, `Recv failure: ${code ? strerror(code) : 'Connection reset by peer'}`);
  }

  private async receive(): Promise<HttpHead> {
    const reader = new HeadReader();
    let parsed: { head: HttpHead; rest: Uint8Array } | undefined;
    while (!parsed) {
      const chunk = await this.readChunk(0);
      if (!chunk) throw new CurlError(52, 'Empty reply from server');
      parsed = reader.push(chunk);
    }
    const { head } = parsed;
    const status = parseStatusLine(head.startLine);
    if (!status) throw new CurlError(1, 'Received HTTP/0.9 when not allowed');
    this.info.code = status.status;
    this.info.sizeHeader = head.size;
    this.info.contentType = headerValue(head, 'Content-Type') ?? '';
    if (status.version === 'HTTP/1.0') this.trace('* HTTP 1.0, assume close after body');
    const headLines = [head.startLine, ...head.headers.map(([n, v]) => `${n}: ${v}`), ''];
    for (const line of headLines) this.trace(`< ${line}`);
    const failing = this.o.fail && status.status >= 400;
    if ((this.o.include || this.o.head) && !failing) this.emit(latin1Bytes(headLines.join('\n') + '\n'));
    if (this.o.dumpHeader !== undefined && !failing) this.dumpHeaders(headLines.join('\n') + '\n');
    if (failing) {
      this.finish(status.version);
      throw new CurlError(22, `The requested URL returned error: ${status.status}`);
    }
    const method = this.o.method ?? (this.o.head ? 'HEAD' : 'GET');
    const framing = responseFraming(method, status.status, head);
    const redirecting = this.o.location && status.status >= 300 && status.status < 400 && headerValue(head, 'Location');
    let received = 0;
    const total = framing.kind === 'length' ? framing.length : undefined;
    const take = (bytes: Uint8Array) => {
      const part = total !== undefined ? bytes.subarray(0, total - received) : bytes;
      received += part.length;
      if (part.length && !redirecting) {
        this.emit(part);
        if (this.o.verbose && !this.toTerminal) this.ctx.stderr.write(`{ [${part.length} bytes data]\n`);
      }
    };
    if (framing.kind !== 'none') {
      take(parsed.rest);
      while (framing.kind === 'close' || received < (total ?? 0)) {
        const chunk = await this.readChunk(received, total);
        if (!chunk) {
          if (framing.kind === 'length') {
            this.finish(status.version);
            throw new CurlError(18, `transfer closed with ${total! - received} bytes remaining to read`);
          }
          break;
        }
        take(chunk);
      }
    }
    this.info.sizeDownload = received;
    this.finish(status.version);
    return head;
  }

  private finish(version: string): void {
    this.info.endedAt = this.clock.now();
    if (version === 'HTTP/1.0') this.trace('* Closing connection 0');
    else this.trace(`* Connection #0 to host ${this.info.remoteIp} left intact`);
  }

  private emit(bytes: Uint8Array): void {
    if (this.o.output === undefined) {
      this.ctx.stdout.write(this.decoder.decode(bytes, { stream: true }));
      return;
    }
    if (!this.file) this.file = { path: FileSystem.resolve(this.ctx.cwd, this.o.output), content: '', discard: this.o.output === '/dev/null' };
    if (!this.file.discard) this.file.content += this.decoder.decode(bytes, { stream: true });
  }

  /** -D: the headers to standard output, or appended to the named file as curl does for each response. */
  private dumpHeaders(text: string): void {
    const target = this.o.dumpHeader!;
    if (target === '-') {
      this.ctx.stdout.write(text);
      return;
    }
    const path = FileSystem.resolve(this.ctx.cwd, target);
    this.dumped += text;
    const error = this.ctx.fs.writeFile(path, this.dumped);
    if (error) this.ctx.stderr.write(`Warning: Failed to open ${target}\n`);
  }

  /** Writes -o's file; returns an error when it cannot be written. */
  saveOutput(): CurlError | undefined {
    if (this.o.output === undefined) return undefined;
    const file = this.file ?? { path: FileSystem.resolve(this.ctx.cwd, this.o.output), content: '', discard: this.o.output === '/dev/null' };
    if (file.discard) return undefined;
    const error = this.ctx.fs.writeFile(file.path, file.content);
    if (!error) return undefined;
    this.ctx.stderr.write(`Warning: Failed to open the file ${this.o.output}: ${fsErrorText(error)}\n`);
    return new CurlError(23, 'Failure writing output to destination');
  }

  meter(): void {
    if (!this.meterShown) return;
    this.ctx.stderr.write(meterLine(this.info.sizeDownload || undefined, this.info.sizeDownload, this.clock.now() - this.info.startedAt));
  }

  /** curl's exit: after a short pause the socket is closed (FIN, or RST with unread data). */
  async close(): Promise<void> {
    if (!this.socket) return;
    await waitFor(new Promise<void>((r) => this.clock.setTimer(CLOSE_DELAY_MS, r)), { clock: this.clock });
    this.socket.close();
    this.socket = undefined;
  }

  abort(): void {
    this.socket?.close();
    this.socket = undefined;
  }
}

/** Where a Location header points, relative to the URL that answered. */
function redirectTarget(from: string, location: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return location;
  const base = /^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/?#]*/i.exec(from)?.[0] ?? '';
  const origin = base.includes('://') ? base : `http://${base}`;
  if (location.startsWith('/')) return origin + location;
  const path = from.slice(base.length).split(/[?#]/)[0] || '/';
  return origin + path.slice(0, path.lastIndexOf('/') + 1) + location;
}

/** -w: curl's write-out variables. */
function writeOut(format: string, info: TransferInfo, exitCode: number): string {
  const secs = (ms: number) => (ms / 1000).toFixed(6);
  const vars: Record<string, string> = {
    http_code: String(info.code).padStart(3, '0'),
    response_code: String(info.code).padStart(3, '0'),
    remote_ip: info.remoteIp,
    remote_port: String(info.remotePort || ''),
    local_ip: info.localIp,
    local_port: String(info.localPort || ''),
    size_download: String(info.sizeDownload),
    size_header: String(info.sizeHeader),
    url_effective: info.url,
    content_type: info.contentType,
    exitcode: String(exitCode),
    time_total: secs(info.endedAt - info.startedAt),
    time_connect: secs(info.connectedAt - info.startedAt),
    num_connects: info.remoteIp ? '1' : '0',
  };
  return format
    .replace(/%\{([a-z_]+)\}/g, (m, name: string) => vars[name] ?? m)
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\r/g, '\r');
}

export const curl: Command = {
  name: 'curl',
  summary: 'transfer a URL',
  usage: 'Usage: curl [options...] <url>',
  man: MAN,
  completions: () => ['-s', '-S', '-v', '-I', '-i', '-o', '-X', '-H', '-d', '-L', '-f', '-m', '-w', '--connect-timeout', '--max-time', '--silent', '--verbose', '--head', '--output'],
  async run(ctx) {
    const parsed = parseCurlArgs(ctx.argv.slice(1));
    if (!parsed.ok) return printRefusal(ctx, parsed);
    const o = parsed.options;
    const app = startAppProcess(ctx.host.netns, ctx.host.pid, ctx.argv);
    let status = 0;
    try {
      for (const first of o.urls) {
        const transfer = new Transfer(ctx, o, app);
        let code = 0;
        let url = first;
        try {
          for (let hops = 0; ; hops++) {
            const head = await transfer.run(url);
            const location = head && o.location && transfer.info.code >= 300 && transfer.info.code < 400 ? headerValue(head, 'Location') : undefined;
            if (!location) break;
            if (hops >= 50) throw new CurlError(47, 'Maximum (50) redirects followed');
            url = redirectTarget(url, location);
            if (o.verbose) ctx.stderr.write(`* Issue another request to this URL: '${url}'\n`);
            await transfer.close();
          }
          const saveError = transfer.saveOutput();
          if (saveError) throw saveError;
          transfer.meter();
          await transfer.close();
        } catch (err) {
          if (err instanceof Interrupted) {
            transfer.abort();
            return 130;
          }
          if (!(err instanceof CurlError)) throw err;
          transfer.meter();
          transfer.abort();
          code = err.code;
          if (!o.silent || o.showError) ctx.stderr.write(`curl: (${err.code}) ${err.message}\n`);
        }
        if (o.writeOut !== undefined) ctx.stdout.write(writeOut(o.writeOut, transfer.info, code));
        if (code) status = code;
      }
      return status;
    } finally {
      app.exit();
    }
  },
};
