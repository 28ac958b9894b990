// The simulated world: machines (the Docker host, Host01, ...), each with its
// own PID space and network namespaces, the links between them, packet taps,
// path records, a seeded random source and the lab clock.
import { Clock } from './clock.js';
import { namespaceOf, NetNamespace } from './net/namespace.js';
import { LoopbackDevice } from './link/loopback.js';
import { VethDevice } from './link/veth.js';
import { BridgeDevice } from './link/bridge.js';
import { EthernetSegment, NicDevice } from './link/nic.js';
import type { NetDevice } from './link/device.js';
import { TapRegistry } from './trace/taps.js';
import { PathRecorder } from './trace/path.js';
import type { Mac } from './wire/addr.js';

/** init_net's inode on Linux (`net:[4026531992]`). */
export const INIT_NET_INODE = 4026531992;
/** Where inodes of namespaces created later start (proc_alloc_inum hands out numbers above 0xF0000000). */
export const FIRST_DYNAMIC_INODE = 4026532180;

export interface Process {
  pid: number;
  ppid: number;
  /** Short command name (`comm`), e.g. `bash`, `dockerd`. */
  command: string;
  /** Full command line. */
  args: string[];
  user: string;
  netns: NetNamespace;
  /** The host name of its UTS namespace when that is not the machine's (a container's). */
  hostname?: string;
  machine: Machine;
  /** Lab time the process started. */
  startedAt: number;
}

export interface SpawnOptions {
  netns?: NetNamespace;
  ppid?: number;
  args?: string[];
  user?: string;
  /** A specific PID (scenarios reproducing a transcript); otherwise the next free one. */
  pid?: number;
  /** A UTS namespace of its own with this host name; otherwise the parent's, as fork keeps it. */
  hostname?: string;
}

/** Mulberry32: a small, fast, seedable PRNG (same seed, same sequence). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One simulated computer: a kernel with its own PID space and namespaces. */
export class Machine {
  readonly namespaces: NetNamespace[] = [];
  readonly processes = new Map<number, Process>();
  readonly rootNs: NetNamespace;
  /** Next PID handed out. */
  nextPid = 1000;
  private nextInode = FIRST_DYNAMIC_INODE;

  constructor(
    readonly world: World,
    /** Id, e.g. `host`, `host01`. */
    readonly name: string,
    public hostname: string,
  ) {
    this.rootNs = this.createNamespace(name, INIT_NET_INODE);
    this.world.links.createLoopback(this.rootNs, true);
  }

  /**
   * A new network namespace with its own (down) loopback, as `unshare -n`
   * or `ip netns add` make it. `name` is its node id in the lab.
   */
  createNamespace(name: string, inode = this.allocateInode()): NetNamespace {
    const ns = new NetNamespace(this.world, this, name, inode);
    const initNet = this.namespaces[0];
    this.namespaces.push(ns);
    if (initNet) {
      this.world.links.createLoopback(ns, false);
      ns.sysctl.inheritFrom(initNet.sysctl);
    }
    return ns;
  }

  /** Deletes a namespace: its devices go (veth peers with them) and its processes are gone. */
  deleteNamespace(ns: NetNamespace): void {
    if (ns === this.rootNs) return;
    for (const dev of ns.devices()) this.world.links.delete(dev);
    for (const [pid, p] of this.processes) if (p.netns === ns) this.processes.delete(pid);
    const i = this.namespaces.indexOf(ns);
    if (i >= 0) this.namespaces.splice(i, 1);
    for (const other of this.namespaces) other.forgetPeer(ns);
  }

  /** A fresh namespace inode number (other namespace types use them too: mnt, uts, ipc, pid). */
  allocateInode(): number {
    return this.nextInode++;
  }

  namespace(name: string): NetNamespace | undefined {
    return this.namespaces.find((n) => n.name === name || n.netnsName === name);
  }

  spawn(command: string, options: SpawnOptions = {}): Process {
    let pid = options.pid ?? this.nextPid;
    while (this.processes.has(pid)) pid++;
    if (options.pid === undefined) this.nextPid = pid + 1;
    const ppid = options.ppid ?? 1;
    const hostname = options.hostname ?? this.processes.get(ppid)?.hostname;
    const p: Process = {
      pid,
      ppid,
      command,
      args: options.args ?? [command],
      user: options.user ?? 'root',
      netns: options.netns ?? this.rootNs,
      ...(hostname !== undefined && { hostname }),
      machine: this,
      startedAt: this.world.clock.now(),
    };
    this.processes.set(pid, p);
    return p;
  }

  kill(pid: number): boolean {
    return this.processes.delete(pid);
  }

  process(pid: number): Process | undefined {
    return this.processes.get(pid);
  }

  /** Processes in a namespace, lowest PID first. */
  processesIn(ns: NetNamespace): Process[] {
    return [...this.processes.values()].filter((p) => p.netns === ns).sort((a, b) => a.pid - b.pid);
  }
}

