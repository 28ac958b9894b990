// A network namespace: its own interfaces, addresses, routes, neighbours,
// sysctls, netfilter tables and sockets. It is the `LinkHost` its devices are
// attached to (link/dispatcher.ts), with the IPv4 stack as their dispatcher.
import { broadcastOf, inSubnet, ipToInt, networkOf, type Ipv4 } from '../wire/addr.js';
import type { IfAddress, NetDevice } from '../link/device.js';
import type { FrameDispatcher, LinkHost } from '../link/dispatcher.js';
import type { World, Machine } from '../world.js';
import { RouteTable } from './routes.js';
import { NeighbourTable } from './neighbour.js';
import { passThroughNetfilter, type NetfilterHooks, type TransportLayer } from './hooks.js';
import { Ipv4Stack } from './ipv4.js';
import { closedPortTransport } from './closed-ports.js';
import { DEVICE_CONF, IPV6_DEVICE_CONF, SysctlTable } from './sysctl-table.js';
import { CONNTRACK_SYSCTLS } from '../netfilter/conntrack.js';
import { configureInet6 } from './addrconf.js';

export interface AddAddressOptions {
  /** The broadcast address; the subnet's when absent (as Docker sets it), none with `noBroadcast`. */
  broadcast?: Ipv4;
  /** `ip addr add` without `brd`: no broadcast address. */
  noBroadcast?: boolean;
  scope?: IfAddress['scope'];
  dynamic?: IfAddress['dynamic'];
  /** Do not add the connected route (`noprefixroute`). */
  noPrefixRoute?: boolean;
}

/** Sysctls every new namespace starts with (as on a fresh Linux namespace). */
export const DEFAULT_SYSCTLS: Readonly<Record<string, string>> = {
  'net.ipv4.ip_forward': '0',
  'net.ipv4.icmp_echo_ignore_all': '0',
  'net.ipv4.icmp_echo_ignore_broadcasts': '1',
  'net.ipv4.ip_default_ttl': '64',
  'net.ipv4.ip_local_port_range': '32768\t60999',
  'net.core.somaxconn': '4096',
  'net.mptcp.enabled': '1',
  'net.unix.max_dgram_qlen': '512',
  ...CONNTRACK_SYSCTLS,
  // every conf entry exists for `all` and `default` too
  ...Object.fromEntries(
    ['all', 'default'].flatMap((scope) => [
      ...Object.entries(DEVICE_CONF).map(([entry, value]) => [`net.ipv4.conf.${scope}.${entry}`, value]),
      ...Object.entries(IPV6_DEVICE_CONF).map(([entry, value]) => [`net.ipv6.conf.${scope}.${entry}`, value]),
    ]),
  ),
};

export class NetNamespace implements LinkHost {
  readonly routes = new RouteTable();
  readonly neigh: NeighbourTable;
  readonly ip: Ipv4Stack;
  /** Where this namespace's devices hand the frames they receive: the IPv4 stack. */
  readonly dispatcher: FrameDispatcher;
  readonly sysctl = new SysctlTable(Object.entries(DEFAULT_SYSCTLS));
  netfilter: NetfilterHooks = passThroughNetfilter;
  transport: TransportLayer = closedPortTransport;
  /** Name in /var/run/netns when `ip netns` knows it (`ip netns list`). */
  netnsName?: string;
  /** Where the namespace is bind-mounted (lsns NSFS column), e.g. /run/docker/netns/<12 hex>. */
  nsfsPath?: string;
  /** Next interface index to hand out; Linux counts per namespace. */
  nextIfindex = 1;
  /** Counts IPv6 address assignments (Inet6Address.order). */
  private inet6Assigned = 0;
  private readonly devicesByIndex = new Map<number, NetDevice>();
  private readonly peerIds = new Map<NetNamespace, number>();
  /** Local and broadcast addresses, rebuilt after any address or device change (per-packet lookups). */
  private addressCache?: { local: Set<Ipv4>; broadcast: Set<Ipv4> };

  constructor(
    readonly world: World,
    readonly machine: Machine,
    /** Node id: terminal name (`host`, `c1`, `host01`) or another stable name. */
    readonly name: string,
    /** The namespace's inode number, as `ls -l /proc/PID/ns/net` and lsns show it. */
    readonly inode: number,
  ) {
    this.neigh = new NeighbourTable(this, (dev, ip, mac, hint) => this.ip.sendArpRequest(dev, ip, mac, hint));
    this.ip = new Ipv4Stack(this);
    this.dispatcher = this.ip;
    this.sysctl.watchValues((key) => {
      if (key.startsWith('net.ipv6.conf.') && key.endsWith('.disable_ipv6')) this.configureInet6();
    });
  }

