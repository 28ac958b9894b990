// A namespace's sysctls. Two kernel rules live here so every writer (sysctl,
// echo > /proc/sys/..., the daemon) gets them: net.ipv4.ip_forward is the
// same switch as net.ipv4.conf.all.forwarding, and flipping it runs
// inet_forward_change() (default.forwarding follows, all.accept_redirects is
// its inverse). Every device has its own net.ipv4.conf.<device>.* and
// net.ipv6.conf.<device>.* copied from `default` when it appears in the
// namespace, and gone with it.

const FORWARDING_SWITCHES = ['net.ipv4.ip_forward', 'net.ipv4.conf.all.forwarding'];

/** The per-namespace IPv4 device defaults a new namespace copies from init_net (devconf_inherit_init_net=0). */
export const INHERITED_FROM_INIT_NET = /^net\.ipv4\.(ip_forward$|conf\.(all|default)\.)/;

/** The entries of /proc/sys/net/ipv4/conf/<device>/ and their values on a fresh kernel (Linux 5.10). */
export const DEVICE_CONF: Readonly<Record<string, string>> = {
  accept_local: '0',
  accept_redirects: '1',
  accept_source_route: '1',
  arp_accept: '0',
  arp_announce: '0',
  arp_filter: '0',
  arp_ignore: '0',
  arp_notify: '0',
  bc_forwarding: '0',
  bootp_relay: '0',
  disable_policy: '0',
  disable_xfrm: '0',
  drop_gratuitous_arp: '0',
  drop_unicast_in_l2_multicast: '0',
  force_igmp_version: '0',
  forwarding: '0',
  igmpv2_unsolicited_report_interval: '10000',
  igmpv3_unsolicited_report_interval: '1000',
  ignore_routes_with_linkdown: '0',
  log_martians: '0',
  mc_forwarding: '0',
  medium_id: '0',
  promote_secondaries: '0',
  proxy_arp: '0',
  proxy_arp_pvlan: '0',
  route_localnet: '0',
  rp_filter: '0',
  secure_redirects: '1',
  send_redirects: '1',
  shared_media: '1',
  src_valid_mark: '0',
  tag: '0',
};

/** The entries of /proc/sys/net/ipv6/conf/<device>/ the lab reads. */
export const IPV6_DEVICE_CONF: Readonly<Record<string, string>> = {
  accept_ra: '1',
  autoconf: '1',
  disable_ipv6: '0',
  forwarding: '0',
  mc_forwarding: '0',
};

const deviceConf = (device: string): [string, string][] => [
  ...Object.entries(DEVICE_CONF).map(([entry, value]): [string, string] => [`net.ipv4.conf.${device}.${entry}`, value]),
  ...Object.entries(IPV6_DEVICE_CONF).map(([entry, value]): [string, string] => [`net.ipv6.conf.${device}.${entry}`, value]),
];

/** Settings of `all` that Linux copies to every device and to `default` when written. */
const APPLIED_TO_EVERY_DEVICE = /^net\.ipv6\.conf\.all\.(disable_ipv6|forwarding)$/;

/** Told which keys appeared and which went, so /proc/sys can follow. */
export type SysctlKeysListener = (added: string[], removed: string[]) => void;

export class SysctlTable extends Map<string, string> {
  private readonly listeners = new Set<SysctlKeysListener>();
  private readonly valueListeners = new Set<(key: string) => void>();

  override set(key: string, value: string): this {
    this.write(key, value);
    // Map's constructor sets the initial entries before the fields exist.
    for (const listener of this.valueListeners ?? []) listener(key);
    return this;
  }

  private write(key: string, value: string): this {
    const applied = APPLIED_TO_EVERY_DEVICE.exec(key);
    if (applied) {
      for (const k of [...this.keys()]) if (k.startsWith('net.ipv6.conf.') && k.endsWith(`.${applied[1]}`)) super.set(k, value);
      return super.set(key, value);
    }
    if (!FORWARDING_SWITCHES.includes(key)) return super.set(key, value);
    const on = value.trim() === '0' ? '0' : '1';
    for (const k of FORWARDING_SWITCHES) super.set(k, on);
    super.set('net.ipv4.conf.default.forwarding', on);
    super.set('net.ipv4.conf.all.accept_redirects', on === '1' ? '0' : '1');
    // inet_forward_change(): every device follows.
    for (const k of [...this.keys()]) if (/^net\.ipv4\.conf\.[^.]+\.forwarding$/.test(k) && !k.includes('.all.')) super.set(k, on);
    return this;
  }

  /** Calls `listener` with the key after every write. */
  watchValues(listener: (key: string) => void): void {
    this.valueListeners.add(listener);
  }

  /** Calls `listener` whenever keys appear or go (devices coming and going). */
  watch(listener: SysctlKeysListener): void {
    this.listeners.add(listener);
  }

  /** A device appeared: its conf entries start as `default`'s. */
  addDevice(device: string): void {
    const added: string[] = [];
    for (const [key, value] of deviceConf(device)) {
      super.set(key, this.get(key.replace(`.conf.${device}.`, '.conf.default.')) ?? value);
      added.push(key);
    }
    for (const listener of this.listeners) listener(added, []);
  }

  /** A device left the namespace: its conf entries go with it. */
  removeDevice(device: string): void {
    const removed = deviceConf(device).map(([key]) => key);
    for (const key of removed) this.delete(key);
    for (const listener of this.listeners) listener([], removed);
  }

  /** Copies what a new namespace inherits from the initial one. */
  inheritFrom(initNet: ReadonlyMap<string, string>): void {
    for (const [key, value] of initNet) if (INHERITED_FROM_INIT_NET.test(key)) super.set(key, value);
  }
}
