// python3 -m http.server: Python 3.11's SimpleHTTPRequestHandler over the
// simulated sockets (HTTP/1.0, directory listings, files, redirects, errors
// and the request log on stderr). Nothing else of Python is simulated.
import type { Command, CommandContext } from '../command.js';
import type { FileSystem } from '../fs.js';
import { FileSystem as Fs } from '../fs.js';
import { encodeUtf8 } from '../../base/utf8.js';
import { startAppProcess, printRefusal } from '../../sim/transport/app-process.js';
import { SocketError, errnoOf } from '../../sim/transport/errors.js';
import { HeadReader, MONTHS, formatHead, httpDate, latin1, latin1Bytes, type HttpHead } from '../../userspace/http.js';
import type { TcpSocket } from '../../sim/transport/tcp-socket.js';
import { transportOf, type TcpListener } from '../../sim/transport/transport.js';

const VERSION = 'Python 3.11.2';
const SERVER_HEADER = 'SimpleHTTP/0.6 Python/3.11.2';
/** socketserver.TCPServer.request_queue_size */
const BACKLOG = 5;

/**
 * Lab time Python spends per request: parsing and building the response,
 * then between its writes, then before closing (measured on the reference
 * host, rounded). The gaps decide how segments group on the wire.
 */
const RESPONSE_DELAY_MS = 1.3;
const BETWEEN_WRITES_MS = 0.03;
const BEFORE_CLOSE_MS = 0.5;

const SERVER_USAGE = 'usage: server.py [-h] [--cgi] [--bind ADDRESS] [--directory DIRECTORY] [port]\n';

const SERVER_HELP = `${SERVER_USAGE}
positional arguments:
  port                  bind to this port (default: 8000)

options:
  -h, --help            show this help message and exit
  --cgi                 run as CGI server
  --bind ADDRESS, -b ADDRESS
                        bind to this address (default: all interfaces)
  --directory DIRECTORY, -d DIRECTORY
                        serve this directory (default: current directory)
`;

const ONLY_HTTP_SERVER =
  'python3: this lab simulates only the web server: python3 -m http.server [PORT] [--bind ADDRESS] [--directory DIR]\n';

const PYTHON_HELP = `usage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...
Options (and corresponding environment variables):
-m mod : run library module as a script (terminates option list)
-V     : print the Python version number and exit (also --version)
-h     : print this help message and exit (also -? or --help)

In this lab only one module runs: python3 -m http.server [PORT] [--bind ADDRESS] [--directory DIR]
`;

const MAN = `PYTHON3(1)

NAME
    python3 - Python 3.11, here only as its built-in web server

SYNOPSIS
    python3 -m http.server [--bind ADDRESS] [--directory DIR] [PORT]
    python3 --version

DESCRIPTION
    The simulated hosts run one Python program: the standard library's
    http.server module, the small web server the article starts in the web
    container. It listens on PORT (default 8000) on every address of the
    machine (or only ADDRESS), prints "Serving HTTP on ..." and answers
    HTTP GET and HEAD requests with files of the current directory, or a
    "Directory listing for /" page for directories. Each request is logged
    on stderr with the client's address, the time, the request line and the
    status code, e.g.

        172.16.211.1 - - [26/Nov/2026 09:26:41] "GET / HTTP/1.1" 200 -

    The client address shows who really connected: behind Docker's DNAT the
    server sees the outside client, not the Docker host.

    It answers with HTTP/1.0 and closes the connection after each response.
    Ctrl-C stops it ("Keyboard interrupt received, exiting.").
`;

interface ServerArgs {
  port: number;
  bind: string;
  directory?: string;
}

type ParsedArgs = { ok: true; args: ServerArgs } | { ok: false; status: number; stdout?: string; stderr?: string };

export function parseServerArgs(argv: string[]): ParsedArgs {
  let port: number | undefined;
  let bind = '0.0.0.0';
  let directory: string | undefined;
  const error = (message: string): ParsedArgs => ({ ok: false, status: 2, stderr: `${SERVER_USAGE}server.py: error: ${message}\n` });
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const valueOf = (): string | undefined => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      if (!a.startsWith('--') && a.length > 2) return a.slice(2);
      const v = argv[i + 1];
      if (v === undefined) return undefined;
      i++;
      return v;
    };
    if (a === '-h' || a === '--help') return { ok: false, status: 0, stdout: SERVER_HELP };
    if (a === '--cgi') continue;
    if (a === '-b' || a.startsWith('--bind') || (a.startsWith('-b') && !a.startsWith('--'))) {
      const v = valueOf();
      if (v === undefined) return error('argument --bind/-b: expected one argument');
      bind = v === 'localhost' ? '127.0.0.1' : v;
    } else if (a === '-d' || a.startsWith('--directory') || (a.startsWith('-d') && !a.startsWith('--'))) {
      const v = valueOf();
      if (v === undefined) return error('argument --directory/-d: expected one argument');
      directory = v;
    } else if (a.startsWith('-') && a !== '-') {
      return error(`unrecognized arguments: ${a}`);
    } else if (port === undefined) {
      if (!/^[+-]?\d+$/.test(a.trim())) return error(`argument port: invalid int value: ${pyRepr(a)}`);
      port = Number(a);
    } else {
      return error(`unrecognized arguments: ${a}`);
    }
  }
  return { ok: true, args: { port: port ?? 8000, bind, directory } };
}

