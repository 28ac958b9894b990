// `-p icmp --icmp-type TYPE[/CODE]`.
import type { Match } from '../rule.js';
import type { PacketView } from '../types.js';

export const ICMP_TYPE_NAMES: Record<string, [number, number?]> = {
  'echo-reply': [0],
  'destination-unreachable': [3],
  'network-unreachable': [3, 0],
  'host-unreachable': [3, 1],
  'protocol-unreachable': [3, 2],
  'port-unreachable': [3, 3],
  'fragmentation-needed': [3, 4],
  redirect: [5],
  'echo-request': [8],
  'time-exceeded': [11],
  'parameter-problem': [12],
};

export class IcmpMatch implements Match {
  readonly name = 'icmp';

  constructor(
    readonly type: number,
    readonly code: number | undefined,
    readonly invert: boolean,
  ) {}

  test(p: PacketView): boolean {
    const hit = p.icmpType === this.type && (this.code === undefined || p.icmpCode === this.code);
    return hit !== this.invert;
  }

  // libxt_icmp prints `icmp echo-request`, or numerically the real tool's `icmptype 8`.
  print(numeric: boolean): string {
    const inv = this.invert ? '!' : '';
    const name = Object.entries(ICMP_TYPE_NAMES).find(([, [t, c]]) => t === this.type && c === this.code)?.[0];
    if (!numeric && name) return ` icmp ${inv}${name}`;
    return ` icmp${inv ? ' !' : ''}type ${this.type}${this.code === undefined ? '' : ` code ${this.code}`}`;
  }

  save(): string {
    return `${this.invert ? ' !' : ''} --icmp-type ${this.type}${this.code === undefined ? '' : `/${this.code}`}`;
  }
}

// cspell:words libxt
