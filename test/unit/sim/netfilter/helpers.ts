// Test fixtures: a plain-object packet type with its adapter, and the rules
// Docker 20.10 writes for the article's lab.
import { ipToNumber } from '../../../../src-main/core/sim/netfilter/addr.js';
import { Netfilter } from '../../../../src-main/core/sim/netfilter/netfilter.js';
import { runIptables } from '../../../../src-main/core/userspace/iptables/run.js';
import type { HookContext, PacketAdapter, PacketView } from '../../../../src-main/core/sim/netfilter/types.js';
import { readFileSync } from 'node:fs';
import { REFERENCE_DIR } from '../../../reference-dir.js';

export type TestPacket = PacketView;

export const viewAdapter: PacketAdapter<TestPacket> = {
  identity: (p) => p,
  view: (p) => p,
  rewrite: (p, change) => {
    const { embedded, ...outer } = change;
    const rewritten: TestPacket = { ...p, ...defined(outer) };
    if (embedded && p.embedded) rewritten.embedded = { ...p.embedded, ...defined(embedded) };
    return rewritten;
  },
};

const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function tcp(src: string, sport: number, dst: string, dport: number, flags: Partial<{ syn: boolean; ack: boolean; fin: boolean; rst: boolean }> = {}, length = 60): TestPacket {
  return {
    src: ipToNumber(src),
    dst: ipToNumber(dst),
    proto: 6,
    length,
    sport,
    dport,
    tcpFlags: { syn: false, ack: false, fin: false, rst: false, ...flags },
  };
}

export function icmpEcho(src: string, dst: string, id: number, reply = false): TestPacket {
  return { src: ipToNumber(src), dst: ipToNumber(dst), proto: 1, length: 84, icmpType: reply ? 0 : 8, icmpCode: 0, icmpId: id };
}

const HOST_ADDRESSES = ['172.16.211.128', '172.17.0.1', '127.0.0.1'].map(ipToNumber);
const IFACE_ADDRESSES: Record<string, string> = { ens160: '172.16.211.128', docker0: '172.17.0.1', lo: '127.0.0.1' };

export function hostCtx(inIface: string | undefined, outIface: string | undefined, now = 0): HookContext {
  return {
    inIface,
    outIface,
    now,
    isLocalAddress: (ip) => HOST_ADDRESSES.includes(ip),
    primaryAddress: (iface) => (IFACE_ADDRESSES[iface] ? ipToNumber(IFACE_ADDRESSES[iface]) : undefined),
  };
}

/** The rules dockerd 20.10 writes for the article's lab (web published on 172.16.211.128:81). */
export const ARTICLE_RULES = [
  '-t nat -N DOCKER',
  '-t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
  '-t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
  '-t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
  '-t nat -A DOCKER -i docker0 -j RETURN',
  '-t filter -P FORWARD DROP',
  '-t filter -N DOCKER',
  '-t filter -N DOCKER-ISOLATION-STAGE-1',
  '-t filter -N DOCKER-ISOLATION-STAGE-2',
  '-t filter -N DOCKER-USER',
  '-t filter -A FORWARD -j DOCKER-USER',
  '-t filter -A FORWARD -j DOCKER-ISOLATION-STAGE-1',
  '-t filter -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-t filter -A FORWARD -o docker0 -j DOCKER',
  '-t filter -A FORWARD -i docker0 ! -o docker0 -j ACCEPT',
  '-t filter -A FORWARD -i docker0 -o docker0 -j ACCEPT',
  '-t filter -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2',
  '-t filter -A DOCKER-ISOLATION-STAGE-1 -j RETURN',
  '-t filter -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP',
  '-t filter -A DOCKER-ISOLATION-STAGE-2 -j RETURN',
  '-t filter -A DOCKER-USER -j RETURN',
  '-t filter -A DOCKER -d 172.17.0.5/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
  '-t nat -A POSTROUTING -s 172.17.0.5/32 -d 172.17.0.5/32 -p tcp -m tcp --dport 80 -j MASQUERADE',
  '-t nat -A DOCKER -d 172.16.211.128/32 ! -i docker0 -p tcp -m tcp --dport 81 -j DNAT --to-destination 172.17.0.5:80',
];

export function articleNetfilter(): Netfilter<TestPacket> {
  const nf = new Netfilter(viewAdapter);
  for (const line of ARTICLE_RULES) {
    const result = runIptables(nf, line.split(' '));
    if (result.status !== 0) throw new Error(`${line}: ${result.stderr}`);
  }
  return nf;
}

/** A reference transcript without its `$ command` line; iptables 1.8.9's numeric prot column mapped to 1.8.7's names. */
export function reference(name: string): string {
  const text = readFileSync(`${REFERENCE_DIR}/${name}`, 'utf8');
  return text
    .split('\n')
    .slice(1)
    .join('\n')
    .replace(/^(.{5} .{5} \S+\s+) 0    --/gm, '$1 all  --')
    .replace(/^(.{5} .{5} \S+\s+) 6    --/gm, '$1 tcp  --');
}

/** A packet routed through the host: PREROUTING, FORWARD, POSTROUTING. */
export function forward(nf: Netfilter<TestPacket>, p: TestPacket, inIface: string, outIface: string, now = 0) {
  const pre = nf.run('PREROUTING', p, hostCtx(inIface, undefined, now));
  if (pre.verdict !== 'accept') return pre;
  const fwd = nf.run('FORWARD', pre.packet, hostCtx(inIface, outIface, now));
  if (fwd.verdict !== 'accept') return fwd;
  return nf.run('POSTROUTING', fwd.packet, hostCtx(undefined, outIface, now));
}
