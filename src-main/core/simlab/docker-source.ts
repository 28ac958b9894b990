// The daemon as the lab (scenarios, terminals, topology) sees it.
import type { ContainerSource, LabContainer } from './lab.js';
import type { DockerHostWorld } from '../sim/net/outside-world.js';
import type { NetNamespace } from '../sim/net/namespace.js';
import { netfilterOf } from '../sim/netfilter/kernel.js';
import { procConntrackLine } from '../userspace/conntrack/format.js';
import { DockerDaemon, hasNetAdmin, type Container } from '../userspace/dockerd/daemon.js';

/** /etc/hosts as Docker writes it into a container. */
export function hostsFile(c: Container): string {
  const ip = c.endpoints[0]?.ip;
  return [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'ff00::0\tip6-mcastprefix',
    'ff02::1\tip6-allnodes',
    'ff02::2\tip6-allrouters',
    ...(ip ? [`${ip}\t${c.config.hostname}`] : []),
    '',
  ].join('\n');
}

/** Docker points a container on a user-defined network at its embedded DNS server; others get the host's resolv.conf. */
function resolvConf(c: Container): string | undefined {
  return c.endpoints.some((e) => !e.network.isDefault) ? 'nameserver 127.0.0.11\noptions ndots:0\n' : undefined;
}

function labContainer(c: Container): LabContainer | undefined {
  if (!c.ns) return undefined;
  const e = c.endpoints[0];
  return {
    name: c.name,
    id: c.id,
    hostname: c.config.hostname,
    running: c.status === 'running',
    netns: c.ns,
    pid: c.pid,
    commands: new Set(c.config.image.commands),
    netAdmin: hasNetAdmin(c.config),
    hostsFile: hostsFile(c),
    resolvConf: resolvConf(c),
    ip: e?.ip,
    mac: e?.mac,
    hostVeth: e?.hostVeth,
    ports: c.config.ports.map((p) => ({ container: c.name, hostIp: p.hostIp || '0.0.0.0', hostPort: p.hostPort, containerPort: p.containerPort, protocol: p.proto })),
  };
}

/** `installDocker` for SimBackend: starts dockerd on the Docker host. */
export function installDocker(parts: DockerHostWorld): ContainerSource {
  const daemon = new DockerDaemon(parts.world, parts.host);
  return {
    daemon,
    containers: () => daemon.containers.flatMap((c) => labContainer(c) ?? []),
    log: (name, text) => {
      const c = daemon.container(name);
      if (c) daemon.appendLog(c, 'stdout', text);
    },
    mainExited: (name, code) => {
      const c = daemon.container(name);
      if (c) daemon.processExited(c, code);
    },
    conntrackLines: (ns: NetNamespace) => {
      const now = ns.world.clock.now();
      return netfilterOf(ns).conntrack.entries(now).map((conn) => procConntrackLine(conn, now));
    },
  };
}

// cspell:words allnodes allrouters localnet mcastprefix
