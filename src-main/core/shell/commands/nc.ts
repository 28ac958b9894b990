// nc from netcat-openbsd 1.219 (Debian): connect or listen over TCP or UDP,
// copy the terminal to the network and the network to the terminal; -z scans.
import type { Command, CommandContext } from '../command.js';
import { utf8Decoder, encodeUtf8 } from '../../base/utf8.js';
import { startAppProcess, type AppProcess, printRefusal } from '../../sim/transport/app-process.js';
import { socketErrorCode, strerror } from '../../sim/transport/errors.js';
import { lookupFailure, resolveHost } from '../../sim/transport/resolve.js';
import type { TcpSocket } from '../../sim/transport/tcp-socket.js';
import { transportOf, type Transport } from '../../sim/transport/transport.js';
import type { UdpSocket } from '../../sim/transport/udp-socket.js';
import { waitFor, type WaitClock } from '../../sim/transport/wait.js';

const USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
	  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
	  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
	  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
	  [destination] [port]
`;

const HELP = `OpenBSD netcat (Debian patchlevel 1.219-1)
${USAGE}	Command Summary:
		-4		Use IPv4
		-h		This help text
		-k		Keep inbound sockets open for multiple connects
		-l		Listen mode, for inbound connects
		-N		Shutdown the network socket after EOF on stdin
		-n		Suppress name/port resolutions
		-p port		Specify local port for remote connects
		-q secs		quit after EOF on stdin and delay of secs
		-s sourceaddr	Local source address
		-u		UDP mode
		-v		Verbose
		-w timeout	Timeout for connects and final net reads
		-z		Zero-I/O mode [used for scanning]
	Port numbers can be individual or ranges: lo-hi [inclusive]
`;

const MAN = `NC(1)

NAME
    nc - arbitrary TCP and UDP connections and listens

SYNOPSIS
    nc [-vzunNk] [-w timeout] [-s source] [-p port] destination port[-port]
    nc -l [-vuk] [-p] port

DESCRIPTION
    nc opens a TCP connection (or with -u sends UDP datagrams) to a host and
    port, then copies what you type to the network and what arrives to the
    terminal. With -l it listens on a port and does the same with the first
    client that connects. It is the simplest way to see whether a port is
    reachable and what a firewall rule or a NAT mapping does to a connection.

    -z only tests: connect, report, close. With -v it says
    "Connection to HOST PORT port [tcp/SERVICE] succeeded!", or why not:
    "nc: connect to HOST port PORT (tcp) failed: Connection refused" (a RST or an
    ICMP port unreachable came back) or "... timed out" with -w when nothing did.

OPTIONS
    -l  Listen.                -p port  Local port (the listening port with -l).
    -u  UDP.                   -z  Scan without sending data.
    -v  Say what happens.      -w secs  Give up connecting after secs.
    -n  No name lookups.       -N  Close the connection's sending side at end of input.
    -k  Keep listening after a client leaves.   -s addr  Local address.
    -q secs  Quit secs after the end of input (echo hi | nc -q 1 HOST PORT).
