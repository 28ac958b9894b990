// The Docker daemon model (20.10): containers with namespaces, veth pairs on
// the bridge, addresses, routes, the iptables rules dockerd writes (through the
// host's netfilter), docker-proxy processes, and the undo of all of it on stop
// and rm. Ids, MACs and veth names come from the world's seeded random source.
import type { Machine, Process, World } from '../../sim/world.js';
import type { NetNamespace } from '../../sim/net/namespace.js';
import type { BridgeDevice } from '../../sim/link/bridge.js';
import type { VethDevice } from '../../sim/link/veth.js';
import { dockerMacFor } from '../../sim/wire/addr.js';
import { runIptables } from '../iptables/run.js';
import { netfilterOf } from '../../sim/netfilter/kernel.js';
import type { Netfilter } from '../../sim/netfilter/netfilter.js';
import type { Ipv4Packet } from '../../sim/wire/packet.js';
import { findImage, type Image } from './images.js';
import { allocateAddress, nextSubnet, releaseAddress, type Network } from './network.js';
import { baseRules, networkRules, portRules, type PortMapping } from './rules.js';
import { rfc3339Nano, ZERO_TIME } from './time.js';
import { startTcpProxy, type TcpProxy } from './docker-proxy.js';
import { SocketError } from '../../sim/transport/errors.js';
import { setNameServer } from '../../sim/transport/resolve.js';

/** An error as the docker CLI prints it (`Error response from daemon: ...`), with its exit status. */
export class DockerError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

export type ContainerStatus = 'created' | 'running' | 'exited';

export interface Endpoint {
  network: Network;
  ip: string;
  mac: string;
  endpointId: string;
  hostVeth: string;
  ifname: string;
  /** `--network-alias` names the embedded DNS answers for on this network. */
  aliases: string[];
}

export interface ContainerConfig {
  image: Image;
  /** As typed: `ubuntu`, `lab/debian:bookworm`. */
  imageRef: string;
  cmd: string[];
  hostname: string;
  env: string[];
  tty: boolean;
  interactive: boolean;
  /** Started with -d (nothing attached). */
  detached: boolean;
  autoRemove: boolean;
  ports: PortMapping[];
  networkMode: string;
  /** `--network-alias` values, for the network of `networkMode`. */
  networkAliases: string[];
  /** `--cap-add` values as the 20.10 CLI normalizes them (`CAP_NET_ADMIN`, `ALL`). */
  capAdd: string[];
  privileged: boolean;
}

/** CAP_NET_ADMIN: Docker's default capability set leaves it out; `--cap-add NET_ADMIN` (or ALL) and `--privileged` grant it. */
export function hasNetAdmin(config: ContainerConfig): boolean {
  return config.privileged || config.capAdd.some((cap) => cap === 'ALL' || cap === 'CAP_NET_ADMIN');
}

export interface LogLine {
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface Container {
  id: string;
  name: string;
  config: ContainerConfig;
  status: ContainerStatus;
  pid: number;
  exitCode: number;
  created: string;
  createdAt: number;
  startedAt?: number;
  startedText: string;
  finishedAt?: number;
  finishedText: string;
  sandboxId: string;
  ns?: NetNamespace;
  endpoints: Endpoint[];
  proxies: { process: Process; forwarder?: TcpProxy }[];
  logs: LogLine[];
  restartCount: number;
}

export interface CreateOptions {
  image: string;
  name?: string;
  hostname?: string;
  cmd?: string[];
  env?: string[];
  tty?: boolean;
  interactive?: boolean;
  detach?: boolean;
  autoRemove?: boolean;
  /** `-p` values as typed. */
  publish?: string[];
  network?: string;
  networkAliases?: string[];
  /** `--cap-add` values. */
  capAdd?: string[];
  privileged?: boolean;
}

export type DaemonEvent = { kind: 'start' | 'stop' | 'remove' | 'create'; container: Container };

const DEFAULT_BRIDGE = { subnet: '172.17.0.0/16', gateway: '172.17.0.1', prefixLen: 16 };
const STOP_GRACE_MS = 10_000;
const MAX_LOG_LINES = 5000;

export class DockerDaemon {
  readonly containers: Container[] = [];
  readonly networks: Network[] = [];
  readonly pulled = new Set<Image>();
  private readonly listeners = new Set<(e: DaemonEvent) => void>();
  private readonly hostNs: NetNamespace;
  private readonly nf: Netfilter<Ipv4Packet>;
  readonly dockerdPid: number;
  private readonly containerdPid: number;

