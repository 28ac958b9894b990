// ss from iproute2 6.1: the namespace's TCP and UDP sockets in ss's columns,
// laid out by its renderer (content-sized columns, spare width shared out on
// a terminal, compact when piped).
import type { Command } from '../command.js';
import { transportOf, type SocketEntry, type SsState } from '../../sim/transport/transport.js';
import { printRefusal } from '../../sim/transport/app-process.js';

const USAGE = `Usage: ss [ OPTIONS ]
       ss [ OPTIONS ] [ FILTER ]
   -h, --help          this message
   -V, --version       output version information
   -n, --numeric       don't resolve service names
   -r, --resolve       resolve host names
   -a, --all           display all sockets
   -l, --listening     display listening sockets
   -p, --processes     show process using socket
   -H, --no-header     Suppress header line
   -s, --summary       show socket usage summary

   -4, --ipv4          display only IP version 4 sockets
   -6, --ipv6          display only IP version 6 sockets
   -t, --tcp           display only TCP sockets
   -u, --udp           display only UDP sockets
   -x, --unix          display only Unix domain sockets
`;

const MAN = `SS(8)

NAME
    ss - another utility to investigate sockets

SYNOPSIS
    ss [-tulnpaH46] [state STATE] [exclude STATE] [FILTER]

DESCRIPTION
    ss lists the sockets of the network namespace it runs in: a container sees
    its own sockets, the Docker host its own (docker-proxy's listeners among them).
    By default it shows connected sockets (not listening ones); -l shows only
    listening sockets, -a both.

    Columns: State (LISTEN, ESTAB, TIME-WAIT, ...; UNCONN for UDP), Recv-Q and
    Send-Q (for a listener: connections waiting to be accepted and the backlog;
    otherwise bytes not yet read and bytes not yet acknowledged), Local and Peer
    Address:Port (0.0.0.0 means every address; * an unset port), and with -p the
    owning process as users:(("name",pid=N,fd=N)).

OPTIONS
    -t  TCP sockets.          -u  UDP sockets.
    -l  Listening sockets.    -a  All sockets (listening and not).
    -n  Numeric ports (no service names such as http).
    -p  Show the process holding each socket.
    -H  No header line.
    -s  Summary: how many sockets of each kind, TCP ones by state.

FILTERS
    state established, state listening, state time-wait, exclude listening, ...
    (one state drops the State column). Expressions: sport = :80, dport = :http,
    src 172.17.0.2, dst 172.17.0.0/16, dst 172.17.0.5:80, combined with and, or,
    not and parentheses: ss -tn '( dport = :80 or sport = :80 )'.
`;

/** /etc/services names ss prints without -n. */
const SERVICES: Record<string, Record<number, string>> = {
  tcp: { 21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 80: 'http', 110: 'pop3', 143: 'imap2', 443: 'https', 3306: 'mysql', 5432: 'postgresql', 6379: 'redis', 8080: 'http-alt' },
  udp: { 53: 'domain', 67: 'bootps', 68: 'bootpc', 123: 'ntp', 161: 'snmp', 514: 'syslog', 5353: 'mdns' },
};

type Align = 'left' | 'right';

interface Column {
  header: string;
  align: Align;
  ldelim: string;
  disabled: boolean;
  width: number;
  maxLen: number;
}

function columns(): Column[] {
  const c = (header: string, align: Align, ldelim: string): Column => ({ header, align, ldelim, disabled: false, width: 0, maxLen: 0 });
  return [
    c('Netid', 'left', ''),
    c('State', 'left', ' '),
    c('Recv-Q', 'left', ' '),
    c('Send-Q', 'left', ' '),
    c('Local Address:', 'right', ' '),
    c('Port', 'left', ''),
    c('Peer Address:', 'right', ' '),
    c('Port', 'left', ''),
    c('Process', 'left', ''),
    c('', 'left', ''),
  ];
}

