// The pcap filter language (pcap-filter(7)) for the protocols the lab has:
// ether/ip/arp/tcp/udp/icmp, host/net/port/portrange with src/dst, and/or/not,
// parentheses, qualifier reuse (`host a or b` = `host a or host b`) and
// relations over packet bytes (`tcp[tcpflags] & tcp-syn != 0`, `icmp[icmptype] == icmp-echo`).
import { inSubnet, ipToInt, isValidIpv4, type Ipv4 } from '../../sim/wire/addr.js';
import type { EthernetFrame } from '../../sim/wire/packet.js';
import { ETH_P_ARP, ETH_P_IP } from '../../sim/wire/packet.js';
import { encodeFrame, encodeIpv4 } from '../../sim/wire/encode.js';
import { decodeIpv4 } from '../../sim/wire/decode.js';

export type FrameFilter = (frame: EthernetFrame) => boolean;

export class FilterSyntaxError extends Error {}

type Proto = 'ether' | 'ip' | 'arp' | 'tcp' | 'udp' | 'icmp';
type Dir = 'src' | 'dst' | 'src or dst' | 'src and dst';
type Kind = 'host' | 'net' | 'port' | 'portrange';

interface Qualifiers {
  proto?: Proto;
  dir?: Dir;
  kind?: Kind;
}

const PROTOS = new Set(['ether', 'ip', 'arp', 'tcp', 'udp', 'icmp']);
const KINDS = new Set(['host', 'net', 'port', 'portrange']);
const SERVICES: Record<string, number> = { http: 80, https: 443, ssh: 22, domain: 53, telnet: 23, ftp: 21, smtp: 25, ntp: 123 };

/** Splits a filter into tokens: words, parentheses and the operators !, &&, ||. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(\(|\)|&&|\|\||!=|!|==|<=|>=|[&|=<>]|[^\s()!&|=<>]+)/y;
  let end = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    tokens.push(m[1]);
    end = re.lastIndex;
  }
  if (end < text.trimEnd().length) throw new FilterSyntaxError('syntax error');
  return tokens;
}

/** Compiles a filter expression; an empty expression matches everything. Throws FilterSyntaxError. */
export function compileFilter(text: string): FrameFilter {
  const tokens = tokenize(text.trim());
  if (tokens.length === 0) return () => true;
  let pos = 0;
  let last: Qualifiers = {};
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];

  const orExpr = (): FrameFilter => {
    let left = andExpr();
    while (peek() === 'or' || peek() === '||') {
      next();
      const a = left;
      const b = andExpr();
      left = (f) => a(f) || b(f);
    }
    return left;
  };
  const andExpr = (): FrameFilter => {
    let left = notExpr();
    while (peek() === 'and' || peek() === '&&') {
      next();
      const a = left;
      const b = notExpr();
      left = (f) => a(f) && b(f);
    }
    return left;
  };
  const notExpr = (): FrameFilter => {
    if (peek() === 'not' || peek() === '!') {
      next();
      const inner = notExpr();
      return (f) => !inner(f);
    }
    if (peek() === '(') {
      next();
      const inner = orExpr();
      if (next() !== ')') throw new FilterSyntaxError('syntax error');
      return inner;
    }
    return primitive();
  };

  const primitive = (): FrameFilter => {
    if (peek() !== undefined && isOperand(peek()) && RELATIONS.has(tokens[pos + 1] ?? '')) return relation();
    if (peek() !== undefined && ACCESSOR.test(peek())) return relation();
    const q: Qualifiers = {};
    let sawQualifier = false;
    if (peek() !== undefined && PROTOS.has(peek())) {
      q.proto = next() as Proto;
      sawQualifier = true;
    }
    if (peek() === 'src' || peek() === 'dst') {
      let dir = next() as Dir;
      if ((peek() === 'or' || peek() === 'and') && (tokens[pos + 1] === 'src' || tokens[pos + 1] === 'dst')) {
        dir = `src ${next()} dst` as Dir;
        next();
      }
      q.dir = dir;
      sawQualifier = true;
    }
    if (peek() !== undefined && KINDS.has(peek())) {
      q.kind = next() as Kind;
      sawQualifier = true;
    }
    if (q.proto === 'ip' && peek() === 'proto') {
      next();
      return ipProto(next());
    }
    if (peek() === 'proto' && !sawQualifier) {
      next();
      return ipProto(next());
    }
    const id = peek();
    const isValue = id !== undefined && !['and', 'or', '&&', '||', ')', 'not', '!'].includes(id);
    if (!isValue) {
      if (q.proto && !q.dir && !q.kind) return protoOnly(q.proto);
      throw new FilterSyntaxError('syntax error');
    }
    if (!sawQualifier) {
      // A bare value reuses the previous primitive's qualifiers.
      if (!last.kind && !last.dir) throw new FilterSyntaxError('syntax error');
      Object.assign(q, last);
    }
    next();
    q.kind ??= 'host';
    last = { ...q };
    if (q.kind === 'net' && peek() === 'mask') {
      next();
      return value(q, `${id}/${maskLength(next())}`);
    }
    return value(q, id);
  };

  /** `operand [& | operand]... OP operand [& | operand]...` over packet bytes and constants. */
  const arith = (): Operand => {
    let left = operand(next());
    while (peek() === '&' || peek() === '|') {
      const op = next();
      const a = left;
      const b = operand(next());
      left = op === '&' ? (f) => both(a(f), b(f), (x, y) => x & y) : (f) => both(a(f), b(f), (x, y) => x | y);
    }
    return left;
  };
  const relation = (): FrameFilter => {
    const left = arith();
    const op = next();
    if (op === undefined || !RELATIONS.has(op)) throw new FilterSyntaxError('syntax error');
    const right = arith();
    const compare = RELATIONS.get(op)!;
    return (f) => {
      const [a, b] = [left(f), right(f)];
      return a !== undefined && b !== undefined && compare(a >>> 0, b >>> 0);
    };
  };

  const result = orExpr();
  if (pos !== tokens.length) throw new FilterSyntaxError('syntax error');
  return result;
}

