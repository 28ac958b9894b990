// sysctl: `net.ipv4.ip_forward = 1`, or only the value with -n, or
// `key = value` lines of -a / -w.
import type { Fact, SysctlValueFact } from '../model.js';
import { hasOption, outputLines } from './common.js';

const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\-/*]*$/;

export function readSysctl(argv: readonly string[], output: string): Fact[] {
  const facts: SysctlValueFact[] = [];
  const lines = outputLines(output);
  if (hasOption(argv, '-n', '--values')) {
    // Values in the order the keys were named (`sysctl -n a b`); -w's key=value gives its key.
    const keys = argv.filter((a) => !a.startsWith('-')).map((a) => a.split('=')[0]!);
    if (keys.length === lines.length) lines.forEach((value, i) => facts.push(fact(keys[i]!, value.trim(), value)));
    return facts;
  }
  for (const line of lines) {
    const m = /^(\S+)\s*=\s?(.*)$/.exec(line);
    if (m && KEY.test(m[1]!)) facts.push(fact(m[1]!, m[2]!.trim(), line));
  }
  return facts;
}

function fact(key: string, value: string, text: string): SysctlValueFact {
  return { kind: 'sysctl', key: key.replace(/\//g, '.'), value, text };
}
