// iproute2's ip: addr, link, route (and route get), neigh; plain, -br, -o
// and -j. `ip addr` gives a link fact per interface block and an address
// fact per inet/inet6 line; an inet line cut from its block by grep still
// names its interface in the trailing label.
import type { Fact, IpAddressFact, IpLinkFact, IpNeighFact, IpRouteFact } from '../model.js';
import { canonicalAddress, canonicalCidr, canonicalMac, integer, outputLines, wordAfter } from './common.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type IpObject = 'addr' | 'link' | 'route' | 'neigh';

const OPTIONS_WITH_VALUE = new Set(['-n', '-netns', '-b', '-batch', '-rc', '-rcvbuf', '-f', '-family', '-l', '-loops']);

export function readIp(argv: readonly string[], output: string): Fact[] {
  const options: string[] = [];
  let i = 0;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    options.push(argv[i]!);
    if (OPTIONS_WITH_VALUE.has(argv[i]!)) i++;
  }
  const object = ipObject(argv[i]);
  const command = argv[i + 1];
  if (!object || (command !== undefined && !/^(show|list|lst|sh|ls|l|s|get)$/.test(command) && !isSelector(object, command))) return [];
  const selector = argv.slice(i + 1);
  const json = options.some((o) => /^-j(son)?$/.test(o) || /^-[a-z]*j$/.test(o));
  const brief = options.some((o) => /^-br(ief)?$/.test(o));
  const v6 = options.includes('-6');
  try {
    if (json) return readJson(object, output, v6);
  } catch {
    return [];
  }
  const lines = outputLines(output);
  switch (object) {
    case 'addr':
    case 'link':
      return brief ? readBrief(object, lines) : readInterfaces(object, lines);
    case 'route':
      return lines.flatMap((line) => routeFact(line, v6) ?? []);
    case 'neigh':
      return lines.flatMap((line) => neighFact(line, wordAfter(selector, 'dev')) ?? []);
  }
}

function ipObject(word: string | undefined): IpObject | undefined {
  if (word === undefined) return undefined;
  if ('address'.startsWith(word)) return 'addr';
  if ('link'.startsWith(word)) return 'link';
  if ('route'.startsWith(word)) return 'route';
  if ('neighbour'.startsWith(word) || 'neighbor'.startsWith(word)) return 'neigh';
  return undefined;
}

/** `ip addr dev eth0`, `ip link eth0`: a show without the word show. */
function isSelector(object: IpObject, word: string): boolean {
  return word === 'dev' || (object !== 'route' && /^[A-Za-z0-9]/.test(word) && !/^(add|del|delete|set|change|replace|flush|save|restore|append|prepend|test|monitor)$/.test(word));
}

// ------------------------------------------------------------------ ip addr / ip link

const HEADER = /^(\d+): ([^:@\s]+)(?:@([^:\s]+))?: <([^>]*)>(.*)$/;
const ONELINE_ADDRESS = /^(\d+): ([^\s@]+)(?:@\S+)?\s+(inet6?) (.*)$/;

interface Block {
  link: Mutable<IpLinkFact>;
}