function maskLength(mask: string | undefined): number {
  if (!mask || !isValidIpv4(mask)) throw new FilterSyntaxError('syntax error');
  const bits = ipToInt(mask).toString(2);
  if (!/^1*0*$/.test(bits.padStart(32, '0'))) throw new FilterSyntaxError('syntax error');
  return bits.replace(/0/g, '').length;
}

function ipProto(name: string | undefined): FrameFilter {
  const num = name === 'icmp' ? 1 : name === 'tcp' ? 6 : name === 'udp' ? 17 : Number(name);
  if (!Number.isInteger(num) || num < 0 || num > 255) throw new FilterSyntaxError('syntax error');
  return (f) => f.payload.kind === 'ipv4' && f.payload.protocol === num;
}

function protoOnly(proto: Proto): FrameFilter {
  switch (proto) {
    case 'ether':
      throw new FilterSyntaxError('syntax error');
    case 'ip':
      return (f) => f.etherType === ETH_P_IP;
    case 'arp':
      return (f) => f.etherType === ETH_P_ARP;
    case 'icmp':
      return (f) => f.payload.kind === 'ipv4' && f.payload.protocol === 1;
    case 'tcp':
      return (f) => f.payload.kind === 'ipv4' && f.payload.protocol === 6;
    case 'udp':
      return (f) => f.payload.kind === 'ipv4' && f.payload.protocol === 17;
  }
}

function combineDir(dir: Dir | undefined, src: boolean, dst: boolean): boolean {
  switch (dir) {
    case 'src':
      return src;
    case 'dst':
      return dst;
    case 'src and dst':
      return src && dst;
    default:
      return src || dst;
  }
}

function value(q: Qualifiers, id: string): FrameFilter {
  const dir = q.dir;
  if (q.kind === 'port' || q.kind === 'portrange') {
    if (q.proto && q.proto !== 'tcp' && q.proto !== 'udp') throw new FilterSyntaxError(`illegal qualifier of 'port'`);
    const [lo, hi] = portRange(id, q.kind === 'portrange');
    const proto = q.proto;
    return (f) => {
      const p = f.payload;
      if (p.kind !== 'ipv4') return false;
      // Only a first fragment carries the ports (as in pcap's compiled filters).
      const t = p.fragment ? (p.fragment.offset === 0 ? decodeIpv4(encodeIpv4(p))?.payload : undefined) : p.payload;
      if (!t || (t.kind !== 'tcp' && t.kind !== 'udp')) return false;
      if (proto && t.kind !== proto) return false;
      return combineDir(dir, t.srcPort >= lo && t.srcPort <= hi, t.dstPort >= lo && t.dstPort <= hi);
    };
  }
  if (q.proto === 'ether') {
    const mac = id.toLowerCase();
    if (!/^([0-9a-f]{1,2}:){5}[0-9a-f]{1,2}$/.test(mac)) throw new FilterSyntaxError('syntax error');
    const norm = mac
      .split(':')
      .map((b) => b.padStart(2, '0'))
      .join(':');
    return (f) => combineDir(dir, f.src === norm, f.dst === norm);
  }
  const [network, prefixLen] = q.kind === 'net' ? netValue(id) : hostValue(id);
  const match = (ip: Ipv4) => inSubnet(ip, network, prefixLen);
  const proto = q.proto;
  return (f) => {
    const p = f.payload;
    if (p.kind === 'ipv4') {
      if (proto === 'arp') return false;
      if (proto && proto !== 'ip' && p.payload.kind !== proto) return false;
      return combineDir(dir, match(p.src), match(p.dst));
    }
    if (p.kind === 'arp' && (!proto || proto === 'arp')) return combineDir(dir, match(p.senderIp), match(p.targetIp));
    return false;
  };
}

function hostValue(id: string): [Ipv4, number] {
  if (!isValidIpv4(id)) throw new FilterSyntaxError(`unknown host '${id}'`);
  return [id, 32];
}

