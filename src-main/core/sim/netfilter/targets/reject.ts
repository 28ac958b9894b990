// REJECT: drops the packet and has the kernel answer with an ICMP error or a TCP reset.
import type { ExtensionTarget, TargetResult } from '../rule.js';

export const REJECT_TYPES = [
  'icmp-net-unreachable',
  'icmp-host-unreachable',
  'icmp-port-unreachable',
  'icmp-proto-unreachable',
  'icmp-net-prohibited',
  'icmp-host-prohibited',
  'icmp-admin-prohibited',
  'tcp-reset',
] as const;
export type RejectType = (typeof REJECT_TYPES)[number];

export class RejectTarget implements ExtensionTarget {
  readonly name = 'REJECT';
  readonly tables = ['filter'] as const;

  constructor(readonly with_: RejectType = 'icmp-port-unreachable') {}

  apply(): TargetResult {
    return { kind: 'verdict', verdict: 'reject', rejectWith: this.with_ };
  }

  print(): string {
    return ` reject-with ${this.with_}`;
  }

  save(): string {
    return ` --reject-with ${this.with_}`;
  }
}
