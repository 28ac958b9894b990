// The tuple filters conntrack-tools 1.4.6 applies to `-L` and `-D`: addresses
// and ports of either direction, and the protocol. Ports need `-p` first, as
// the real tool only knows them once the protocol's options are loaded.
import { ipToNumber, isIPv4 } from '../../sim/netfilter/addr.js';
import type { Connection, Tuple } from '../../sim/netfilter/conntrack.js';
import { PROTO_ICMP, PROTO_TCP, PROTO_UDP } from '../../sim/netfilter/types.js';

type TupleField = 'src' | 'dst' | 'sport' | 'dport';

interface FieldMatch {
  direction: 'orig' | 'reply';
  field: TupleField;
  value: number;
}

export interface ConntrackFilter {
  /** Undefined: every protocol; NaN: a name the tool does not know, which matches nothing. */
  proto?: number;
  fields: FieldMatch[];
}

const ADDRESS_OPTIONS: Record<string, { direction: 'orig' | 'reply'; field: TupleField }> = {
  '-s': { direction: 'orig', field: 'src' },
  '--src': { direction: 'orig', field: 'src' },
  '--orig-src': { direction: 'orig', field: 'src' },
  '-d': { direction: 'orig', field: 'dst' },
  '--dst': { direction: 'orig', field: 'dst' },
  '--orig-dst': { direction: 'orig', field: 'dst' },
  '-r': { direction: 'reply', field: 'src' },
  '--reply-src': { direction: 'reply', field: 'src' },
  '-q': { direction: 'reply', field: 'dst' },
  '--reply-dst': { direction: 'reply', field: 'dst' },
};

const PORT_OPTIONS: Record<string, { direction: 'orig' | 'reply'; field: TupleField }> = {
  '--sport': { direction: 'orig', field: 'sport' },
  '--orig-port-src': { direction: 'orig', field: 'sport' },
  '--dport': { direction: 'orig', field: 'dport' },
  '--orig-port-dst': { direction: 'orig', field: 'dport' },
  '--reply-port-src': { direction: 'reply', field: 'sport' },
  '--reply-port-dst': { direction: 'reply', field: 'dport' },
};

const PROTOCOLS: Record<string, number> = { tcp: PROTO_TCP, udp: PROTO_UDP, icmp: PROTO_ICMP };

/**
 * Reads the filter options of argv (the command option already removed).
 * Returns the filter, or the message conntrack prints before its usage hint.
 */
export function parseConntrackFilter(args: readonly string[]): ConntrackFilter | { error: string } {
  const filter: ConntrackFilter = { fields: [] };
  for (let i = 0; i < args.length; i++) {
    const option = args[i];
    const known = option === '-p' || option === '--proto' || option in ADDRESS_OPTIONS || (filter.proto !== undefined && option in PORT_OPTIONS);
    if (!known) return { error: `unknown option \`${option}'` };
    const value = args[i + 1];
    if (value === undefined) return { error: `option \`${option}' requires an argument` };
    i++;
    if (option === '-p' || option === '--proto') {
      filter.proto = /^\d+$/.test(value) ? Number(value) : (PROTOCOLS[value.toLowerCase()] ?? Number.NaN);
    } else if (option in ADDRESS_OPTIONS) {
      if (!isIPv4(value)) return { error: `Invalid IP address \`${value}'` };
      filter.fields.push({ ...ADDRESS_OPTIONS[option], value: ipToNumber(value) });
    } else {
      // The tool reads a port with strtoul and complains about nothing: a name or an out-of-range number matches no entry.
      filter.fields.push({ ...PORT_OPTIONS[option], value: /^\d+$/.test(value) ? Number(value) : Number.NaN });
    }
  }
  return filter;
}

export function matchesConntrackFilter(conn: Connection, filter: ConntrackFilter): boolean {
  if (filter.proto !== undefined && conn.orig.proto !== filter.proto) return false;
  return filter.fields.every(({ direction, field, value }) => {
    const tuple: Tuple = direction === 'orig' ? conn.orig : conn.reply;
    return tuple[field] === value;
  });
}