/** `net 172.17`, `net 172.17.0.0/16`. */
function netValue(id: string): [Ipv4, number] {
  const [addr, len] = id.split('/');
  const parts = addr.split('.');
  if (parts.length > 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) throw new FilterSyntaxError('syntax error');
  while (parts.length < 4) parts.push('0');
  const prefix = len === undefined ? addr.split('.').length * 8 : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new FilterSyntaxError('syntax error');
  const network = parts.join('.');
  if ((ipToInt(network) & ~(prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0)) !== 0) throw new FilterSyntaxError('non-network bits set in "' + id + '"');
  return [network, prefix];
}

function portRange(id: string, range: boolean): [number, number] {
  const one = (s: string): number => {
    const n = /^\d+$/.test(s) ? Number(s) : SERVICES[s];
    if (n === undefined || n > 65535) throw new FilterSyntaxError(/^\d+$/.test(s) ? `illegal port number ${s} > 65535` : `unknown port '${s}'`);
    return n;
  };
  if (range) {
    const m = /^(\w+)-(\w+)$/.exec(id);
    if (!m) throw new FilterSyntaxError('syntax error');
    return [one(m[1]), one(m[2])];
  }
  const p = one(id);
  return [p, p];
}

/** A value a relation compares: a constant, or bytes of the frame (undefined when the frame has no such header). */
type Operand = (frame: EthernetFrame) => number | undefined;

const RELATIONS = new Map<string, (a: number, b: number) => boolean>([
  ['=', (a, b) => a === b],
  ['==', (a, b) => a === b],
  ['!=', (a, b) => a !== b],
  ['<', (a, b) => a < b],
  ['>', (a, b) => a > b],
  ['<=', (a, b) => a <= b],
  ['>=', (a, b) => a >= b],
]);

/** pcap-filter's named offsets and values. */
const CONSTANTS: Record<string, number> = {
  tcpflags: 13,
  'tcp-fin': 0x01,
  'tcp-syn': 0x02,
  'tcp-rst': 0x04,
  'tcp-push': 0x08,
  'tcp-ack': 0x10,
  'tcp-urg': 0x20,
  'tcp-ece': 0x40,
  'tcp-cwr': 0x80,
  icmptype: 0,
  icmpcode: 1,
  'icmp-echoreply': 0,
  'icmp-unreach': 3,
  'icmp-sourcequench': 4,
  'icmp-redirect': 5,
  'icmp-echo': 8,
  'icmp-routeradvert': 9,
  'icmp-routersolicit': 10,
  'icmp-timxceed': 11,
  'icmp-paramprob': 12,
  'icmp-tstamp': 13,
  'icmp-tstampreply': 14,
  'icmp-ireq': 15,
  'icmp-ireqreply': 16,
  'icmp-maskreq': 17,
  'icmp-maskreply': 18,
};

/** `proto[offset]` or `proto[offset:size]`, one token as typed without spaces. */
const ACCESSOR = /^(ether|ip|arp|tcp|udp|icmp)\[([^\]:]+)(?::([124]))?\]$/;

const constant = (word: string): number | undefined => (/^(0x[0-9a-f]+|\d+)$/i.test(word) ? Number(word) : CONSTANTS[word]);

const isOperand = (word: string): boolean => ACCESSOR.test(word) || constant(word) !== undefined;

const both = (a: number | undefined, b: number | undefined, op: (x: number, y: number) => number): number | undefined =>
  a === undefined || b === undefined ? undefined : op(a, b) >>> 0;

function operand(word: string | undefined): Operand {
  if (word === undefined) throw new FilterSyntaxError('syntax error');
  const value = constant(word);
  if (value !== undefined) return () => value;
  const m = ACCESSOR.exec(word);
  if (!m) throw new FilterSyntaxError('syntax error');
  const offset = constant(m[2]!);
  if (offset === undefined) throw new FilterSyntaxError('syntax error');
  const size = Number(m[3] ?? 1);
  const proto = m[1] as Proto;
  return (f) => {
    const located = headerBytes(f, proto);
    if (!located) return undefined;
    const [bytes, start] = located;
    const at = start + offset;
    if (at + size > bytes.length) return undefined;
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + bytes[at + i]!;
    return n;
  };
}

const PROTOCOL_NUMBERS: Partial<Record<Proto, number>> = { icmp: 1, tcp: 6, udp: 17 };

/** The frame's bytes and where the protocol's header starts in them, if the frame carries it. */
function headerBytes(f: EthernetFrame, proto: Proto): [Uint8Array, number] | undefined {
  if (proto === 'ether') return [encodeFrame(f), 0];
  if (proto === 'arp') return f.payload.kind === 'arp' ? [encodeFrame(f), 14] : undefined;
  const p = f.payload;
  if (p.kind !== 'ipv4') return undefined;
  const bytes = encodeIpv4(p);
  if (proto === 'ip') return [bytes, 0];
  // Transport headers: in a first (or only) fragment of that protocol.
  if (p.protocol !== PROTOCOL_NUMBERS[proto] || (p.fragment && p.fragment.offset !== 0)) return undefined;
  return [bytes, (bytes[0]! & 0x0f) * 4];
}
