// `ip netns`: the named namespaces in /var/run/netns (Docker keeps its own
// under /var/run/docker/netns, which is why they are not listed here).
import type { NetNamespace } from '../../../sim/net/namespace.js';
import { IpError, type IpContext, matches, writeJson } from './common.js';

export const NETNS_USAGE = `Usage:	ip netns list
	ip netns add NAME
	ip netns attach NAME PID
	ip netns set NAME NETNSID
	ip [-all] netns delete [NAME]
	ip netns identify [PID]
	ip netns pids NAME
	ip [-all] netns exec [NAME] cmd ...
	ip netns monitor
	ip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]
NETNSID := auto | POSITIVE-INT
`;

function named(ip: IpContext): NetNamespace[] {
  return ip.ns.machine.namespaces.filter((n) => n.netnsName !== undefined).reverse();
}

export function findNamedNetns(ip: Pick<IpContext, 'ns'>, name: string): NetNamespace | undefined {
  return ip.ns.machine.namespaces.find((n) => n.netnsName === name);
}

export async function netnsCommand(ip: IpContext, args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  const { ctx, ns } = ip;
  if (verb === undefined || matches(verb, 'list') || matches(verb, 'show')) {
    const list = named(ip);
    if (ip.options.json) {
      writeJson(
        ip,
        list.map((n) => {
          const id = ns.netnsIdOf(n, false);
          return id === undefined ? { name: n.netnsName } : { name: n.netnsName, id };
        }),
      );
      return 0;
    }
    ctx.stdout.write(
      list
        .map((n) => {
          const id = ns.netnsIdOf(n, false);
          return `${n.netnsName}${id === undefined ? '' : ` (id: ${id})`}\n`;
        })
        .join(''),
    );
    return 0;
  }
  if (matches(verb, 'add')) {
    const name = rest[0];
    if (!name) throw new IpError('No netns name specified', 255);
    if (findNamedNetns(ip, name)) throw new IpError(`Cannot create namespace file "/run/netns/${name}": File exists`, 1);
    const created = ns.machine.createNamespace(name);
    created.netnsName = name;
    created.nsfsPath = `/run/netns/${name}`;
    return 0;
  }
  if (matches(verb, 'delete') || verb === 'del') {
    const name = rest[0];
    if (!name) throw new IpError('No netns name specified', 255);
    const target = findNamedNetns(ip, name);
    if (!target) throw new IpError(`Cannot remove namespace file "/run/netns/${name}": No such file or directory`, 1);
    ns.machine.deleteNamespace(target);
    return 0;
  }
  if (matches(verb, 'exec')) {
    const [name, ...command] = rest;
    if (!name) throw new IpError('No netns name specified', 255);
    const target = findNamedNetns(ip, name);
    if (!target) throw new IpError(`Cannot open network namespace "${name}": No such file or directory`, 255);
    if (command.length === 0) throw new IpError('No command specified', 255);
    const status = await ctx.exec(command, { netns: target });
    return status;
  }
  if (matches(verb, 'identify')) {
    const pid = rest[0] !== undefined ? Number(rest[0]) : ctx.host.pid;
    const proc = ns.machine.process(pid);
    if (!proc) throw new IpError(`Cannot open network namespace: No such file or directory`, 1);
    if (proc.netns.netnsName) ctx.stdout.write(`${proc.netns.netnsName}\n`);
    return 0;
  }
  if (matches(verb, 'pids')) {
    const target = rest[0] !== undefined ? findNamedNetns(ip, rest[0]) : undefined;
    if (!target) throw new IpError(`Cannot open network namespace "${rest[0] ?? ''}": No such file or directory`, 1);
    ctx.stdout.write(ns.machine.processesIn(target).map((p) => `${p.pid}\n`).join(''));
    return 0;
  }
  if (matches(verb, 'list-id')) {
    ctx.stdout.write(
      ns
        .peerNamespaces()
        .map(({ ns: other, id }) => `nsid ${id} ${other.netnsName ? `(iproute2 netns name: ${other.netnsName})` : ''}\n`)
        .join(''),
    );
    return 0;
  }
  if (matches(verb, 'help')) {
    ctx.stderr.write(NETNS_USAGE);
    return 255;
  }
  throw new IpError(`Command "${verb}" is unknown, try "ip netns help".`, 255);
}