function readInterfaces(object: IpObject, lines: readonly string[]): Fact[] {
  const facts: Fact[] = [];
  let block: Block | undefined;
  let detailsLine = 0;
  // -o puts a block on one line, its continuation lines joined by `\`.
  for (const line of lines.flatMap((l) => l.split(/\\\s+/).map((part, i) => (i === 0 ? part : `    ${part}`)))) {
    const header = HEADER.exec(line);
    if (header) {
      block = { link: linkFromHeader(header, line) };
      facts.push(block.link);
      detailsLine = 0;
      continue;
    }
    const oneline = ONELINE_ADDRESS.exec(line);
    if (oneline) {
      const address = addressFact(oneline[3] as 'inet' | 'inet6', oneline[4]!, line, undefined);
      if (address) facts.push({ ...address, interface: oneline[2], index: integer(oneline[1]) });
      continue;
    }
    const trimmed = line.trim();
    const linkLine = /^link\/(\S+)(?: (\S+))?(?: brd (\S+))?(?: link-netnsid (\d+)| link-netns (\S+))?/.exec(trimmed);
    if (linkLine && block) {
      block.link.linkType = linkLine[1];
      block.link.mac = linkLine[2] ? (canonicalMac(linkLine[2]) ?? linkLine[2]) : undefined;
      block.link.linkNetnsid = integer(linkLine[4]);
      block.link.text += `\n${line}`;
      detailsLine = 1;
      continue;
    }
    const family = /^(inet6?) (.*)$/.exec(trimmed);
    if (family) {
      const address = addressFact(family[1] as 'inet' | 'inet6', family[2]!, line, block?.link);
      if (address) facts.push(address);
      continue;
    }
    // -d: the line after link/... names the device type (`veth`, `bridge forward_delay ...`).
    if (block && detailsLine === 1 && /^[a-z_0-9]+(\s|$)/.test(trimmed) && !/^(altname|valid_lft|bridge_slave)\b/.test(trimmed)) {
      block.link.deviceType = trimmed.split(/\s+/)[0];
      detailsLine = 2;
    }
  }
  return object === 'link' ? facts.filter((f) => f.kind === 'ip-link') : facts;
}

function linkFromHeader(header: RegExpExecArray, line: string): Mutable<IpLinkFact> {
  const rest = header[5]!;
  const peer = header[3];
  const peerIndex = peer && /^if\d+$/.test(peer) ? Number(peer.slice(2)) : undefined;
  return {
    kind: 'ip-link',
    interface: header[2]!,
    index: Number(header[1]),
    flags: header[4]!.split(',').filter(Boolean),
    state: /\bstate (\S+)/.exec(rest)?.[1],
    mtu: integer(/\bmtu (\d+)/.exec(rest)?.[1]),
    master: /\bmaster (\S+)/.exec(rest)?.[1],
    linkType: undefined,
    mac: undefined,
    linkNetnsid: undefined,
    peerIndex,
    peerName: peer !== undefined && peerIndex === undefined && peer !== 'NONE' ? peer : undefined,
    deviceType: undefined,
    text: line,
  };
}

function addressFact(family: 'inet' | 'inet6', rest: string, line: string, link: IpLinkFact | undefined): IpAddressFact | undefined {
  const m = /^(\S+?)\/(\d+)(?: brd (\S+))?(?: scope (\S+))?(.*)$/.exec(rest) ?? /^(\S+?)(?:\/(\d+))?(?: peer \S+)?(?: brd (\S+))?(?: scope (\S+))?(.*)$/.exec(rest);
  const address = m ? canonicalAddress(m[1]!) : undefined;
  if (!m || !address) return undefined;
  const prefixLength = integer(m[2]) ?? (family === 'inet' ? 32 : 128);
  // The IPv4 label at the end of the line is the interface name (or name:alias).
  const label = family === 'inet' ? /(?:^|\s)([A-Za-z0-9_.:-]+)\s*$/.exec(m[5]!.replace(/\\.*$/, '').replace(/\b(dynamic|noprefixroute|secondary|permanent|deprecated|tentative|temporary|mngtmpaddr)\b/g, ''))?.[1] : undefined;
  return {
    kind: 'ip-address',
    interface: link?.interface ?? label?.split(':')[0],
    index: link?.index,
    flags: link?.flags ?? [],
    state: link?.state,
    mtu: link?.mtu,
    family,
    address,
    prefixLength,
    cidr: `${address}/${prefixLength}`,
    broadcast: m[3] ? canonicalAddress(m[3]) : undefined,
    scope: m[4],
    master: link?.master,
    linkNetnsid: link?.linkNetnsid,
    peerIndex: link?.peerIndex,
    peerName: link?.peerName,
    text: line,
  };
}