/** Python's repr() of a str. */
function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/[\x00-\x1f\x7f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0');
  });
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

function bindFailure(err: SocketError, args: ServerArgs): string {
  const errno = errnoOf(err.code);
  const call = args.bind === '0.0.0.0' || /^\d+\.\d+\.\d+\.\d+$/.test(args.bind) ? 'bind' : 'getaddrinfo';
  return [
    'Traceback (most recent call last):',
    '  File "<frozen runpy>", line 198, in _run_module_as_main',
    '  File "<frozen runpy>", line 88, in _run_code',
    '  File "/usr/lib/python3.11/http/server.py", line 1313, in <module>',
    '    test(',
    '  File "/usr/lib/python3.11/http/server.py", line 1260, in test',
    '    with ServerClass(addr, HandlerClass) as httpd:',
    '         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    '  File "/usr/lib/python3.11/socketserver.py", line 456, in __init__',
    '    self.server_bind()',
    '  File "/usr/lib/python3.11/http/server.py", line 1307, in server_bind',
    '    return super().server_bind()',
    '           ^^^^^^^^^^^^^^^^^^^^^',
    '  File "/usr/lib/python3.11/http/server.py", line 136, in server_bind',
    '    socketserver.TCPServer.server_bind(self)',
    '  File "/usr/lib/python3.11/socketserver.py", line 472, in server_bind',
    `    self.socket.${call}(self.server_address)`,
    `OSError: [Errno ${errno}] ${err.message}`,
    '',
  ].join('\n');
}

// ---- the request handler -------------------------------------------------

/** What a request produces: the head (absent for HTTP/0.9), the body, and log lines. */
export interface HandlerResult {
  head?: string;
  body?: Uint8Array;
  log: string[];
}

const ERROR_EXPLANATIONS: Record<number, [string, string]> = {
  400: ['Bad Request', 'Bad request syntax or unsupported method'],
  404: ['Not Found', 'Nothing matches the given URI'],
  414: ['Request-URI Too Long', 'URI is too long'],
  501: ['Not Implemented', 'Server does not support this operation'],
  505: ['HTTP Version Not Supported', 'Cannot fulfill request'],
};

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.txt': 'text/plain',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.py': 'text/x-python',
  '.sh': 'application/x-sh',
  '.conf': 'application/octet-stream',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.md': 'text/markdown',
};