  constructor(
    readonly world: World,
    readonly machine: Machine,
  ) {
    this.hostNs = machine.rootNs;
    this.nf = netfilterOf(this.hostNs);
    this.containerdPid = machine.spawn('containerd', { args: ['/usr/bin/containerd'] }).pid;
    this.dockerdPid = machine.spawn('dockerd', { args: ['/usr/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'] }).pid;
    this.hostNs.sysctl.set('net.ipv4.ip_forward', '1');
    this.hostNs.sysctl.set('net.ipv4.conf.all.forwarding', '1');
    this.hostNs.sysctl.set('net.bridge.bridge-nf-call-iptables', '1');
    for (const argv of baseRules()) this.iptables(argv);
    // The lab's own image is built on the host beforehand; the others need a pull.
    this.pulled.add(findImage('lab/debian:bookworm')!);
    this.addNetwork('bridge', 'docker0', DEFAULT_BRIDGE.subnet, DEFAULT_BRIDGE.gateway, true);
    for (const [name, driver] of [['host', 'host'], ['none', 'null']] as const) {
      this.networks.push({ id: this.hex(64), name, driver, bridgeName: '', subnet: '', prefixLen: 0, gateway: '', created: this.nowText(), isDefault: false, containers: [], used: new Set() });
    }
  }

  onEvent(listener: (e: DaemonEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(kind: DaemonEvent['kind'], container: Container): void {
    for (const l of this.listeners) l({ kind, container });
  }

  private iptables(argv: string[]): void {
    const r = runIptables(this.nf, argv);
    if (r.status !== 0) throw new Error(`dockerd: iptables ${argv.join(' ')}: ${r.stderr}`);
  }

  /** Hex digits from the seeded source (ids, veth names). */
  private hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.world.random() * 16).toString(16);
    return s;
  }

  private nanos(): number {
    return Math.floor(this.world.random() * 1_000_000);
  }

  private nowText(): string {
    return rfc3339Nano(this.world.clock.wallTimeMs(), this.nanos());
  }

  // ---- networks -------------------------------------------------------------

  private addNetwork(name: string, bridgeName: string, subnet: string, gateway: string, isDefault: boolean): Network {
    const id = this.hex(64);
    const bridgeDev = bridgeName || `br-${id.slice(0, 12)}`;
    const prefixLen = Number(subnet.split('/')[1]);
    const bridge = this.world.links.createBridge(this.hostNs, bridgeDev, dockerMacFor(`${[this.rand8(), this.rand8(), this.rand8(), this.rand8()].join('.')}`));
    this.hostNs.addAddress(bridge, gateway, prefixLen);
    this.hostNs.setLinkUp(bridge, true);
    // A bridge Docker 20.10 makes shows one carrier change before any port: libnetwork turns its carrier off.
    // (Its IGMP reports for the router discovery group are not simulated; the real lab host sends none.)
    bridge.carrierChanges = 1;
    const net: Network = { id, name, driver: 'bridge', bridgeName: bridgeDev, bridge, subnet, prefixLen, gateway, created: this.nowText(), isDefault, containers: [], used: new Set([1]) };
    for (const argv of networkRules(bridgeDev, subnet).add) this.iptables(argv);
    this.networks.push(net);
    return net;
  }

  private rand8(): number {
    return Math.floor(this.world.random() * 256);
  }

  network(ref: string): Network | undefined {
    return this.networks.find((n) => n.name === ref || n.id === ref) ?? (ref.length >= 1 ? this.networks.find((n) => n.id.startsWith(ref)) : undefined);
  }