function readBrief(object: IpObject, lines: readonly string[]): Fact[] {
  const facts: Fact[] = [];
  for (const line of lines) {
    const words = line.trim().split(/\s+/);
    const name = /^([^@\s]+)(?:@(\S+))?$/.exec(words[0] ?? '');
    if (!name || words.length < 2 || !/^[A-Z]+$/.test(words[1]!)) continue;
    const peerIndex = name[2] && /^if\d+$/.test(name[2]) ? Number(name[2].slice(2)) : undefined;
    const peerName = name[2] !== undefined && peerIndex === undefined ? name[2] : undefined;
    if (object === 'link') {
      const flags = /<([^>]*)>/.exec(line)?.[1];
      facts.push({
        kind: 'ip-link', interface: name[1]!, index: undefined, flags: flags ? flags.split(',').filter(Boolean) : [], state: words[1], mtu: undefined, master: undefined,
        linkType: undefined, mac: words[2] ? canonicalMac(words[2]) : undefined, linkNetnsid: undefined, peerIndex, peerName, deviceType: undefined, text: line,
      });
      continue;
    }
    for (const cidr of words.slice(2)) {
      const [addressText, prefix] = cidr.split('/');
      const address = canonicalAddress(addressText ?? '');
      if (!address || prefix === undefined) continue;
      facts.push({
        kind: 'ip-address', interface: name[1]!, index: undefined, flags: [], state: words[1], mtu: undefined, family: address.includes(':') ? 'inet6' : 'inet', address,
        prefixLength: Number(prefix), cidr: `${address}/${Number(prefix)}`, broadcast: undefined, scope: undefined, master: undefined, linkNetnsid: undefined, peerIndex, peerName, text: line,
      });
    }
  }
  return facts;
}

// ------------------------------------------------------------------ ip route / ip neigh

const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'unreachable', 'blackhole', 'prohibit', 'throw', 'anycast', 'nat']);

function routeFact(line: string, v6: boolean): IpRouteFact | undefined {
  const words = line.trim().split(/\s+/);
  let type: string | undefined;
  if (ROUTE_TYPES.has(words[0]!)) type = words.shift();
  const dstText = words.shift();
  if (dstText === undefined) return undefined;
  const isDefault = dstText === 'default';
  const dst = isDefault ? (v6 ? '::/0' : '0.0.0.0/0') : canonicalCidr(dstText);
  if (!dst) return undefined;
  const value = (key: string) => wordAfter(words, key);
  const via = value('via');
  const src = value('src');
  return {
    kind: 'ip-route',
    dst,
    default: isDefault,
    type,
    via: via ? (canonicalAddress(via) ?? via) : undefined,
    dev: value('dev'),
    proto: value('proto'),
    scope: value('scope'),
    src: src ? (canonicalAddress(src) ?? src) : undefined,
    metric: integer(value('metric')),
    table: value('table'),
    linkdown: words.includes('linkdown'),
    text: line,
  };
}

const NEIGH_STATES = /^(PERMANENT|NOARP|REACHABLE|STALE|NONE|INCOMPLETE|DELAY|PROBE|FAILED)$/;

function neighFact(line: string, selectedDev: string | undefined): IpNeighFact | undefined {
  const words = line.trim().split(/\s+/);
  const address = canonicalAddress(words[0] ?? '');
  if (!address) return undefined;
  const value = (key: string) => wordAfter(words, key);
  const lladdr = value('lladdr');
  const state = words.filter((w) => NEIGH_STATES.test(w));
  if (state.length === 0 && lladdr === undefined) return undefined;
  return { kind: 'ip-neigh', address, dev: value('dev') ?? selectedDev, lladdr: lladdr ? (canonicalMac(lladdr) ?? lladdr) : undefined, state, router: words.includes('router'), text: line };
}

// ------------------------------------------------------------------ ip -j