/** render_calc_width: content widths, then (on a terminal) spare width spread over each line's columns. */
function calcWidths(cols: Column[], screenWidth: number | undefined): void {
  let first = true;
  for (const c of cols) {
    if (c.disabled) continue;
    c.width = !first && c.maxLen ? c.maxLen + c.ldelim.length : c.maxLen;
    if (screenWidth !== undefined) c.width = Math.min(c.width, screenWidth);
    if (c.width) first = false;
  }
  if (screenWidth === undefined) return;
  let len = 0;
  let lineCols = 0;
  let eol = -1;
  for (let i = 0; i < cols.length; i++) {
    if (!cols[i].width) continue;
    lineCols++;
    len += cols[i].width;
    const last = !cols.slice(i + 1).some((c) => c.width);
    if (!last && len < screenWidth) continue;
    if (len !== screenWidth) {
      if (len > screenWidth) {
        len -= cols[i].width;
        i--;
        lineCols--;
      }
      const pad = screenWidth - len;
      const spacing = lineCols > 0 ? Math.floor(pad / lineCols) : 0;
      let rem = lineCols > 0 ? pad % lineCols : 0;
      for (let j = i; j > eol; j--) {
        if (!cols[j].width) continue;
        cols[j].width += spacing;
        if (rem) {
          cols[j].width++;
          rem--;
        }
      }
    }
    eol = i;
    len = 0;
    lineCols = 0;
  }
}

/** render(): the header (when shown) and the sockets' rows of tokens, one per enabled column. */
function render(cols: Column[], header: string[] | undefined, sockets: string[][], screenWidth: number | undefined): string {
  const enabled = cols.filter((c) => !c.disabled);
  const rows = header ? [header, ...sockets] : sockets;
  // ss counts a token into its column's width when it moves on to the next field, and it never moves
  // past the last socket's Process token: that one hangs past the column instead of widening it.
  const unflushed = sockets.at(-1);
  for (const row of rows) {
    row.forEach((token, i) => {
      if (row === unflushed && enabled[i].header === 'Process') return;
      enabled[i].maxLen = Math.max(enabled[i].maxLen, token.length);
    });
  }
  calcWidths(cols, screenWidth);
  let out = '';
  for (const row of rows) {
    row.forEach((token, i) => {
      const f = enabled[i];
      let printed = 0;
      if (i > 0) {
        out += f.ldelim;
        printed = f.ldelim.length;
      }
      if (f.width && f.align === 'right') {
        const s = f.width - token.length - printed;
        if (s > 0) {
          out += ' '.repeat(s);
          printed += s;
        }
      }
      out += token;
      printed += token.length;
      if (f.width && f.align === 'left') {
        const s = f.width - printed;
        if (s > 0) out += ' '.repeat(s);
      }
    });
    out += '\n';
  }
  return out;
}

const ALL_STATES: readonly SsState[] = ['ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'UNCONN', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING'];
/** ss's SS_CONN: what it shows without -l or -a. */
const CONNECTED: readonly SsState[] = ALL_STATES.filter((st) => !['LISTEN', 'UNCONN', 'TIME-WAIT', 'SYN-RECV'].includes(st));

/** scan_state(): names `state` and `exclude` take. */
function statesNamed(name: string): readonly SsState[] | undefined {
  const n = name.toLowerCase();
  const single: Record<string, SsState> = {
    established: 'ESTAB', 'syn-sent': 'SYN-SENT', 'syn-recv': 'SYN-RECV', 'syn-rcv': 'SYN-RECV', 'fin-wait-1': 'FIN-WAIT-1',
    'fin-wait-2': 'FIN-WAIT-2', 'time-wait': 'TIME-WAIT', closed: 'UNCONN', close: 'UNCONN', unconnected: 'UNCONN',
    'close-wait': 'CLOSE-WAIT', 'last-ack': 'LAST-ACK', listening: 'LISTEN', closing: 'CLOSING',
  };
  if (single[n]) return [single[n]];
  if (n === 'all') return ALL_STATES;
  if (n === 'connected') return ALL_STATES.filter((st) => st !== 'UNCONN' && st !== 'LISTEN');
  if (n === 'synchronized') return ALL_STATES.filter((st) => !['UNCONN', 'LISTEN', 'SYN-SENT'].includes(st));
  if (n === 'bucket') return ['SYN-RECV', 'TIME-WAIT'];
  if (n === 'big') return ALL_STATES.filter((st) => st !== 'SYN-RECV' && st !== 'TIME-WAIT');
  return undefined;
}

