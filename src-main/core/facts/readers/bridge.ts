// bridge (iproute2): `bridge link` (ports of a bridge with their STP state)
// and `bridge fdb` (learned and permanent MAC entries), plain and -j.
import type { BridgeFdbFact, BridgeLinkFact, Fact } from '../model.js';
import { canonicalMac, integer, outputLines, wordAfter } from './common.js';

export function readBridge(argv: readonly string[], output: string): Fact[] {
  const words = argv.filter((a) => !a.startsWith('-'));
  const object = words[0];
  const json = argv.some((a) => /^-j(son)?$/.test(a));
  if (object !== undefined && 'link'.startsWith(object)) return json ? readJsonLinks(output) : outputLines(output).flatMap((line) => linkFact(line) ?? []);
  if (object !== undefined && 'fdb'.startsWith(object)) return json ? readJsonFdb(output) : outputLines(output).flatMap((line) => fdbFact(line) ?? []);
  return [];
}

const LINK = /^(\d+): ([^:@\s]+)(?:@(\S+?))?: <([^>]*)>(.*)$/;

function linkFact(line: string): BridgeLinkFact | undefined {
  const m = LINK.exec(line);
  if (!m) return undefined;
  const rest = m[5]!;
  const peer = m[3];
  return {
    kind: 'bridge-link',
    port: m[2]!,
    index: Number(m[1]),
    peerIndex: peer && /^if\d+$/.test(peer) ? Number(peer.slice(2)) : undefined,
    flags: m[4]!.split(',').filter(Boolean),
    mtu: integer(/\bmtu (\d+)/.exec(rest)?.[1]),
    master: /\bmaster (\S+)/.exec(rest)?.[1],
    state: /\bstate (\S+)/.exec(rest)?.[1],
    priority: integer(/\bpriority (\d+)/.exec(rest)?.[1]),
    cost: integer(/\bcost (\d+)/.exec(rest)?.[1]),
    text: line,
  };
}

function fdbFact(line: string): BridgeFdbFact | undefined {
  const words = line.trim().split(/\s+/);
  const mac = canonicalMac(words[0] ?? '');
  if (!mac) return undefined;
  const value = (key: string) => wordAfter(words, key);
  return {
    kind: 'bridge-fdb',
    mac,
    dev: value('dev'),
    master: value('master'),
    vlan: integer(value('vlan')),
    permanent: words.includes('permanent'),
    static: words.includes('static'),
    self: words.includes('self'),
    text: line,
  };
}

interface JsonPort { ifindex?: number; ifname?: string; flags?: string[]; mtu?: number; master?: string; state?: string; priority?: number; cost?: number; link_index?: number }
interface JsonFdb { mac?: string; ifname?: string; master?: string; vlan?: number; flags?: string[]; state?: string }

function parseArray(output: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(output.slice(Math.max(0, output.indexOf('['))));
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function readJsonLinks(output: string): Fact[] {
  return (parseArray(output) as JsonPort[]).flatMap((p): Fact[] =>
    typeof p?.ifname === 'string'
      ? [{ kind: 'bridge-link', port: p.ifname, index: p.ifindex, peerIndex: p.link_index, flags: p.flags ?? [], mtu: p.mtu, master: p.master, state: p.state, priority: p.priority, cost: p.cost, text: JSON.stringify(p) }]
      : [],
  );
}

function readJsonFdb(output: string): Fact[] {
  return (parseArray(output) as JsonFdb[]).flatMap((e): Fact[] => {
    const mac = canonicalMac(e?.mac ?? '');
    if (!mac) return [];
    const flags = e.flags ?? [];
    return [{ kind: 'bridge-fdb', mac, dev: e.ifname, master: e.master, vlan: e.vlan, permanent: e.state === 'permanent', static: e.state === 'static', self: flags.includes('self'), text: JSON.stringify(e) }];
  });
}