interface JsonAddrInfo { family?: string; local?: string; prefixlen?: number; broadcast?: string; scope?: string; label?: string }
interface JsonLink {
  ifindex?: number; ifname?: string; link?: string; link_index?: number; flags?: string[]; mtu?: number; operstate?: string; master?: string;
  link_type?: string; address?: string; link_netnsid?: number; linkinfo?: { info_kind?: string }; addr_info?: JsonAddrInfo[];
}
interface JsonRoute { type?: string; dst?: string; gateway?: string; dev?: string; protocol?: string; scope?: string; prefsrc?: string; metric?: number; table?: string; flags?: string[] }
interface JsonNeigh { dst?: string; dev?: string; lladdr?: string; state?: string[]; router?: null | boolean }

function readJson(object: IpObject, output: string, v6: boolean): Fact[] {
  const start = output.indexOf('[');
  if (start < 0) return [];
  const parsed: unknown = JSON.parse(output.slice(start));
  if (!Array.isArray(parsed)) return [];
  const text = (entry: unknown) => JSON.stringify(entry);
  switch (object) {
    case 'addr':
    case 'link':
      return (parsed as JsonLink[]).flatMap((entry): Fact[] => {
        if (typeof entry?.ifname !== 'string') return [];
        const link: IpLinkFact = {
          kind: 'ip-link', interface: entry.ifname, index: entry.ifindex, flags: entry.flags ?? [], state: entry.operstate, mtu: entry.mtu, master: entry.master,
          linkType: entry.link_type, mac: entry.address ? canonicalMac(entry.address) : undefined, linkNetnsid: entry.link_netnsid,
          peerIndex: entry.link_index, peerName: entry.link, deviceType: entry.linkinfo?.info_kind, text: text(entry),
        };
        const addresses = object === 'link' ? [] : (entry.addr_info ?? []).flatMap((info): IpAddressFact[] => {
          const address = canonicalAddress(info.local ?? '');
          if (!address || (info.family !== 'inet' && info.family !== 'inet6')) return [];
          const prefixLength = info.prefixlen ?? (info.family === 'inet' ? 32 : 128);
          return [{
            kind: 'ip-address', interface: link.interface, index: link.index, flags: link.flags, state: link.state, mtu: link.mtu, family: info.family, address, prefixLength,
            cidr: `${address}/${prefixLength}`, broadcast: info.broadcast ? canonicalAddress(info.broadcast) : undefined, scope: info.scope, master: link.master,
            linkNetnsid: link.linkNetnsid, peerIndex: link.peerIndex, peerName: link.peerName, text: text(info),
          }];
        });
        return [link, ...addresses];
      });
    case 'route':
      return (parsed as JsonRoute[]).flatMap((entry): Fact[] => {
        if (typeof entry?.dst !== 'string') return [];
        const isDefault = entry.dst === 'default';
        const dst = isDefault ? (v6 ? '::/0' : '0.0.0.0/0') : canonicalCidr(entry.dst);
        if (!dst) return [];
        return [{
          kind: 'ip-route', dst, default: isDefault, type: entry.type, via: entry.gateway ? canonicalAddress(entry.gateway) : undefined, dev: entry.dev, proto: entry.protocol,
          scope: entry.scope, src: entry.prefsrc ? canonicalAddress(entry.prefsrc) : undefined, metric: entry.metric, table: entry.table, linkdown: (entry.flags ?? []).includes('linkdown'), text: text(entry),
        }];
      });
    case 'neigh':
      return (parsed as JsonNeigh[]).flatMap((entry): Fact[] => {
        const address = canonicalAddress(entry?.dst ?? '');
        if (!address) return [];
        return [{ kind: 'ip-neigh', address, dev: entry.dev, lladdr: entry.lladdr ? canonicalMac(entry.lladdr) : undefined, state: entry.state ?? [], router: entry.router !== undefined && entry.router !== false, text: text(entry) }];
      });
  }
}