/** A parsed filter expression: `dport = :80`, `src 172.17.0.2`, `and`, `or`, `not`, parentheses. */
type Filter = (e: SocketEntry) => boolean;

const PORT_NAMES: Record<string, number> = { http: 80, https: 443, ssh: 22, domain: 53, ftp: 21, smtp: 25, telnet: 23, 'http-alt': 8080 };

function parseFilter(tokens: string[]): Filter | string {
  let i = 0;
  const peek = () => tokens[i];
  const expr = (): Filter | string => {
    let left = term();
    while (typeof left !== 'string' && (peek() === 'or' || peek() === '||')) {
      i++;
      const right = term();
      if (typeof right === 'string') return right;
      const l = left;
      left = (e) => l(e) || right(e);
    }
    return left;
  };
  const term = (): Filter | string => {
    let left = factor();
    while (typeof left !== 'string' && peek() !== undefined && peek() !== ')' && peek() !== 'or' && peek() !== '||') {
      if (peek() === 'and' || peek() === '&&') i++;
      const right = factor();
      if (typeof right === 'string') return right;
      const l = left;
      left = (e) => l(e) && right(e);
    }
    return left;
  };
  const factor = (): Filter | string => {
    const t = tokens[i++];
    if (t === undefined) return 'ss: syntax error in filter';
    if (t === 'not' || t === '!') {
      const f = factor();
      return typeof f === 'string' ? f : (e) => !f(e);
    }
    if (t === '(') {
      const f = expr();
      if (tokens[i++] !== ')') return 'ss: syntax error in filter';
      return f;
    }
    if (t === 'sport' || t === 'dport') {
      let op = tokens[i++];
      let value = tokens[i++];
      if (op?.startsWith(':')) {
        value = op;
        op = '=';
      }
      const port = value?.startsWith(':') ? (PORT_NAMES[value.slice(1)] ?? Number(value.slice(1))) : NaN;
      if (!Number.isInteger(port)) return `ss: wrong port "${value ?? ''}" in filter`;
      const cmp: Record<string, (a: number) => boolean> = {
        '=': (a) => a === port, '==': (a) => a === port, eq: (a) => a === port,
        '!=': (a) => a !== port, ne: (a) => a !== port, neq: (a) => a !== port,
        '>': (a) => a > port, gt: (a) => a > port, '<': (a) => a < port, lt: (a) => a < port,
        '>=': (a) => a >= port, ge: (a) => a >= port, '<=': (a) => a <= port, le: (a) => a <= port,
      };
      const test = cmp[op ?? ''];
      if (!test) return 'ss: syntax error in filter';
      return t === 'sport' ? (e) => test(e.localPort) : (e) => test(e.remotePort);
    }
    if (t === 'src' || t === 'dst') {
      let value = tokens[i++];
      if (value === '=' || value === '==' || value === 'eq') value = tokens[i++];
      if (value === undefined) return 'ss: syntax error in filter';
      const m = /^(\*|[\d.]+)?(?:\/(\d+))?(?::(\*|\d+|[a-z-]+))?$/.exec(value);
      if (!m) return `ss: wrong address "${value}" in filter`;
      const [, addr, len, portText] = m;
      const wantPort = portText === undefined || portText === '*' ? undefined : (PORT_NAMES[portText] ?? Number(portText));
      const bits = len === undefined ? 32 : Number(len);
      const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
      const matchAddr = (ip: string) =>
        addr === undefined || addr === '*' || Math.floor(toInt(ip) / 2 ** (32 - bits)) === Math.floor(toInt(addr) / 2 ** (32 - bits));
      return t === 'src'
        ? (e) => matchAddr(e.localAddress) && (wantPort === undefined || e.localPort === wantPort)
        : (e) => matchAddr(e.remoteAddress) && (wantPort === undefined || e.remotePort === wantPort);
    }
    return `ss: unknown filter "${t}"`;
  };
  const f = expr();
  if (typeof f !== 'string' && i < tokens.length) return 'ss: syntax error in filter';
  return f;
}

