// The tcp and udp matches: `--sport`/`--dport` with ranges and negation.
import type { Match } from '../rule.js';
import type { PacketView } from '../types.js';
import { serviceName } from './services.js';

export interface PortRange {
  min: number;
  max: number;
  invert: boolean;
}

export class PortsMatch implements Match {
  constructor(
    readonly name: 'tcp' | 'udp',
    readonly sport?: PortRange,
    readonly dport?: PortRange,
  ) {}

  test(p: PacketView): boolean {
    return inRange(this.sport, p.sport) && inRange(this.dport, p.dport);
  }

  print(numeric: boolean): string {
    return ` ${this.name}${printPorts('spt', this.sport, numeric)}${printPorts('dpt', this.dport, numeric)}`;
  }

  save(): string {
    return `${savePorts('--sport', this.sport)}${savePorts('--dport', this.dport)}`;
  }
}

function inRange(range: PortRange | undefined, port: number | undefined): boolean {
  if (!range) return true;
  const p = port ?? -1;
  return (p >= range.min && p <= range.max) !== range.invert;
}

function printPorts(label: string, r: PortRange | undefined, numeric: boolean): string {
  if (!r || (r.min === 0 && r.max === 0xffff && !r.invert)) return '';
  const inv = r.invert ? '!' : '';
  if (r.min === r.max) return ` ${label}:${inv}${serviceName(r.min, numeric)}`;
  return ` ${label}s:${inv}${serviceName(r.min, numeric)}:${serviceName(r.max, numeric)}`;
}

function savePorts(flag: string, r: PortRange | undefined): string {
  if (!r) return '';
  const inv = r.invert ? ' !' : '';
  return `${inv} ${flag} ${r.min === r.max ? r.min : `${r.min}:${r.max}`}`;
}
