// `-m addrtype --src-type/--dst-type [!] TYPE[,TYPE]`; LOCAL is what Docker uses.
import type { EvalContext, Match } from '../rule.js';
import type { PacketView } from '../types.js';

export const ADDR_TYPES = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE'] as const;
export type AddrType = (typeof ADDR_TYPES)[number];

export interface TypeSpec {
  types: AddrType[];
  invert: boolean;
}

export class AddrtypeMatch implements Match {
  readonly name = 'addrtype';

  constructor(
    readonly src?: TypeSpec,
    readonly dst?: TypeSpec,
  ) {}

  test(p: PacketView, ctx: EvalContext): boolean {
    return typeMatches(this.src, p.src, ctx) && typeMatches(this.dst, p.dst, ctx);
  }

  print(): string {
    let text = ' ADDRTYPE match';
    if (this.src) text += ` src-type ${this.src.invert ? '!' : ''}${this.src.types.join(',')}`;
    if (this.dst) text += ` dst-type${this.dst.invert ? ' !' : ''} ${this.dst.types.join(',')}`;
    return text;
  }

  save(): string {
    let text = '';
    if (this.src) text += `${this.src.invert ? ' !' : ''} --src-type ${this.src.types.join(',')}`;
    if (this.dst) text += `${this.dst.invert ? ' !' : ''} --dst-type ${this.dst.types.join(',')}`;
    return text;
  }
}

function classify(ip: number, ctx: EvalContext): AddrType {
  if (ctx.isLocalAddress(ip)) return 'LOCAL';
  if (ip === 0xffffffff) return 'BROADCAST';
  if (ip >>> 28 === 0xe) return 'MULTICAST';
  return 'UNICAST';
}

function typeMatches(spec: TypeSpec | undefined, ip: number, ctx: EvalContext): boolean {
  if (!spec) return true;
  return spec.types.includes(classify(ip, ctx)) !== spec.invert;
}

// cspell:words BLACKHOLE UNSPEC XRESOLVE