interface SsOptions {
  tcp: boolean;
  udp: boolean;
  /** -x: Unix domain sockets. */
  unix: boolean;
  listening: boolean;
  all: boolean;
  /** From `state` / `exclude` words. */
  states?: Set<SsState>;
  filter?: Filter;
  numeric: boolean;
  processes: boolean;
  header: boolean;
  /** -s: the summary first; alone, only the summary. */
  summary: boolean;
  /** Any option or filter that selects sockets (with -s, the list follows the summary). */
  selective: boolean;
  ipv6Only: boolean;
}

type Parsed = { ok: true; options: SsOptions } | { ok: false; status: number; stdout?: string; stderr?: string };

const LONG: Record<string, string> = {
  '--tcp': 't',
  '--udp': 'u',
  '--unix': 'x',
  '--listening': 'l',
  '--all': 'a',
  '--numeric': 'n',
  '--processes': 'p',
  '--no-header': 'H',
  '--ipv4': '4',
  '--ipv6': '6',
  '--resolve': 'r',
  '--help': 'h',
  '--version': 'V',
  '--extended': 'e',
  '--options': 'o',
  '--summary': 's',
};

export function parseSsArgs(args: string[]): Parsed {
  const o: SsOptions = { tcp: false, udp: false, unix: false, listening: false, all: false, numeric: false, processes: false, header: true, ipv6Only: false, summary: false, selective: false };
  const flags: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const f = LONG[a];
      if (!f) return { ok: false, status: 255, stderr: `ss: unrecognized option '${a}'\n${USAGE}` };
      flags.push(f);
    } else if (a.startsWith('-') && a.length > 1) {
      flags.push(...a.slice(1));
    } else {
      break;
    }
  }
  // STATE-FILTER words, then the expression.
  while (args[i] === 'state' || args[i] === 'exclude' || args[i] === 'excl') {
    const word = args[i];
    const named = args[i + 1] === undefined ? undefined : statesNamed(args[i + 1]);
    if (!named) return { ok: false, status: 255, stderr: `ss: wrong state name: ${args[i + 1] ?? ''}\n` };
    if (word === 'state') {
      o.states ??= new Set();
      for (const st of named) o.states.add(st);
    } else {
      o.states ??= new Set(ALL_STATES);
      for (const st of named) o.states.delete(st);
    }
    i += 2;
  }
  if (i < args.length) {
    const tokens = args.slice(i).flatMap((a) => a.replace(/([()])/g, ' $1 ').split(/\s+/)).filter(Boolean);
    const f = parseFilter(tokens);
    if (typeof f === 'string') return { ok: false, status: 255, stderr: `${f}\n` };
    o.filter = f;
  }
  o.selective = flags.some((f) => 'tula46x'.includes(f)) || i < args.length;
  for (const f of flags) {
    switch (f) {
      case 't': o.tcp = true; break;
      case 'u': o.udp = true; break;
      case 'x': o.unix = true; break;
      case 'l': o.listening = true; o.all = false; break;
      case 'a': o.all = true; o.listening = false; break;
      case 'n': o.numeric = true; break;
      case 'p': o.processes = true; break;
      case 'H': o.header = false; break;
      case 's': o.summary = true; break;
      case '4': break;
      case '6': o.ipv6Only = true; break;
      case 'r': case 'e': case 'o': break;
      case 'h': return { ok: false, status: 0, stdout: USAGE };
      case 'V': return { ok: false, status: 0, stdout: 'ss utility, iproute2-6.1.0\n' };
      default: return { ok: false, status: 255, stderr: `ss: invalid option -- '${f}'\n${USAGE}` };
    }
  }
  return { ok: true, options: o };
}

/** States shown: ss's SS_CONN by default, LISTEN and UNCONN with -l, everything with -a. */
/** The states shown: `state`/`exclude` words, else -a (all), -l (LISTEN and UNCONN), else ss's SS_CONN. */
function shownStates(o: SsOptions): ReadonlySet<SsState> {
  if (o.states) return o.states;
  if (o.all) return new Set(ALL_STATES);
  if (o.listening) return new Set<SsState>(['LISTEN', 'UNCONN']);
  return new Set(CONNECTED);
}

