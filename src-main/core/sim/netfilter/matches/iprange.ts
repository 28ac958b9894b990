// `-m iprange --src-range/--dst-range A-B`.
import { numberToIp } from '../addr.js';
import type { Match } from '../rule.js';
import type { PacketView } from '../types.js';

export interface Range {
  from: number;
  to: number;
  invert: boolean;
}

export class IprangeMatch implements Match {
  readonly name = 'iprange';

  constructor(
    readonly src?: Range,
    readonly dst?: Range,
  ) {}

  test(p: PacketView): boolean {
    const within = (r: Range | undefined, ip: number) => !r || (ip >= r.from && ip <= r.to) !== r.invert;
    return within(this.src, p.src) && within(this.dst, p.dst);
  }

  print(): string {
    const part = (label: string, r: Range | undefined) => (r ? ` ${label} IP range${r.invert ? ' !' : ''} ${numberToIp(r.from)}-${numberToIp(r.to)}` : '');
    return part('source', this.src) + part('destination', this.dst);
  }

  save(): string {
    const part = (flag: string, r: Range | undefined) => (r ? `${r.invert ? ' !' : ''} ${flag} ${numberToIp(r.from)}-${numberToIp(r.to)}` : '');
    return part('--src-range', this.src) + part('--dst-range', this.dst);
  }
}

// cspell:words Iprange iprange
