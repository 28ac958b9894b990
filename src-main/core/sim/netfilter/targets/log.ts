// LOG: writes a kernel log line and lets the packet continue.
import { numberToIp } from '../addr.js';
import type { EvalContext, ExtensionTarget, TargetResult } from '../rule.js';
import { saveString } from '../save-string.js';
import { PROTO_ICMP, PROTO_TCP, PROTO_UDP, type PacketView } from '../types.js';

export const LOG_LEVELS = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'] as const;
const DEFAULT_LEVEL = 4;

export class LogTarget implements ExtensionTarget {
  readonly name = 'LOG';

  constructor(
    readonly prefix = '',
    readonly level = DEFAULT_LEVEL,
  ) {}

  apply(p: PacketView, ctx: EvalContext): TargetResult {
    ctx.log?.(`${this.prefix}${logLine(p, ctx)}`);
    return { kind: 'continue' };
  }

  print(numeric: boolean): string {
    const level = numeric ? ` flags 0 level ${this.level}` : ` level ${LOG_LEVELS[this.level]}`;
    return ` LOG${level}${this.prefix ? ` prefix "${this.prefix}"` : ''}`;
  }

  save(): string {
    const prefix = this.prefix ? ` --log-prefix${saveString(this.prefix)}` : '';
    return `${prefix}${this.level === DEFAULT_LEVEL ? '' : ` --log-level ${this.level}`}`;
  }
}

function logLine(p: PacketView, ctx: EvalContext): string {
  let line = `IN=${ctx.inIface ?? ''} OUT=${ctx.outIface ?? ''} SRC=${numberToIp(p.src)} DST=${numberToIp(p.dst)} LEN=${p.length}`;
  if (p.proto === PROTO_TCP) line += ` PROTO=TCP SPT=${p.sport} DPT=${p.dport}`;
  else if (p.proto === PROTO_UDP) line += ` PROTO=UDP SPT=${p.sport} DPT=${p.dport}`;
  else if (p.proto === PROTO_ICMP) line += ` PROTO=ICMP TYPE=${p.icmpType} CODE=${p.icmpCode ?? 0}`;
  else line += ` PROTO=${p.proto}`;
  return line;
}

// cspell:words emerg