/** print_summary(): counts from the socket tables (this lab has no raw sockets or fragments). */
function summary(entries: SocketEntry[]): string {
  const tcp = entries.filter((e) => e.proto === 'tcp');
  const udp = entries.filter((e) => e.proto === 'udp').length;
  const count = (state: SsState) => tcp.filter((e) => e.state === state).length;
  const orphaned = tcp.filter((e) => e.orphaned).length;
  const row = (name: string, total: number, ip: number) => `${name}\t  ${String(total).padEnd(9)} ${String(ip).padEnd(9)} ${'0'.padEnd(9)}\n`;
  return (
    `Total: ${entries.length}\n` +
    `TCP:   ${tcp.length} (estab ${count('ESTAB')}, closed 0, orphaned ${orphaned}, timewait ${count('TIME-WAIT')})\n\n` +
    'Transport Total     IP        IPv6\n' +
    row('RAW', 0, 0) +
    row('UDP', udp, udp) +
    row('TCP', tcp.length - count('TIME-WAIT'), tcp.length - count('TIME-WAIT')) +
    row('INET', udp + tcp.length - count('TIME-WAIT'), udp + tcp.length - count('TIME-WAIT')) +
    row('FRAG', 0, 0) +
    '\n'
  );
}

export const ss: Command = {
  name: 'ss',
  summary: 'another utility to investigate sockets',
  usage: 'Usage: ss [ OPTIONS ]',
  man: MAN,
  completions: () => ['-t', '-u', '-l', '-a', '-n', '-p', '-H', '-tlnp', '-tunap', '--tcp', '--udp', '--listening', '--all', '--numeric', '--processes'],
  async run(ctx) {
    const parsed = parseSsArgs(ctx.argv.slice(1));
    if (!parsed.ok) return printRefusal(ctx, parsed);
    const o = parsed.options;
    const ns = ctx.host.netns;
    if (o.summary) {
      ctx.stdout.write(summary(transportOf(ns).entries()));
      if (!o.selective) return 0;
    }
    // Unix sockets: the simulated hosts have none, so -x lists only its header.
    const inetDefault = !o.tcp && !o.udp && !o.unix;
    const showTcp = o.tcp || inetDefault;
    const showUdp = o.udp || inetDefault;
    const cols = columns();
    // The Netid column names the socket table; ss leaves it out when only one is listed (-x lists three).
    cols[0].disabled = !o.unix && showTcp !== showUdp;
    const states = shownStates(o);
    // One state asked for: its name would repeat on every line, so ss leaves the column out.
    cols[1].disabled = states.size === 1;
    const rows: string[][] = [];
    const keep = (tokens: string[]) => tokens.filter((_, i) => !cols[i].disabled);
    const header = o.header ? keep([...cols.slice(0, 9).map((c) => c.header), '']) : undefined;
    const entries = o.ipv6Only ? [] : transportOf(ns).entries().filter((e) => states.has(e.state) && (o.filter?.(e) ?? true));
    const port = (e: SocketEntry, p: number) => (p === 0 ? '*' : !o.numeric && (SERVICES[e.proto][p] ?? '')) || String(p);
    // ss prints UDP sockets before TCP ones.
    const ordered = [...(showUdp ? entries.filter((e) => e.proto === 'udp') : []), ...(showTcp ? entries.filter((e) => e.proto === 'tcp') : [])];
    for (const e of ordered) {
      const users = o.processes && e.owners.length ? ` users:(${e.owners.map((u) => `("${u.command}",pid=${u.pid},fd=${u.fd})`).join(',')})` : '';
      rows.push(
        keep([
          e.proto,
          e.state satisfies SsState,
          String(e.recvQ).padEnd(6),
          String(e.sendQ).padEnd(6),
          `${e.localAddress}:`,
          port(e, e.localPort),
          `${e.remoteAddress}:`,
          port(e, e.remotePort),
          users,
          '',
        ]),
      );
    }
    const screen = ctx.stdout.isTTY && ctx.terminal.isTTY ? ctx.terminal.cols : undefined;
    ctx.stdout.write(render(cols, header, rows, screen));
    return 0;
  },
};
