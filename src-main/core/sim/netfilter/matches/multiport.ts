// `-m multiport --dports/--sports/--ports a,b,c:d` (up to 15 ports).
import type { Match } from '../rule.js';
import type { PacketView } from '../types.js';
import { serviceName } from './services.js';

export interface PortItem {
  min: number;
  max: number;
}

export class MultiportMatch implements Match {
  readonly name = 'multiport';

  constructor(
    readonly which: 'dports' | 'sports' | 'ports',
    readonly items: PortItem[],
    readonly invert: boolean,
  ) {}

  test(p: PacketView): boolean {
    const inList = (port: number | undefined) => port !== undefined && this.items.some((i) => port >= i.min && port <= i.max);
    const hit = this.which === 'dports' ? inList(p.dport) : this.which === 'sports' ? inList(p.sport) : inList(p.sport) || inList(p.dport);
    return hit !== this.invert;
  }

  private list(numeric: boolean): string {
    return this.items.map((i) => (i.min === i.max ? serviceName(i.min, numeric) : `${serviceName(i.min, numeric)}:${serviceName(i.max, numeric)}`)).join(',');
  }

  print(numeric: boolean): string {
    return ` multiport ${this.which} ${this.invert ? '!' : ''}${this.list(numeric)}`;
  }

  save(): string {
    return `${this.invert ? ' !' : ''} --${this.which} ${this.list(true)}`;
  }
}

// cspell:words Multiport dports multiport
