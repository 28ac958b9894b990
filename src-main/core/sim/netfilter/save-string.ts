// xtables_save_string: a word as iptables-save writes it, quoted when needed.
const PLAIN = /^[-_0-9A-Za-z]+$/;

export function saveString(value: string): string {
  if (PLAIN.test(value)) return ` ${value}`;
  return ` "${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

// cspell:words xtables
