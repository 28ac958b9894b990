// GNU Wget 1.21.3 (Debian bookworm) for plain HTTP over the simulated
// sockets: the log on stderr, saving to a file (or -O -), -q, -S, --spider, -T.
import type { Command, CommandContext } from '../command.js';
import { FileSystem, fsErrorText } from '../fs.js';
import { utf8Decoder } from '../../base/utf8.js';
import { startAppProcess, printRefusal } from '../../sim/transport/app-process.js';
import { socketErrorCode, strerror } from '../../sim/transport/errors.js';
import { HeadReader, formatHead, headerValue, latin1Bytes, parseStatusLine, parseUrl, responseFraming, type HttpHead } from '../../userspace/http.js';
import { lookupFailure, resolveHost } from '../../sim/transport/resolve.js';
import type { TcpSocket } from '../../sim/transport/tcp-socket.js';
import { transportOf } from '../../sim/transport/transport.js';
import { waitFor, type Outcome, type WaitClock } from '../../sim/transport/wait.js';

const USER_AGENT = 'Wget/1.21.3';

const HELP = `GNU Wget 1.21.3, a non-interactive network retriever.
Usage: wget [OPTION]... [URL]...

  -V,  --version                   display the version of Wget and exit
  -h,  --help                      print this help
  -q,  --quiet                     quiet (no output)
  -O,  --output-document=FILE      write documents to FILE
  -S,  --server-response           print server response
       --spider                    don't download anything
  -T,  --timeout=SECONDS           set all timeout values to SECONDS
  -t,  --tries=NUMBER              set number of retries to NUMBER (0 unlimits)
`;

const MAN = `WGET(1)

NAME
    wget - the non-interactive network downloader

SYNOPSIS
    wget [-q] [-O FILE] [-S] [--spider] [-T SECONDS] URL...

DESCRIPTION
    wget fetches a URL over HTTP and saves the body in a file named after the
    URL (index.html for a directory), logging on stderr what it does:
    "Connecting to HOST:PORT... connected.", "HTTP request sent, awaiting
    response... 200 OK", the length and the file it saves to. In the lab
    names resolve through /etc/hosts only.

OPTIONS
    -q          No log.                 -O FILE   Save to FILE (- for standard output).
    -S          Print the response headers.
    --spider    Check the URL exists without downloading it.
    -T SECONDS  Give up on a connection or read after SECONDS.

EXIT STATUS
    0 success, 1 generic error, 3 file I/O error, 4 network failure, 8 server error response.
`;

interface WgetOptions {
  quiet: boolean;
  output?: string;
  serverResponse: boolean;
  spider: boolean;
  timeoutMs: number;
  urls: string[];
}

type Parsed = { ok: true; options: WgetOptions } | { ok: false; status: number; stdout?: string; stderr?: string };

const TRY = "Try `wget --help' for more options.\n";

export function parseWgetArgs(argv: string[]): Parsed {
  const o: WgetOptions = { quiet: false, serverResponse: false, spider: false, timeoutMs: 900_000, urls: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (name === '-q' || name === '--quiet') o.quiet = true;
    else if (name === '-S' || name === '--server-response') o.serverResponse = true;
    else if (name === '--spider') o.spider = true;
    else if (name === '-h' || name === '--help') return { ok: false, status: 0, stdout: HELP };
    else if (name === '-V' || name === '--version') return { ok: false, status: 0, stdout: 'GNU Wget 1.21.3 built on linux-gnu.\n' };
    else if (name === '-O' || name === '--output-document' || /^-O./.test(name)) {
      const v = name.length > 2 && name.startsWith('-O') ? name.slice(2) : value();
      if (v === undefined) return { ok: false, status: 2, stderr: `wget: option requires an argument -- 'O'\n${TRY}` };
      o.output = v;
    } else if (name === '-T' || name === '--timeout' || name === '-t' || name === '--tries') {
      const v = value();
      if (v === undefined || !/^\d+(\.\d+)?$/.test(v)) return { ok: false, status: 2, stderr: `wget: ${name}: Invalid number ‘${v ?? ''}’.\n` };
      if (name === '-T' || name === '--timeout') o.timeoutMs = Number(v) * 1000;
    } else if (a.startsWith('-') && a.length > 1) {
      return { ok: false, status: 2, stderr: `wget: invalid option -- '${a.replace(/^-+/, '')}'\nUsage: wget [OPTION]... [URL]...\n\n${TRY}` };
    } else {
      o.urls.push(a);
    }
  }
  if (o.urls.length === 0) return { ok: false, status: 1, stderr: `wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\n${TRY}` };
  return { ok: true, options: o };
}

