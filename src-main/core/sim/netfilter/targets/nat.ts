// DNAT, SNAT and MASQUERADE: they only choose the mapping; conntrack applies it
// to this and every later packet of the connection (replies reversed).
import { numberToIp } from '../addr.js';
import type { EvalContext, ExtensionTarget, TargetResult } from '../rule.js';
import type { PacketView } from '../types.js';

export interface NatRange {
  addr?: number;
  minPort?: number;
  maxPort?: number;
}

function rangeText(r: NatRange): string {
  const ip = r.addr === undefined ? '' : numberToIp(r.addr);
  if (r.minPort === undefined) return ip;
  const ports = r.maxPort !== undefined && r.maxPort !== r.minPort ? `${r.minPort}-${r.maxPort}` : `${r.minPort}`;
  return `${ip}:${ports}`;
}

export class DnatTarget implements ExtensionTarget {
  readonly name = 'DNAT';
  readonly tables = ['nat'] as const;

  constructor(readonly to: NatRange) {}

  apply(): TargetResult {
    return { kind: 'nat', manip: 'dst', rewrite: { dst: this.to.addr, dport: this.to.minPort } };
  }

  print(): string {
    return ` to:${rangeText(this.to)}`;
  }

  save(): string {
    return ` --to-destination ${rangeText(this.to)}`;
  }
}

export class SnatTarget implements ExtensionTarget {
  readonly name = 'SNAT';
  readonly tables = ['nat'] as const;

  constructor(readonly to: NatRange) {}

  apply(): TargetResult {
    return { kind: 'nat', manip: 'src', rewrite: { src: this.to.addr, sport: this.to.minPort } };
  }

  print(): string {
    return ` to:${rangeText(this.to)}`;
  }

  save(): string {
    return ` --to-source ${rangeText(this.to)}`;
  }
}

export class MasqueradeTarget implements ExtensionTarget {
  readonly name = 'MASQUERADE';
  readonly tables = ['nat'] as const;

  constructor(readonly ports?: { min: number; max: number }) {}

  apply(_p: PacketView, ctx: EvalContext): TargetResult {
    const addr = ctx.outIface === undefined ? undefined : ctx.primaryAddress(ctx.outIface);
    // No address on the way out: the kernel drops the packet.
    if (addr === undefined) return { kind: 'verdict', verdict: 'drop' };
    return { kind: 'nat', manip: 'src', rewrite: { src: addr, sport: this.ports?.min } };
  }

  print(): string {
    return this.ports ? ` masq ports: ${this.portText()}` : '';
  }

  save(): string {
    return this.ports ? ` --to-ports ${this.portText()}` : '';
  }

  private portText(): string {
    const p = this.ports!;
    return p.min === p.max ? `${p.min}` : `${p.min}-${p.max}`;
  }
}

// cspell:words manip
