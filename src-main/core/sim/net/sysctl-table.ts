// A namespace's sysctls. Two kernel rules live here so every writer (sysctl,
// echo > /proc/sys/..., the daemon) gets them: net.ipv4.ip_forward is the
// same switch as net.ipv4.conf.all.forwarding, and flipping it runs
// inet_forward_change() (default.forwarding follows, all.accept_redirects is
// its inverse).

const FORWARDING_SWITCHES = ['net.ipv4.ip_forward', 'net.ipv4.conf.all.forwarding'];

/** The per-namespace IPv4 device defaults a new namespace copies from init_net (devconf_inherit_init_net=0). */
export const INHERITED_FROM_INIT_NET = /^net\.ipv4\.(ip_forward$|conf\.(all|default)\.)/;

export class SysctlTable extends Map<string, string> {
  override set(key: string, value: string): this {
    if (!FORWARDING_SWITCHES.includes(key)) return super.set(key, value);
    const on = value.trim() === '0' ? '0' : '1';
    for (const k of FORWARDING_SWITCHES) super.set(k, on);
    super.set('net.ipv4.conf.default.forwarding', on);
    super.set('net.ipv4.conf.all.accept_redirects', on === '1' ? '0' : '1');
    return this;
  }

  /** Copies what a new namespace inherits from the initial one. */
  inheritFrom(initNet: ReadonlyMap<string, string>): void {
    for (const [key, value] of initNet) if (INHERITED_FROM_INIT_NET.test(key)) super.set(key, value);
  }
}