  // ---- interfaces -------------------------------------------------------

  /** Interfaces in ifindex order. */
  devices(): NetDevice[] {
    return [...this.devicesByIndex.values()].sort((a, b) => a.ifindex - b.ifindex);
  }

  device(name: string): NetDevice | undefined {
    for (const d of this.devicesByIndex.values()) if (d.name === name || d.altnames.includes(name)) return d;
    return undefined;
  }

  deviceByIndex(ifindex: number): NetDevice | undefined {
    return this.devicesByIndex.get(ifindex);
  }

  get loopback(): NetDevice | undefined {
    for (const d of this.devicesByIndex.values()) if (d.kind === 'loopback') return d;
    return undefined;
  }

  /** The next free interface index, or `preferred` when it is free here. */
  allocateIfindex(preferred?: number): number {
    if (preferred !== undefined && !this.devicesByIndex.has(preferred)) {
      this.nextIfindex = Math.max(this.nextIfindex, preferred + 1);
      return preferred;
    }
    while (this.devicesByIndex.has(this.nextIfindex)) this.nextIfindex++;
    return this.nextIfindex++;
  }

  /** Adds a device created for this namespace (its ifindex already allocated here) and becomes its `LinkHost`. */
  attach(dev: NetDevice): void {
    this.addressCache = undefined;
    dev.ns = this;
    this.devicesByIndex.set(dev.ifindex, dev);
    this.sysctl.addDevice(dev.name);
  }

  /** Takes a device out of this namespace with its addresses, routes and neighbours. */
  detachDevice(dev: NetDevice): void {
    if (this.devicesByIndex.get(dev.ifindex) !== dev) return;
    this.setLinkUp(dev, false);
    dev.addresses.length = 0;
    this.routes.remove((r) => r.dev === dev);
    this.neigh.forgetDevice(dev);
    dev.detach();
    this.devicesByIndex.delete(dev.ifindex);
    this.sysctl.removeDevice(dev.name);
    dev.inet6.length = 0;
    this.addressCache = undefined;
    this.world.taps.deviceGone(dev);
  }

  /** `ip link set DEV up|down`: connected routes come and go with it. */
  setLinkUp(dev: NetDevice, up: boolean): void {
    if (dev.adminUp === up) return;
    dev.adminUp = up;
    // inetdev_event(NETDEV_UP): lo gets 127.0.0.1/8 when it comes up (a new namespace's lo has none before).
    if (up && dev.kind === 'loopback' && !dev.addresses.some((a) => a.address === '127.0.0.1')) this.addAddress(dev, '127.0.0.1', 8, { scope: 'host' });
    if (up) {
      if (dev.addresses.length > 0) this.routes.exists = true;
      for (const a of dev.addresses) this.addConnectedRoute(dev, a);
    } else {
      this.routes.remove((r) => r.dev === dev);
      this.neigh.forgetDevice(dev);
    }
    this.linkStateChanged();
  }

  /**
   * A link's state changed here (up, down, a bridge port added): carrier may
   * have changed on this machine's other namespaces too (a veth's peer).
   */
  linkStateChanged(): void {
    for (const ns of this.machine.namespaces) {
      for (const dev of ns.devices()) dev.noteCarrier();
      ns.configureInet6();
    }
  }

  /** addrconf: every device's IPv6 addresses for its state; a bridge after its ports, as it gets carrier from them. */
  private configureInet6(): void {
    const devices = this.devices();
    const ordered = [...devices.filter((d) => d.kind !== 'bridge'), ...devices.filter((d) => d.kind === 'bridge')];
    for (const dev of ordered) {
      const disabled = (this.sysctl.get(`net.ipv6.conf.${dev.name}.disable_ipv6`) ?? this.sysctl.get('net.ipv6.conf.default.disable_ipv6')) === '1';
      configureInet6(dev, disabled, () => this.inet6Assigned++);
    }
  }

  // ---- addresses --------------------------------------------------------

