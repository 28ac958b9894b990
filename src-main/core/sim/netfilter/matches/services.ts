// /etc/services names iptables prints for ports when -n is not given.
const SERVICES: Record<number, string> = {
  20: 'ftp-data',
  21: 'ftp',
  22: 'ssh',
  23: 'telnet',
  25: 'smtp',
  53: 'domain',
  67: 'bootps',
  68: 'bootpc',
  69: 'tftp',
  80: 'http',
  110: 'pop3',
  123: 'ntp',
  143: 'imap2',
  161: 'snmp',
  179: 'bgp',
  389: 'ldap',
  443: 'https',
  514: 'shell',
  587: 'submission',
  993: 'imaps',
  995: 'pop3s',
  3306: 'mysql',
  5432: 'postgresql',
  6379: 'redis',
  8080: 'http-alt',
};

const BY_NAME = new Map(Object.entries(SERVICES).map(([port, name]) => [name, Number(port)]));
BY_NAME.set('www', 80);

export function serviceName(port: number, numeric: boolean): string {
  return (!numeric && SERVICES[port]) || String(port);
}

/** A port given as a number or a service name, or undefined. */
export function parsePort(text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n <= 65535 ? n : undefined;
  }
  return BY_NAME.get(text);
}

// cspell:words bootpc bootps imaps snmp