function guessType(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return (dot > 0 && MIME_TYPES[base.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** urllib.parse.quote with safe='/'. */
function urlQuote(s: string): string {
  let out = '';
  for (const byte of encodeUtf8(s)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.\-~/]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function urlUnquote(s: string): string {
  try {
    return decodeURIComponent(s.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
  } catch {
    return s;
  }
}

export interface RequestContext {
  fs: FileSystem;
  /** The served directory (absolute). */
  directory: string;
  /** Unix ms for the Date header and log. */
  wallTimeMs: number;
  clientAddress: string;
}

/** Python's log_date_time_string(): `26/Nov/2026 09:26:41` (the lab's hosts run in UTC). */
export function logDateTime(unixMs: number): string {
  const d = new Date(unixMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** SimpleHTTPRequestHandler for one request head. */
export function handleRequest(head: HttpHead, rc: RequestContext): HandlerResult {
  const log: string[] = [];
  const logLine = (message: string) => log.push(`${rc.clientAddress} - - [${logDateTime(rc.wallTimeMs)}] ${message}`);
  const requestLine = head.startLine.replace(/[\r\n]+$/, '');
  const words = requestLine.split(/\s+/).filter(Boolean);
  let version = 'HTTP/0.9';
  let method = '';

  const respond = (code: number, reason: string, headers: Array<[string, string]>, body?: Uint8Array): HandlerResult => {
    logLine(`"${requestLine}" ${code} -`);
    if (version === 'HTTP/0.9') return { body, log };
    const all: Array<[string, string]> = [['Server', SERVER_HEADER], ['Date', httpDate(rc.wallTimeMs)], ...headers];
    return { head: formatHead(`HTTP/1.0 ${code} ${reason}`, all), body, log };
  };
  const sendError = (code: number, message?: string): HandlerResult => {
    const [short, explain] = ERROR_EXPLANATIONS[code] ?? ['???', '???'];
    const msg = message ?? short;
    log.push(`${rc.clientAddress} - - [${logDateTime(rc.wallTimeMs)}] code ${code}, message ${msg}`);
    const content =
      '<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n' +
      '        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n' +
      `        <p>Error code: ${code}</p>\n        <p>Message: ${htmlEscape(msg)}.</p>\n` +
      `        <p>Error code explanation: ${code} - ${htmlEscape(explain)}.</p>\n    </body>\n</html>\n`;
    const body = encodeUtf8(content);
    return respond(code, msg, [
      ['Connection', 'close'],
      ['Content-Type', 'text/html;charset=utf-8'],
      ['Content-Length', String(body.length)],
    ], method === 'HEAD' ? undefined : body);
  };

  if (words.length === 0) return { log };
  if (words.length >= 3) {
    version = words[words.length - 1];
    const m = /^HTTP\/(\d+)\.(\d+)$/.exec(version);
    if (!m) return sendError(400, `Bad request version (${pyRepr(version)})`);
    if (Number(m[1]) >= 2) return sendError(505, `Invalid HTTP version (${m[1]}.${m[2]})`);
  }
  if (words.length < 2 || words.length > 3) return sendError(400, `Bad request syntax (${pyRepr(requestLine)})`);
  method = words[0];
  const target = words[1];
  if (words.length === 2 && method !== 'GET') return sendError(400, `Bad HTTP/0.9 request type (${pyRepr(method)})`);
  if (method !== 'GET' && method !== 'HEAD') return sendError(501, `Unsupported method (${pyRepr(method)})`);

  // translate_path
  let path = target.split('?')[0].split('#')[0];
  const trailingSlash = path.trimEnd().endsWith('/');
  path = Fs.resolve('/', urlUnquote(path)); // posixpath.normpath
  let fsPath = rc.directory;
  for (const word of path.split('/').filter(Boolean)) fsPath = fsPath === '/' ? `/${word}` : `${fsPath}/${word}`;
  const withSlash = trailingSlash ? (fsPath.endsWith('/') ? fsPath : fsPath + '/') : fsPath;
  const bodyFor = (b: Uint8Array) => (method === 'HEAD' ? undefined : b);

  if (rc.fs.isDirectory(fsPath)) {
    const urlPath = target.split('?')[0].split('#')[0];
    if (!urlPath.endsWith('/')) {
      const rest = target.slice(urlPath.length);
      return respond(301, 'Moved Permanently', [['Location', urlPath + '/' + rest], ['Content-Length', '0']]);
    }
    const index = ['index.html', 'index.htm'].map((n) => `${fsPath === '/' ? '' : fsPath}/${n}`).find((p) => isFile(rc.fs, p));
    if (!index) {
      const listing = encodeUtf8(directoryListing(rc.fs, fsPath, target));
      return respond(200, 'OK', [['Content-type', 'text/html; charset=utf-8'], ['Content-Length', String(listing.length)]], bodyFor(listing));
    }
    fsPath = index;
  } else if (withSlash.endsWith('/')) {
    return sendError(404, 'File not found');
  }
  const content = rc.fs.readFile(fsPath);
  if (typeof content !== 'string') return sendError(404, 'File not found');
  const bytes = encodeUtf8(content);
  return respond(
    200,
    'OK',
    [
      ['Content-type', guessType(fsPath)],
      ['Content-Length', String(bytes.length)],
      ['Last-Modified', httpDate(rc.wallTimeMs - (rc.wallTimeMs % 1000))],
    ],
    bodyFor(bytes),
  );
}

function isFile(fs: FileSystem, path: string): boolean {
  return fs.exists(path) && !fs.isDirectory(path);
}

/** SimpleHTTPRequestHandler.list_directory, byte for byte. */
export function directoryListing(fs: FileSystem, dir: string, requestPath: string): string {
  const names = [...(fs.list(dir) ?? [])].sort((a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const displayPath = htmlEscape(urlUnquote(requestPath));
  const title = `Directory listing for ${displayPath}`;
  const r = [
    '<!DOCTYPE HTML>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${title}</title>\n</head>`,
    `<body>\n<h1>${title}</h1>`,
    '<hr>\n<ul>',
  ];
  for (const name of names) {
    const full = dir === '/' ? `/${name}` : `${dir}/${name}`;
    let display = name;
    let link = name;
    if (fs.isDirectory(full)) {
      display = name + '/';
      link = name + '/';
    }
    if (fs.isSymlink(full)) display = name + '@';
    r.push(`<li><a href="${urlQuote(link)}">${htmlEscape(display)}</a></li>`);
  }
  r.push('</ul>\n<hr>\n</body>\n</html>\n');
  return r.join('\n');
}

// ---- the server ---------------------------------------------------------

async function readHead(sock: TcpSocket): Promise<HttpHead | undefined> {
  const reader = new HeadReader();
  for (;;) {
    let data: Uint8Array | null;
    try {
      data = await sock.read();
    } catch {
      return undefined;
    }
    if (!data) {
      // A request line without its blank line still gets an answer, as readline() returns it.
      return reader.buffered > 0 ? reader.push(latin1Bytes('\r\n\r\n'))?.head : undefined;
    }
    const done = reader.push(data);
    if (done) return done.head;
    if (reader.overLimit) return { startLine: latin1(data).split(/\r?\n/)[0], headers: [], size: 0 };
  }
}

async function serveConnection(sock: TcpSocket, ctx: CommandContext, directory: string): Promise<void> {
  const head = await readHead(sock);
  if (!head) {
    sock.close();
    return;
  }
  await ctx.clock.sleep(RESPONSE_DELAY_MS);
  const world = ctx.host.world;
  const result = handleRequest(head, {
    fs: ctx.fs,
    directory,
    wallTimeMs: world.clock.wallTimeMs(),
    clientAddress: sock.remoteAddress,
  });
  for (const line of result.log) ctx.stderr.write(line + '\n');
  try {
    // end_headers() flushes the head in one write; copyfile() writes the body after it.
    if (result.head) await sock.write(latin1Bytes(result.head));
    if (result.body && result.body.length > 0) {
      await ctx.clock.sleep(BETWEEN_WRITES_MS);
      await sock.write(result.body);
    }
  } catch {
    // The client went away; Python logs nothing more for it.
  }
  await ctx.clock.sleep(BEFORE_CLOSE_MS);
  sock.shutdown();
  sock.close();
}

async function runServer(ctx: CommandContext, args: ServerArgs): Promise<number> {
  const ns = ctx.host.netns;
  const app = startAppProcess(ns, ctx.host.pid, ctx.argv);
  let listener: TcpListener;
  try {
    listener = transportOf(ns).listen(args.bind, args.port, { backlog: BACKLOG, owner: app.ref });
  } catch (err) {
    app.exit();
    if (!(err instanceof SocketError)) throw err;
    ctx.stderr.write(bindFailure(err, args));
    return 1;
  }
  const directory = Fs.resolve(ctx.cwd, args.directory ?? '.');
  ctx.stdout.write(`Serving HTTP on ${args.bind} port ${listener.localPort} (http://${args.bind}:${listener.localPort}/) ...\n`);
  const accepting = (async () => {
    for (;;) {
      let sock: TcpSocket;
      try {
        sock = await listener.accept();
      } catch {
        return;
      }
      void serveConnection(sock, ctx, directory);
    }
  })();
  await ctx.interrupted.promise;
  listener.close();
  await accepting;
  ctx.stdout.write('\nKeyboard interrupt received, exiting.\n');
  app.exit();
  return 0;
}

export const python: Command = {
  name: 'python3',
  aliases: ['python'],
  summary: 'Python 3.11 (in the lab: python3 -m http.server)',
  usage: 'usage: python3 -m http.server [-h] [--cgi] [--bind ADDRESS] [--directory DIRECTORY] [port]',
  man: MAN,
  completions: (words) => (words.length <= 1 ? ['-m', '--version'] : words.length === 2 ? ['http.server'] : ['--bind', '--directory', '-h']),
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === '--version' || args[0] === '-V') {
      ctx.stdout.write(VERSION + '\n');
      return 0;
    }
    if (args[0] === '--help' || args[0] === '-h') {
      ctx.stdout.write(PYTHON_HELP);
      return 0;
    }
    const module = args[0] === '-m' ? args[1] : args[0]?.startsWith('-m') ? args[0].slice(2) : undefined;
    if (module !== 'http.server') {
      ctx.stderr.write(ONLY_HTTP_SERVER);
      return 2;
    }
    const rest = args[0] === '-m' ? args.slice(2) : args.slice(1);
    const parsed = parseServerArgs(rest);
    if (!parsed.ok) return printRefusal(ctx, parsed);
    return runServer(ctx, parsed.args);
  },
};