  createNetwork(name: string, subnet?: string, gateway?: string): Network {
    if (this.networks.some((n) => n.name === name)) throw new DockerError(`Error response from daemon: network with name ${name} already exists`);
    const pool = subnet ? { subnet, gateway: gateway ?? subnet.replace(/\.0\/\d+$/, '.1') } : nextSubnet(this.networks);
    if (!pool) throw new DockerError('Error response from daemon: could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
    return this.addNetwork(name, '', pool.subnet, pool.gateway, false);
  }

  removeNetwork(ref: string): Network {
    const net = this.network(ref);
    if (!net) throw new DockerError(`Error response from daemon: network ${ref} not found`);
    if (net.isDefault || net.driver !== 'bridge') throw new DockerError(`Error response from daemon: ${net.name} is a pre-defined network and cannot be removed`, 1);
    if (net.containers.length > 0) {
      throw new DockerError(`Error response from daemon: error while removing network: network ${net.name} id ${net.id} has active endpoints`);
    }
    for (const argv of networkRules(net.bridgeName, net.subnet).remove) this.iptables(argv);
    if (net.bridge) this.world.links.delete(net.bridge);
    this.networks.splice(this.networks.indexOf(net), 1);
    return net;
  }

  // ---- containers -----------------------------------------------------------

  /** By name (with or without `/`), full id or unique id prefix. */
  container(ref: string): Container | undefined {
    const name = ref.replace(/^\//, '');
    const exact = this.containers.find((c) => c.name === name || c.id === ref);
    if (exact) return exact;
    const matches = this.containers.filter((c) => c.id.startsWith(ref));
    return matches.length === 1 ? matches[0] : undefined;
  }

  mustFind(ref: string): Container {
    const c = this.container(ref);
    if (!c) throw new DockerError(`Error: No such container: ${ref}`);
    return c;
  }

  create(opts: CreateOptions): Container {
    const image = findImage(opts.image);
    if (!image) {
      throw new DockerError(
        `Unable to find image '${opts.image.includes(':') ? opts.image : `${opts.image}:latest`}' locally\ndocker: Error response from daemon: pull access denied for ${opts.image.split(':')[0]}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied.\nSee 'docker run --help'.`,
        125,
      );
    }
    const networkMode = opts.network ?? 'default';
    const netName = networkMode === 'default' ? 'bridge' : networkMode;
    if (!this.network(netName) && netName !== 'none' && netName !== 'host') {
      throw new DockerError(`docker: Error response from daemon: network ${netName} not found.\nSee 'docker run --help'.`, 125);
    }
    const ports = (opts.publish ?? []).map(parsePublish);
    for (const p of ports) if (p.hostPort === 0) p.hostPort = this.ephemeralPort(p.proto, ports);
    const id = this.hex(64);
    const name = opts.name ?? this.generatedName();
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
      throw new DockerError(`docker: Error response from daemon: Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed.\nSee 'docker run --help'.`, 125);
    }
    const taken = this.containers.find((c) => c.name === name);
    if (taken) {
      throw new DockerError(
        `docker: Error response from daemon: Conflict. The container name "/${name}" is already in use by container "${taken.id}". You have to remove (or rename) that container to be able to reuse that name.\nSee 'docker run --help'.`,
        125,
      );
    }
    const container: Container = {
      id,
      name,
      config: {
        image,
        imageRef: opts.image,
        cmd: opts.cmd && opts.cmd.length > 0 ? opts.cmd : image.cmd,
        hostname: opts.hostname ?? id.slice(0, 12),
        env: opts.env ?? [],
        tty: !!opts.tty,
        interactive: !!opts.interactive,
        detached: !!opts.detach,
        autoRemove: !!opts.autoRemove,
        ports,
        networkMode,
        networkAliases: opts.networkAliases ?? [],
        capAdd: (opts.capAdd ?? []).map((cap) => (cap.toUpperCase() === 'ALL' ? 'ALL' : `CAP_${cap.toUpperCase().replace(/^CAP_/, '')}`)),
        privileged: !!opts.privileged,
      },
      status: 'created',
      pid: 0,
      exitCode: 0,
      created: this.nowText(),
      createdAt: this.world.clock.now(),
      startedText: ZERO_TIME,
      finishedText: ZERO_TIME,
      sandboxId: '',
      endpoints: [],
      proxies: [],
      logs: [],
      restartCount: 0,
    };
    this.pulled.add(image);
    this.containers.push(container);
    this.emit('create', container);
    return container;
  }

  // Docker's port allocator hands out 49153, 49154, ... for `-p CONTAINERPORT`.
  private ephemeralPort(proto: string, pending: PortMapping[]): number {
    const all = [...this.containers.flatMap((c) => c.config.ports), ...pending];
    const used = new Set(all.filter((p) => p.proto === proto).map((p) => p.hostPort));
    let port = 49153;
    while (used.has(port)) port++;
    return port;
  }

  private generatedName(): string {
    const adjectives = ['admiring', 'brave', 'charming', 'eager', 'festive', 'gifted', 'happy', 'jolly', 'keen', 'lucid', 'modest', 'nifty', 'quirky', 'serene', 'vibrant', 'zealous'];
    const surnames = ['babbage', 'curie', 'darwin', 'euler', 'feynman', 'galileo', 'hopper', 'kepler', 'lovelace', 'newton', 'pascal', 'ritchie', 'shannon', 'turing', 'wozniak', 'yalow'];
    for (;;) {
      const name = `${adjectives[Math.floor(this.world.random() * adjectives.length)]}_${surnames[Math.floor(this.world.random() * surnames.length)]}`;
      if (!this.containers.some((c) => c.name === name)) return name;
    }
  }

  /** Starts a created or exited container: namespace, veth, address, routes, rules, process. */
  start(c: Container): void {
    if (c.status === 'running') return;
    const m = this.machine;
    c.sandboxId = this.hex(64);
    const netName = c.config.networkMode === 'default' ? 'bridge' : c.config.networkMode;
    const net = this.network(netName);
    // --network host shares the host's namespace; every other mode gets its own.
    const ns = net?.driver === 'host' ? this.hostNs : m.createNamespace(c.name);
    if (ns !== this.hostNs) {
      ns.nsfsPath = `/run/docker/netns/${c.sandboxId.slice(0, 12)}`;
      // Docker turns IPv6 off in a container whose networks have none (the default bridge).
      ns.sysctl.set('net.ipv6.conf.all.disable_ipv6', '1');
      ns.setLinkUp(ns.loopback!, true);
    }
    c.ns = ns;
    if (ns !== this.hostNs) {
      setNameServer(ns, {
        lookup: (name) => this.lookupName(c, name),
        reverse: (ip) => this.reverseName(c, ip),
        // Only a container on a user-defined network asks the embedded server; on the default bridge resolv.conf is the host's.
        answersNotFound: () => c.endpoints.some((e) => !e.network.isDefault),
      });
    }
    try {
      if (net && net.driver === 'bridge') this.attach(c, net, c.config.networkAliases);
    } catch (err) {
      for (const e of [...c.endpoints]) this.detach(c, e.network);
      m.deleteNamespace(ns);
      c.ns = undefined;
      throw err;
    }
    const proc = m.spawn(c.config.cmd[0].split('/').pop()!, { netns: ns, ppid: this.containerdPid, args: c.config.cmd, hostname: c.config.hostname });
    c.pid = proc.pid;
    c.status = 'running';
    c.startedAt = this.world.clock.now();
    c.startedText = this.nowText();
    c.exitCode = 0;
    this.emit('start', c);
  }

  /** Connects a container to a bridge network: veth pair, eth0/ethN, address, default route (first network). */
  attach(c: Container, net: Network, aliases: string[] = []): Endpoint {
    if (c.endpoints.some((e) => e.network === net)) {
      throw new DockerError(`Error response from daemon: endpoint with name ${c.name} already exists in network ${net.name}`);
    }
    const ip = allocateAddress(net);
    if (!ip) throw new DockerError(`Error response from daemon: no available IPv4 addresses on this network's address pools: ${net.name} (${net.id})`);
    const ns = c.ns!;
    const hostVeth = `veth${this.hex(7)}`;
    const mac = dockerMacFor(ip);
    const [hostEnd, peer] = this.world.links.createVethPair(this.hostNs, hostVeth, `veth${this.hex(7)}`, { peerMac: mac });
    const ifname = `eth${c.endpoints.length}`;
    this.world.links.move(peer, ns, ifname);
    (net.bridge as BridgeDevice).addPort(hostEnd);
    this.hostNs.setLinkUp(hostEnd, true);
    ns.setLinkUp(peer, true);
    ns.addAddress(peer, ip, net.prefixLen);
    if (c.endpoints.length === 0) {
      ns.routes.add({ dst: '0.0.0.0', prefixLen: 0, type: 'unicast', gateway: net.gateway, dev: peer, proto: 'boot', scope: 'global' });
    }
    const endpoint: Endpoint = { network: net, ip, mac, endpointId: this.hex(64), hostVeth, ifname, aliases };
    c.endpoints.push(endpoint);
    net.containers.push(c.id);
    if (c.endpoints.length === 1) {
      for (const p of c.config.ports) {
        for (const argv of portRules(net.bridgeName, ip, p).add) this.iptables(argv);
        this.startProxy(c, p, ip);
      }
    }
    return endpoint;
  }

  /** docker-proxy: serves the published port for traffic DNAT cannot reach (from the host itself via 127.0.0.1, hairpin). */
  private startProxy(c: Container, p: PortMapping, containerIp: string): void {
    const hostIp = p.hostIp || '0.0.0.0';
    const process = this.machine.spawn('docker-proxy', {
      ppid: this.dockerdPid,
      args: ['/usr/bin/docker-proxy', '-proto', p.proto, '-host-ip', hostIp, '-host-port', String(p.hostPort), '-container-ip', containerIp, '-container-port', String(p.containerPort)],
    });
    const entry: Container['proxies'][number] = { process };
    c.proxies.push(entry);
    if (p.proto !== 'tcp') return;
    try {
      entry.forwarder = startTcpProxy(this.hostNs, { hostIp, hostPort: p.hostPort, containerIp, containerPort: p.containerPort, owner: { command: 'docker-proxy', pid: process.pid, fd: 4 } });
    } catch (err) {
      if (!(err instanceof SocketError)) throw err;
      throw new DockerError(
        `docker: Error response from daemon: driver failed programming external connectivity on endpoint ${c.name} (${this.hex(64)}): Error starting userland proxy: listen tcp4 ${hostIp}:${p.hostPort}: bind: address already in use.`,
        125,
      );
    }
  }

  detach(c: Container, net: Network): void {
    const endpoint = c.endpoints.find((e) => e.network === net);
    if (!endpoint) throw new DockerError(`Error response from daemon: container ${c.id} is not connected to network ${net.name}`);
    if (c.endpoints[0] === endpoint) {
      for (const p of c.config.ports) for (const argv of portRules(net.bridgeName, endpoint.ip, p).remove) this.iptables(argv);
      for (const proxy of c.proxies) {
        proxy.forwarder?.close();
        this.machine.kill(proxy.process.pid);
      }
      c.proxies = [];
    }
    const hostEnd = this.hostNs.device(endpoint.hostVeth) as VethDevice | undefined;
    if (hostEnd) this.world.links.delete(hostEnd);
    releaseAddress(net, endpoint.ip);
    net.containers = net.containers.filter((id) => id !== c.id);
    c.endpoints = c.endpoints.filter((e) => e !== endpoint);
  }

  /**
   * The embedded DNS server (127.0.0.11) answering `from`: on each user-defined network `from` is on,
   * a running container's name, short id or network alias, also as `NAME.NETWORK`. The default
   * bridge has no such names (its containers ask the host's nameserver).
   */
  lookupName(from: Container, name: string): string | undefined {
    const wanted = name.toLowerCase();
    for (const { network, peer, endpoint } of this.peersOf(from)) {
      const names = [peer.name, peer.id.slice(0, 12), ...endpoint.aliases].map((n) => n.toLowerCase());
      if (names.some((n) => n === wanted || `${n}.${network.name.toLowerCase()}` === wanted)) return endpoint.ip;
    }
    return undefined;
  }

  /** The embedded DNS server's PTR answer: `NAME.NETWORK` for a container address on a shared user-defined network. */
  reverseName(from: Container, ip: string): string | undefined {
    const hit = this.peersOf(from).find(({ endpoint }) => endpoint.ip === ip);
    return hit && `${hit.peer.name}.${hit.network.name}`;
  }

  private peersOf(from: Container): { network: Network; peer: Container; endpoint: Endpoint }[] {
    return from.endpoints
      .filter((e) => !e.network.isDefault)
      .flatMap(({ network }) =>
        this.containers.flatMap((peer) => {
          const endpoint = peer.status === 'running' ? peer.endpoints.find((e) => e.network === network) : undefined;
          return endpoint ? [{ network, peer, endpoint }] : [];
        }),
      );
  }

  /** The container's main process ends: everything `start` built is undone. */
  private halt(c: Container, exitCode: number): void {
    if (c.status !== 'running') return;
    for (const e of [...c.endpoints]) this.detach(c, e.network);
    this.machine.kill(c.pid);
    if (c.ns) {
      setNameServer(c.ns, undefined);
      this.machine.deleteNamespace(c.ns);
    }
    c.ns = undefined;
    c.pid = 0;
    c.status = 'exited';
    c.exitCode = exitCode;
    c.finishedAt = this.world.clock.now();
    c.finishedText = this.nowText();
    this.emit('stop', c);
    if (c.config.autoRemove) this.remove(c, true);
  }

  /** The main process exited by itself (the shell typed `exit`, a one-shot command finished). */
  processExited(c: Container, exitCode: number): void {
    this.halt(c, exitCode);
  }

  /**
   * `docker stop`: SIGTERM, then SIGKILL after the grace period. Shells and
   * servers running as PID 1 ignore SIGTERM, so this takes the full 10 s and
   * ends with 137, as on a real host.
   */
  async stop(c: Container, graceMs = STOP_GRACE_MS): Promise<void> {
    if (c.status !== 'running') return;
    await this.world.clock.sleep(graceMs);
    this.halt(c, 137);
  }

  kill(c: Container): void {
    if (c.status !== 'running') throw new DockerError(`Error response from daemon: Cannot kill container: ${c.name}: Container ${c.id} is not running`);
    this.halt(c, 137);
  }

  remove(c: Container, force = false): void {
    if (c.status === 'running') {
      if (!force) {
        throw new DockerError(`Error response from daemon: You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`);
      }
      const auto = c.config.autoRemove;
      c.config.autoRemove = false;
      this.halt(c, 137);
      c.config.autoRemove = auto;
    }
    const i = this.containers.indexOf(c);
    if (i < 0) return;
    this.containers.splice(i, 1);
    this.emit('remove', c);
  }

  appendLog(c: Container, stream: LogLine['stream'], text: string): void {
    c.logs.push({ time: this.world.clock.wallTimeMs(), stream, text });
    if (c.logs.length > MAX_LOG_LINES) c.logs.splice(0, c.logs.length - MAX_LOG_LINES);
  }
}

/** `-p [ip:][hostPort:]containerPort[/proto]`. */
export function parsePublish(spec: string): PortMapping {
  const bad = () => new DockerError(`docker: Invalid hostPort: ${spec}.\nSee 'docker run --help'.`, 125);
  const [ports, protoText] = spec.split('/');
  const proto = (protoText ?? 'tcp') as 'tcp' | 'udp';
  if (proto !== 'tcp' && proto !== 'udp') throw new DockerError(`docker: Invalid proto: ${protoText}.\nSee 'docker run --help'.`, 125);
  const parts = ports.split(':');
  let hostIp = '';
  let hostPort: string;
  let containerPort: string;
  if (parts.length === 3) [hostIp, hostPort, containerPort] = parts;
  else if (parts.length === 2) [hostPort, containerPort] = parts;
  else [hostPort, containerPort] = ['', parts[0]];
  if (containerPort === '') throw new DockerError(`docker: No port specified: ${spec}<empty>.\nSee 'docker run --help'.`, 125);
  // No host port: the daemon picks one from the ephemeral range (0 marks it).
  if (hostPort === '') hostPort = '0';
  if (!/^\d+$/.test(hostPort) || !/^\d+$/.test(containerPort) || Number(hostPort) > 65535 || Number(containerPort) > 65535) throw bad();
  return { proto, hostIp, hostPort: Number(hostPort), containerPort: Number(containerPort) };
}

// cspell:words ifname