  addAddress(dev: NetDevice, address: Ipv4, prefixLen: number, options: AddAddressOptions = {}): 'ok' | 'exists' {
    if (dev.addresses.some((a) => a.address === address && a.prefixLen === prefixLen)) return 'exists';
    const scope = options.scope ?? (address.startsWith('127.') ? 'host' : 'global');
    const entry: IfAddress = { address, prefixLen, scope };
    if (options.broadcast) entry.broadcast = options.broadcast;
    else if (prefixLen < 31 && scope !== 'host' && !options.noBroadcast) entry.broadcast = broadcastOf(address, prefixLen);
    if (options.dynamic) entry.dynamic = options.dynamic;
    dev.addresses.push(entry);
    this.addressCache = undefined;
    if (dev.adminUp && !options.noPrefixRoute) this.addConnectedRoute(dev, entry);
    return 'ok';
  }

  removeAddress(dev: NetDevice, address: Ipv4, prefixLen?: number): boolean {
    const i = dev.addresses.findIndex((a) => a.address === address && (prefixLen === undefined || a.prefixLen === prefixLen));
    if (i < 0) return false;
    const [gone] = dev.addresses.splice(i, 1);
    this.addressCache = undefined;
    const net = networkOf(gone.address, gone.prefixLen);
    this.routes.remove((r) => r.dev === dev && r.proto === 'kernel' && r.dst === net && r.prefixLen === gone.prefixLen);
    return true;
  }

  private addConnectedRoute(dev: NetDevice, a: IfAddress): void {
    if (a.scope === 'host') return;
    this.routes.add({ dst: networkOf(a.address, a.prefixLen), prefixLen: a.prefixLen, type: 'unicast', dev, proto: 'kernel', scope: 'link', src: a.address });
  }

  private addresses(): { local: Set<Ipv4>; broadcast: Set<Ipv4> } {
    if (!this.addressCache) {
      const local = new Set<Ipv4>();
      const broadcast = new Set<Ipv4>(['255.255.255.255']);
      for (const d of this.devicesByIndex.values())
        for (const a of d.addresses) {
          local.add(a.address);
          if (a.broadcast) broadcast.add(a.broadcast);
        }
      this.addressCache = { local, broadcast };
    }
    return this.addressCache;
  }

  /** True for any address on any interface of this namespace, and 127.0.0.0/8 when lo is up. */
  isLocalAddress(ip: Ipv4): boolean {
    if (ip.startsWith('127.') && ipToInt(ip) >>> 24 === 127) return this.loopback?.adminUp ?? false;
    return this.addresses().local.has(ip);
  }

  /** A directed broadcast of one of our subnets, or the limited broadcast. */
  isBroadcastAddress(ip: Ipv4): boolean {
    return this.addresses().broadcast.has(ip);
  }

  primaryAddress(dev: NetDevice): Ipv4 | undefined {
    return dev.addresses.find((a) => a.scope !== 'host')?.address ?? dev.addresses[0]?.address;
  }

  /** Source address Linux would pick to reach `toward` out of `dev`. */
  sourceAddressFor(dev: NetDevice, toward: Ipv4): Ipv4 | undefined {
    const same = dev.addresses.find((a) => inSubnet(toward, a.address, a.prefixLen));
    if (same) return same.address;
    const own = this.primaryAddress(dev);
    if (own) return own;
    for (const d of this.devices()) {
      const g = d.addresses.find((a) => a.scope === 'global');
      if (g) return g.address;
    }
    return undefined;
  }

  // ---- netnsids ---------------------------------------------------------

  /** The id this namespace uses for `other` (link-netnsid), assigned on first use like Linux: the lowest free. */
  netnsIdOf(other: NetNamespace, assign = true): number | undefined {
    const known = this.peerIds.get(other);
    if (known !== undefined || !assign) return known;
    const used = new Set(this.peerIds.values());
    let id = 0;
    while (used.has(id)) id++;
    this.peerIds.set(other, id);
    return id;
  }

  /** Namespaces this one has given an id, with the id. */
  peerNamespaces(): Array<{ ns: NetNamespace; id: number }> {
    return [...this.peerIds].map(([ns, id]) => ({ ns, id })).sort((a, b) => a.id - b.id);
  }

  forgetPeer(other: NetNamespace): void {
    this.peerIds.delete(other);
  }
}

/**
 * The namespace a device is attached to. Devices know their host only as a
 * `LinkHost` (the link layer is written without the network layer); in this
 * kernel every host is a namespace.
 */
export function namespaceOf(dev: NetDevice): NetNamespace {
  const host = dev.ns;
  if (host instanceof NetNamespace) return host;
  throw new Error(`${dev.name} is not attached to a network namespace`);
}