/** Creates, moves and deletes interfaces. */
export class LinkFactory {
  constructor(private readonly world: World) {}

  /** A random locally administered unicast MAC from the seeded source (as the kernel gives veths and bridges). */
  randomMac(): Mac {
    const r = this.world.random;
    const bytes = [((Math.floor(r() * 256) & 0xfe) | 0x02) & 0xff];
    for (let i = 0; i < 5; i++) bytes.push(Math.floor(r() * 256));
    return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
  }

  createLoopback(ns: NetNamespace, up: boolean): LoopbackDevice {
    const lo = new LoopbackDevice(ns, ns.allocateIfindex(1));
    ns.attach(lo);
    if (up) ns.setLinkUp(lo, true);
    return lo;
  }

  /** A physical NIC, plugged into `segment` when given. */
  createNic(ns: NetNamespace, name: string, mac: Mac, segment?: EthernetSegment): NicDevice {
    const nic = new NicDevice(ns, name, ns.allocateIfindex(), mac);
    ns.attach(nic);
    segment?.plug(nic);
    return nic;
  }

  createBridge(ns: NetNamespace, name: string, mac: Mac = this.randomMac()): BridgeDevice {
    const br = new BridgeDevice(ns, name, ns.allocateIfindex(), mac);
    ns.attach(br);
    return br;
  }

  /**
   * A veth pair, both ends created in `ns` (consecutive indexes, as Linux
   * does); move one end elsewhere with `move`.
   */
  createVethPair(ns: NetNamespace, name: string, peerName: string, macs: { mac?: Mac; peerMac?: Mac } = {}): [VethDevice, VethDevice] {
    const peerIndex = ns.allocateIfindex();
    const peer = new VethDevice(ns, peerName, peerIndex, macs.peerMac ?? this.randomMac());
    const dev = new VethDevice(ns, name, ns.allocateIfindex(), macs.mac ?? this.randomMac());
    dev.peer = peer;
    peer.peer = dev;
    ns.attach(peer);
    ns.attach(dev);
    return [dev, peer];
  }

  /** `ip link set DEV netns NS [name NEW]`: keeps its ifindex when free there; comes up down. */
  move(dev: NetDevice, target: NetNamespace, newName?: string): void {
    namespaceOf(dev).detachDevice(dev);
    dev.ifindex = target.allocateIfindex(dev.ifindex);
    if (newName) dev.name = newName;
    target.attach(dev);
    if (dev instanceof VethDevice && dev.peer.ns !== target) {
      // Both sides learn an id for each other, as the kernel does when the link is announced.
      const peerNs = namespaceOf(dev.peer);
      target.netnsIdOf(peerNs);
      peerNs.netnsIdOf(target);
    }
  }

  /** `ip link del`: a veth takes its peer with it. */
  delete(dev: NetDevice): void {
    namespaceOf(dev).detachDevice(dev);
    if (dev instanceof BridgeDevice) for (const p of [...dev.ports]) dev.removePort(p);
    if (dev instanceof NicDevice) dev.segment?.unplug(dev);
    if (dev instanceof VethDevice) {
      const peerNs = namespaceOf(dev.peer);
      if (peerNs.deviceByIndex(dev.peer.ifindex) === dev.peer) peerNs.detachDevice(dev.peer);
    }
  }
}

export interface WorldOptions {
  clock?: Clock;
  /** Seed for everything random (MACs, reachable times, IP ids). */
  seed?: number;
}

export class World {
  readonly clock: Clock;
  readonly random: () => number;
  readonly machines = new Map<string, Machine>();
  readonly segments = new Map<string, EthernetSegment>();
  readonly taps = new TapRegistry();
  readonly paths = new PathRecorder();
  readonly links: LinkFactory;

  constructor(options: WorldOptions = {}) {
    this.clock = options.clock ?? new Clock();
    this.random = seededRandom(options.seed ?? 0x5eed);
    this.links = new LinkFactory(this);
  }

  createMachine(name: string, hostname = name): Machine {
    const m = new Machine(this, name, hostname);
    this.machines.set(name, m);
    return m;
  }

  machine(name: string): Machine | undefined {
    return this.machines.get(name);
  }

  segment(name: string): EthernetSegment {
    let s = this.segments.get(name);
    if (!s) this.segments.set(name, (s = new EthernetSegment(name)));
    return s;
  }

  /** Every namespace of every machine. */
  namespaces(): NetNamespace[] {
    return [...this.machines.values()].flatMap((m) => m.namespaces);
  }

  /** A namespace by node id (`host`, `c1`, `host01`). */
  namespace(name: string): NetNamespace | undefined {
    for (const m of this.machines.values()) {
      const ns = m.namespace(name);
      if (ns) return ns;
    }
    return undefined;
  }
}