`;

const SERVICES: Record<string, Record<number, string>> = {
  tcp: { 21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 80: 'http', 443: 'https', 8080: 'http-alt' },
  udp: { 53: 'domain', 67: 'bootps', 68: 'bootpc', 123: 'ntp', 161: 'snmp', 514: 'syslog' },
};

interface NcOptions {
  listen: boolean;
  keep: boolean;
  udp: boolean;
  zero: boolean;
  verbose: boolean;
  numeric: boolean;
  shutdownOnEof: boolean;
  timeoutMs?: number;
  /** -q: quit this long after end of input. */
  quitAfterEofMs?: number;
  localPort?: number;
  source?: string;
  host?: string;
  ports: number[];
}

type Parsed = { ok: true; options: NcOptions } | { ok: false; status: number; stdout?: string; stderr?: string };

function parsePorts(text: string): number[] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo < 1 || hi > 65535 || lo > hi) return undefined;
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

export function parseNcArgs(argv: string[]): Parsed {
  const o: NcOptions = { listen: false, keep: false, udp: false, zero: false, verbose: false, numeric: false, shutdownOnEof: false, ports: [] };
  const positional: string[] = [];
  const WITH_ARG = new Set(['p', 'w', 's', 'q', 'i', 'I', 'M', 'm', 'O', 'P', 'T', 'V', 'W', 'X', 'x']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (WITH_ARG.has(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (value === undefined) return { ok: false, status: 1, stderr: `nc: option requires an argument -- '${c}'\n${USAGE}` };
        if (c === 'p') {
          const p = parsePorts(value);
          if (!p || p.length !== 1) return { ok: false, status: 1, stderr: `nc: port number invalid: ${value}\n` };
          o.localPort = p[0];
        } else if (c === 'w') {
          if (!/^\d+$/.test(value)) return { ok: false, status: 1, stderr: `nc: timeout invalid: ${value}\n` };
          o.timeoutMs = Number(value) * 1000;
        } else if (c === 's') {
          o.source = value;
        } else if (c === 'q') {
          if (!/^-?\d+$/.test(value)) return { ok: false, status: 1, stderr: `nc: quit timer invalid: ${value}\n` };
          if (Number(value) >= 0) o.quitAfterEofMs = Number(value) * 1000;
        }
        break;
      }
      switch (c) {
        case 'l': o.listen = true; break;
        case 'k': o.keep = true; break;
        case 'u': o.udp = true; break;
        case 'z': o.zero = true; break;
        case 'v': o.verbose = true; break;
        case 'n': o.numeric = true; break;
        case 'N': o.shutdownOnEof = true; break;
        case '4': case 'd': case 'D': case 'C': case 'F': case 'r': case 'S': case 't': case 'Z': break;
        case 'h': return { ok: false, status: 0, stdout: HELP };
        default: return { ok: false, status: 1, stderr: `nc: invalid option -- '${c}'\n${USAGE}` };
      }
    }
  }
  if (o.listen) {
    if (positional.length === 2) o.source ??= positional[0];
    const portText = positional.length > 0 ? positional[positional.length - 1] : undefined;
    if (portText !== undefined) {
      const p = parsePorts(portText);
      if (!p || p.length !== 1) return { ok: false, status: 1, stderr: `nc: port number invalid: ${portText}\n` };
      o.ports = p;
    } else if (o.localPort !== undefined) {
      o.ports = [o.localPort];
    } else {
      return { ok: false, status: 1, stderr: USAGE };
    }
    if (positional.length > 2) return { ok: false, status: 1, stderr: USAGE };
    return { ok: true, options: o };
  }
  if (positional.length < 2) return { ok: false, status: 1, stderr: USAGE };
  o.host = positional[0];
  // Several ports or ranges may follow the host: nc -zv host 22 80-81.
  for (const spec of positional.slice(1)) {
    const ports = parsePorts(spec);
    if (!ports) return { ok: false, status: 1, stderr: `nc: port range not valid\n` };
    o.ports.push(...ports);
  }
  return { ok: true, options: o };
}

class Session {
  private readonly clock: WaitClock;
  readonly transport: Transport;

  constructor(
    readonly ctx: CommandContext,
    readonly o: NcOptions,
    readonly app: AppProcess,
  ) {
    this.clock = ctx.host.world.clock;
    this.transport = transportOf(ctx.host.netns);
  }

  private service(proto: 'tcp' | 'udp', port: number): string {
    return SERVICES[proto][port] ?? '*';
  }

  wait<T>(p: Promise<T>, timeoutMs?: number) {
    return waitFor(p, { clock: this.clock, deadline: timeoutMs === undefined ? undefined : this.clock.now() + timeoutMs, interrupt: this.ctx.interrupted.promise });
  }

  /** Copies the terminal to `send` line by line until end of input. */
  private async pumpInput(send: (data: Uint8Array) => Promise<void>, stopped: () => boolean): Promise<void> {
    for (;;) {
      const line = await this.ctx.stdin.readLine();
      if (line === null || stopped()) return;
      await send(encodeUtf8(line + '\n'));
    }
  }

  /** Terminal <-> TCP connection until the peer closes (or Ctrl-C). Returns the exit status. */
  async tcpSession(sock: TcpSocket): Promise<number> {
    const decoder = utf8Decoder();
    let done = false;
    let quit: () => void = () => undefined;
    const quitting = new Promise<void>((resolve) => (quit = resolve));
    void this.pumpInput(
      (data) => sock.write(data).catch(() => undefined),
      () => done,
    ).then(() => {
      if (done) return;
      if (this.o.shutdownOnEof) sock.shutdown();
      if (this.o.quitAfterEofMs !== undefined) this.clock.setTimer(this.o.quitAfterEofMs, quit);
    });
    for (;;) {
      const r = await waitFor(sock.read(), { clock: this.clock, interrupt: Promise.race([this.ctx.interrupted.promise, quitting]) });
      if (r.kind === 'interrupted' && !this.ctx.interrupted.signalled) break; // -q expired
      if (r.kind === 'interrupted') {
        done = true;
        sock.close();
        return 130;
      }
      if (r.kind !== 'done' || r.value === null) break;
      this.ctx.stdout.write(decoder.decode(r.value, { stream: true }));
    }
    done = true;
    sock.close();
    return 0;
  }

  async connectTcp(ip: string, host: string): Promise<number> {
    // netcat exits 0 when any port of the range connected.
    let status = 1;
    for (const port of this.o.ports) {
      const r = await this.wait(
        this.transport.connect(ip, port, { owner: this.app.ref, localAddress: this.o.source }),
        this.o.timeoutMs,
      );
      if (r.kind === 'interrupted') return 130;
      if (r.kind === 'timeout') {
        this.ctx.stderr.write(`nc: connect to ${host} port ${port} (tcp) timed out: Operation now in progress\n`);
        continue;
      }
      if (r.kind === 'failed') {
        const code = socketErrorCode(r.error);
        if (!code) throw r.error;
        this.ctx.stderr.write(`nc: connect to ${host} port ${port} (tcp) failed: ${strerror(code)}\n`);
        continue;
      }
      status = 0;
      if (this.o.verbose) this.ctx.stderr.write(`Connection to ${host} ${port} port [tcp/${this.service('tcp', port)}] succeeded!\n`);
      if (this.o.zero) {
        r.value.close();
        continue;
      }
      return this.tcpSession(r.value);
    }
    return status;
  }

  async listenTcp(): Promise<number> {
    const address = this.o.source ?? '0.0.0.0';
    const port = this.o.ports[0];
    const listener = this.transport.listen(address, port, { backlog: 1, owner: this.app.ref });
    if (this.o.verbose) this.ctx.stderr.write(`Listening on ${address} ${port}\n`);
    try {
      for (;;) {
        const r = await this.wait(listener.accept());
        if (r.kind !== 'done') return 130;
        const sock = r.value;
        if (this.o.verbose) this.ctx.stderr.write(`Connection received on ${sock.remoteAddress} ${sock.remotePort}\n`);
        if (!this.o.keep) listener.close();
        const status = await this.tcpSession(sock);
        if (!this.o.keep || status === 130) return status;
      }
    } finally {
      listener.close();
    }
  }

  /** Terminal <-> UDP socket: each line is a datagram; what arrives is printed. */
  async udpSession(sock: UdpSocket): Promise<number> {
    const decoder = utf8Decoder();
    let done = false;
    void this.pumpInput(
      async (data) => {
        if (sock.remoteAddress !== undefined) {
          try {
            sock.send(data);
          } catch {
            // ICMP said nobody listens; nc carries on quietly.
          }
        }
      },
      () => done,
    );
    for (;;) {
      const r = await this.wait(sock.receive(), this.o.timeoutMs);
      if (r.kind === 'done' && r.value) {
        if (sock.remoteAddress === undefined) {
          sock.connect(r.value.from, r.value.fromPort);
          if (this.o.verbose) this.ctx.stderr.write(`Connection received on ${r.value.from} ${r.value.fromPort}\n`);
        }
        this.ctx.stdout.write(decoder.decode(r.value.data, { stream: true }));
        continue;
      }
      if (r.kind === 'failed') continue;
      done = true;
      sock.close();
      return r.kind === 'interrupted' ? 130 : 0;
    }
  }

  async connectUdp(ip: string, host: string): Promise<number> {
    for (const port of this.o.ports) {
      const sock = this.transport.bindUdp(this.o.source ?? '0.0.0.0', this.o.localPort ?? 0, this.app.ref);
      sock.connect(ip, port);
      if (this.o.zero) {
        // udptest(): a few one-byte datagrams; only an error already reported counts as failure.
        try {
          for (let i = 0; i < 4; i++) sock.send(encodeUtf8('X'));
          if (this.o.verbose) this.ctx.stderr.write(`Connection to ${host} ${port} port [udp/${this.service('udp', port)}] succeeded!\n`);
        } catch (err) {
          const code = socketErrorCode(err);
          this.ctx.stderr.write(`nc: connect to ${host} port ${port} (udp) failed: ${code ? strerror(code) : String(err)}\n`);
        }
        sock.close();
        continue;
      }
      return this.udpSession(sock);
    }
    return 0;
  }

  async listenUdp(): Promise<number> {
    const address = this.o.source ?? '0.0.0.0';
    const sock = this.transport.bindUdp(address, this.o.ports[0], this.app.ref);
    if (this.o.verbose) this.ctx.stderr.write(`Bound on ${address} ${this.o.ports[0]}\n`);
    return this.udpSession(sock);
  }
}

export const nc: Command = {
  name: 'nc',
  aliases: ['netcat'],
  summary: 'arbitrary TCP and UDP connections and listens',
  usage: USAGE.trimEnd(),
  man: MAN,
  completions: () => ['-l', '-p', '-u', '-v', '-z', '-n', '-w', '-k', '-N', '-s', '-zv', '-lvp'],
  async run(ctx) {
    const parsed = parseNcArgs(ctx.argv.slice(1));
    if (!parsed.ok) return printRefusal(ctx, parsed);
    const o = parsed.options;
    const app = startAppProcess(ctx.host.netns, ctx.host.pid, ctx.argv);
    const session = new Session(ctx, o, app);
    try {
      if (o.listen) return o.udp ? await session.listenUdp() : await session.listenTcp();
      const hosts = ctx.fs.readFile('/etc/hosts');
      const ip = resolveHost(o.host!, typeof hosts === 'string' ? hosts : undefined, ctx.host.netns);
      if (!ip) {
        ctx.stderr.write(`nc: getaddrinfo for host "${o.host}" port ${o.ports[0]}: ${o.numeric ? 'Name or service not known' : lookupFailure(ctx.host.netns)}\n`);
        return 1;
      }
      return o.udp ? await session.connectUdp(ip, o.host!) : await session.connectTcp(ip, o.host!);
    } catch (err) {
      const code = socketErrorCode(err);
      if (!code) throw err;
      // bind() failures: nc reports them as its own error line.
      ctx.stderr.write(`nc: ${code === 'EADDRINUSE' ? 'Address already in use' : strerror(code)}\n`);
      return 1;
    } finally {
      app.exit();
    }
  },
};
