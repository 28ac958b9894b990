// `docker inspect` objects shaped exactly like Docker 20.10's (field order
// included), and `docker network inspect`.
import type { Container, DockerDaemon, Endpoint } from './daemon.js';

import { HOST_CONFIG_DEFAULTS } from './inspect-defaults.js';
import type { Network } from './network.js';
import type { PortMapping } from './rules.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Go's encoding/json writes map keys sorted (structs keep their field order). */
function sortedMap(entries: [string, Json][]): Record<string, Json> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function portKey(p: PortMapping): string {
  return `${p.containerPort}/${p.proto}`;
}

function portBindings(ports: PortMapping[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const p of ports) {
    const list = (out[portKey(p)] ??= []) as Json[];
    list.push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
  }
  return sortedMap(Object.entries(out));
}

function endpointJson(c: Container, e: Endpoint): Json {
  return {
    IPAMConfig: null,
    Links: null,
    // On user-defined networks the short id is an alias the embedded DNS answers for.
    Aliases: e.network.isDefault ? null : [...e.aliases, c.id.slice(0, 12)],
    NetworkID: e.network.id,
    EndpointID: e.endpointId,
    Gateway: e.network.gateway,
    IPAddress: e.ip,
    IPPrefixLen: e.network.prefixLen,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    MacAddress: e.mac,
    DriverOpts: null,
  };
}

export function inspectContainer(c: Container): Json {
  const running = c.status === 'running';
  const primary = c.endpoints.find((e) => e.network.isDefault);
  const dir = `/var/lib/docker/containers/${c.id}`;
  const layer = c.sandboxId ? c.sandboxId.split('').reverse().join('') : c.id.split('').reverse().join('');
  const networks = sortedMap(c.endpoints.map((e) => [e.network.name, endpointJson(c, e)]));
  const bindings = portBindings(c.config.ports);
  const ports = sortedMap(Object.keys(bindings).map((k) => [k, running ? bindings[k] : null]));
  return {
    Id: c.id,
    Created: c.created,
    Path: c.config.cmd[0],
    Args: c.config.cmd.slice(1),
    State: {
      Status: c.status,
      Running: running,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: c.pid,
      ExitCode: c.exitCode,
      Error: '',
      StartedAt: c.startedText,
      FinishedAt: c.finishedText,
    },
    Image: `sha256:${c.config.image.id}`,
    ResolvConfPath: `${dir}/resolv.conf`,
    HostnamePath: `${dir}/hostname`,
    HostsPath: `${dir}/hosts`,
    LogPath: `${dir}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    HostConfig: {
      ...(JSON.parse(JSON.stringify(HOST_CONFIG_DEFAULTS)) as Record<string, Json>),
      NetworkMode: c.config.networkMode,
      PortBindings: portBindings(c.config.ports),
      AutoRemove: c.config.autoRemove,
      CapAdd: c.config.capAdd.length > 0 ? c.config.capAdd : null,
      Privileged: c.config.privileged,
    },
    GraphDriver: {
      Data: {
        LowerDir: `/var/lib/docker/overlay2/${layer}-init/diff:/var/lib/docker/overlay2/${c.config.image.id}/diff`,
        MergedDir: `/var/lib/docker/overlay2/${layer}/merged`,
        UpperDir: `/var/lib/docker/overlay2/${layer}/diff`,
        WorkDir: `/var/lib/docker/overlay2/${layer}/work`,
      },
      Name: 'overlay2',
    },
    Mounts: [],
    Config: {
      Hostname: c.config.hostname,
      Domainname: '',
      User: '',
      AttachStdin: !c.config.detached && c.config.interactive,
      AttachStdout: !c.config.detached,
      AttachStderr: !c.config.detached,
      ...(c.config.ports.length ? { ExposedPorts: sortedMap(c.config.ports.map((p) => [portKey(p), {}])) } : {}),
      Tty: c.config.tty,
      OpenStdin: c.config.interactive,
      StdinOnce: !c.config.detached && c.config.interactive,
      Env: c.config.env.length ? c.config.env : null,
      Cmd: c.config.cmd,
      Image: c.config.imageRef,
      Volumes: null,
      WorkingDir: '',
      Entrypoint: null,
      OnBuild: null,
      Labels: {},
    },
    NetworkSettings: {
      Bridge: '',
      SandboxID: running ? c.sandboxId : '',
      HairpinMode: false,
      LinkLocalIPv6Address: '',
      LinkLocalIPv6PrefixLen: 0,
      Ports: ports,
      SandboxKey: running ? `/var/run/docker/netns/${c.sandboxId.slice(0, 12)}` : '',
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: primary?.endpointId ?? '',
      Gateway: primary?.network.gateway ?? '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      IPAddress: primary?.ip ?? '',
      IPPrefixLen: primary?.network.prefixLen ?? 0,
      IPv6Gateway: '',
      MacAddress: primary?.mac ?? '',
      Networks: networks,
    },
  };
}

export function inspectNetwork(daemon: DockerDaemon, net: Network): Json {
  const entries: [string, Json][] = [];
  for (const id of net.containers) {
    const c = daemon.containers.find((x) => x.id === id);
    const e = c?.endpoints.find((x) => x.network === net);
    if (!c || !e) continue;
    entries.push([id, { Name: c.name, EndpointID: e.endpointId, MacAddress: e.mac, IPv4Address: `${e.ip}/${net.prefixLen}`, IPv6Address: '' }]);
  }
  const containers = sortedMap(entries);
  const options: Record<string, Json> = net.isDefault
    ? {
        'com.docker.network.bridge.default_bridge': 'true',
        'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'true',
        'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
        'com.docker.network.bridge.name': 'docker0',
        'com.docker.network.driver.mtu': '1500',
      }
    : {};
  return {
    Name: net.name,
    Id: net.id,
    Created: net.created,
    Scope: 'local',
    Driver: net.driver,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: net.isDefault ? null : {}, Config: [{ Subnet: net.subnet, Gateway: net.gateway }] },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containers,
    Options: options,
    Labels: {},
  };
}

/** Docker prints inspect output with 4-space indentation and Go's HTML-safe escapes. */
export function toDockerJson(value: Json): string {
  return JSON.stringify(value, null, 4).replace(/[<>&]/g, (ch) => `\\u00${ch.charCodeAt(0).toString(16)}`);
}


export type { Json };

// cspell:words Resolv