const pad = (n: number) => String(n).padStart(2, '0');

function stamp(unixMs: number): string {
  const d = new Date(unixMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** wget's retr_rate: `104 MB/s`. */
function rate(bytes: number, ms: number): string {
  let r = bytes / Math.max(ms / 1000, 1e-6);
  const units = ['B/s', 'KB/s', 'MB/s', 'GB/s'];
  let u = 0;
  while (r >= 1024 && u < units.length - 1) {
    r /= 1024;
    u++;
  }
  const digits = r >= 99.95 ? 0 : r >= 9.995 ? 1 : 2;
  return `${r.toFixed(digits)} ${units[u]}`;
}

/** The name wget saves a URL to, with .1, .2 ... when it exists. */
function localName(fs: FileSystem, cwd: string, target: string): string {
  const path = target.split('?')[0];
  const base = path.slice(path.lastIndexOf('/') + 1) || 'index.html';
  let name = base;
  for (let n = 1; fs.exists(FileSystem.resolve(cwd, name)); n++) name = `${base}.${n}`;
  return name;
}

/** Ctrl-C: wget dies without a message. */
class Interrupted {}

class WgetError {
  constructor(
    readonly status: number,
    readonly log: string,
  ) {}
}

async function fetch(ctx: CommandContext, o: WgetOptions, urlText: string, clock: WaitClock, app: ReturnType<typeof startAppProcess>): Promise<void> {
  const log = (text: string) => {
    if (!o.quiet) ctx.stderr.write(text);
  };
  const url = parseUrl(urlText);
  if (!url) throw new WgetError(1, `${urlText}: Invalid URL.\n`);
  if ('error' in url) throw new WgetError(1, `${urlText}: Unsupported scheme ‘${url.scheme}’.\n`);
  const display = `${url.scheme}://${url.hostHeader}${url.target}`;
  log(`--${stamp(ctx.host.world.clock.wallTimeMs())}--  ${display}\n`);
  const hosts = ctx.fs.readFile('/etc/hosts');
  const ip = resolveHost(url.host, typeof hosts === 'string' ? hosts : undefined, ctx.host.netns);
  const literal = ip === url.host;
  if (!literal) log(`Resolving ${url.host} (${url.host})... `);
  if (!ip) throw new WgetError(4, `failed: ${lookupFailure(ctx.host.netns)}.\nwget: unable to resolve host address ‘${url.host}’\n`);
  if (!literal) log(`${ip}\n`);
  log(literal ? `Connecting to ${ip}:${url.port}... ` : `Connecting to ${url.host} (${url.host})|${ip}|:${url.port}... `);
  const wait = <T>(p: Promise<T>): Promise<Outcome<T>> =>
    waitFor(p, { clock, deadline: clock.now() + o.timeoutMs, interrupt: ctx.interrupted.promise });
  const started = clock.now();
  const c = await wait(transportOf(ctx.host.netns).connect(ip, url.port, { owner: app.ref }));
  if (c.kind === 'interrupted') throw new Interrupted();
  if (c.kind === 'timeout') throw new WgetError(4, 'failed: Connection timed out.\n');
  if (c.kind === 'failed') {
    const code = socketErrorCode(c.error);
    if (!code) throw c.error;
    throw new WgetError(4, `failed: ${strerror(code)}.\n`);
  }
  const sock: TcpSocket = c.value;
  try {
    log('connected.\n');
    const method = o.spider ? 'HEAD' : 'GET';
    const head = formatHead(`${method} ${url.target} HTTP/1.1`, [
      ['Host', url.hostHeader],
      ['User-Agent', USER_AGENT],
      ['Accept', '*/*'],
      ['Accept-Encoding', 'identity'],
      ['Connection', 'Keep-Alive'],
    ]);
    await sock.write(latin1Bytes(head));
    log('HTTP request sent, awaiting response... ');
    const reader = new HeadReader();
    let parsed: { head: HttpHead; rest: Uint8Array } | undefined;
    while (!parsed) {
      const r = await wait(sock.read());
      if (r.kind === 'interrupted') throw new Interrupted();
      if (r.kind !== 'done' || r.value === null) throw new WgetError(4, r.kind === 'timeout' ? 'Read error (Connection timed out) in headers.\n' : 'No data received.\n');
      parsed = reader.push(r.value);
    }
    const status = parseStatusLine(parsed.head.startLine);
    if (!status) throw new WgetError(4, 'Malformed status line.\n');
    if (o.serverResponse) {
      log('\n' + [parsed.head.startLine, ...parsed.head.headers.map(([n, v]) => `${n}: ${v}`)].map((l) => `  ${l}\n`).join(''));
    } else {
      log(`${status.status} ${status.reason}\n`);
    }
    if (status.status >= 400) throw new WgetError(8, `${stamp(ctx.host.world.clock.wallTimeMs())} ERROR ${status.status}: ${status.reason}.\n\n`);
    const framing = responseFraming(method, status.status, parsed.head);
    const total = framing.kind === 'length' ? framing.length : undefined;
    const type = headerValue(parsed.head, 'Content-Type')?.split(';')[0];
    const lengthText = total !== undefined ? `${total}${total >= 1024 ? ` (${(total / 1024).toFixed(0)}K)` : ''}` : 'unspecified';
    log(`Length: ${lengthText}${type ? ` [${type}]` : ''}\n`);
    if (o.spider) {
      log('Remote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n');
      return;
    }
    const toStdout = o.output === '-';
    const name = o.output ?? localName(ctx.fs, ctx.cwd, url.target);
    log(toStdout ? 'Saving to: ‘STDOUT’\n\n' : `Saving to: ‘${name}’\n\n`);
    const decoder = utf8Decoder();
    let content = '';
    let received = 0;
    const take = (b: Uint8Array) => {
      const part = total !== undefined ? b.subarray(0, total - received) : b;
      received += part.length;
      const text = decoder.decode(part, { stream: true });
      if (toStdout) ctx.stdout.write(text);
      else content += text;
    };
    if (framing.kind !== 'none') {
      take(parsed.rest);
      while (framing.kind === 'close' || received < (total ?? 0)) {
        const r = await wait(sock.read());
        if (r.kind === 'interrupted') throw new Interrupted();
        if (r.kind !== 'done' || r.value === null) break;
        take(r.value);
      }
    }
    if (!toStdout) {
      const error = ctx.fs.writeFile(FileSystem.resolve(ctx.cwd, name), content);
      if (error) throw new WgetError(3, `${name}: ${fsErrorText(error)}\n`);
    }
    const elapsed = clock.now() - started;
    const label = toStdout ? '-' : name;
    const shownTotal = total ?? received;
    const bar = `${label.padEnd(20).slice(0, 20)}100%[===================>] ${String(shownTotal).padStart(7)}  --.-KB/s    in ${Math.floor(elapsed / 1000)}s      `;
    log(`${bar}\n\n`);
    const savedTo = toStdout ? 'written to stdout' : `‘${name}’ saved`;
    log(`${stamp(ctx.host.world.clock.wallTimeMs())} (${rate(received, elapsed)}) - ${savedTo} [${received}${total !== undefined ? `/${total}` : ''}]\n\n`);
  } finally {
    sock.close();
  }
}

export const wget: Command = {
  name: 'wget',
  summary: 'The non-interactive network downloader',
  usage: 'Usage: wget [OPTION]... [URL]...',
  man: MAN,
  completions: () => ['-q', '-O', '-S', '--spider', '-T', '--quiet', '--output-document', '--server-response', '--timeout'],
  async run(ctx) {
    const parsed = parseWgetArgs(ctx.argv.slice(1));
    if (!parsed.ok) return printRefusal(ctx, parsed);
    const o = parsed.options;
    const clock = ctx.host.world.clock;
    const app = startAppProcess(ctx.host.netns, ctx.host.pid, ctx.argv);
    let status = 0;
    try {
      for (const url of o.urls) {
        try {
          await fetch(ctx, o, url, clock, app);
        } catch (err) {
          if (err instanceof Interrupted) return 130;
          if (!(err instanceof WgetError)) throw err;
          if (!o.quiet || err.status === 3) ctx.stderr.write(err.log);
          status = err.status;
        }
      }
      return status;
    } finally {
      app.exit();
    }
  },
};
