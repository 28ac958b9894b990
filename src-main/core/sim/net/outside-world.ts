// The article's world outside Docker: the Docker host with lo and ens160,
// the lab network, Host01, Host02 and the gateway that answers ARP and ping.
// Docker's own pieces (docker0, containers, rules) are added by the daemon model.
import { Clock } from '../clock.js';
import { Machine, World } from '../world.js';
import type { NicDevice } from '../link/nic.js';
import type { NetNamespace } from './namespace.js';

export const LAB = {
  subnet: '172.16.211.0/24',
  hostIp: '172.16.211.128',
  hostMac: '00:0c:29:75:99:27',
  gatewayIp: '172.16.211.2',
  gatewayMac: '00:50:56:f5:3e:1a',
  host01Ip: '172.16.211.1',
  host01Mac: '00:50:56:c0:00:08',
  host02Ip: '172.16.211.3',
  host02Mac: '00:0c:29:1b:6e:4d',
  /** DHCP lease of ens160, seconds. */
  leaseSec: 1800,
  /** One-way delay between the gateway and "the internet" behind it. */
  internetDelayMs: 5,
} as const;

export interface DockerHostWorld {
  world: World;
  /** The Docker host machine (hostname docker-host); its root namespace is node `host`. */
  host: Machine;
  hostNs: NetNamespace;
  ens160: NicDevice;
  host01: Machine;
  host02: Machine;
  gateway: Machine;
}

export interface DockerHostWorldOptions {
  clock?: Clock;
  seed?: number;
}

export function createDockerHostWorld(options: DockerHostWorldOptions = {}): DockerHostWorld {
  const world = new World({ clock: options.clock ?? new Clock(), seed: options.seed });
  const lab = world.segment('lab');

  const host = world.createMachine('host', 'docker-host');
  host.spawn('systemd', { pid: 1, ppid: 0, args: ['/sbin/init'] });
  host.spawn('kthreadd', { pid: 2, ppid: 0 });
  const hostNs = host.rootNs;
  const ens160 = world.links.createNic(hostNs, 'ens160', LAB.hostMac, lab);
  hostNs.setLinkUp(ens160, true);
  hostNs.addAddress(ens160, LAB.hostIp, 24, { dynamic: { validLftSec: LAB.leaseSec, leasedAt: 0 } });
  hostNs.routes.add({ dst: '0.0.0.0', prefixLen: 0, type: 'unicast', gateway: LAB.gatewayIp, dev: ens160, proto: 'dhcp', scope: 'global', src: LAB.hostIp, metric: 100 });
  hostNs.routes.add({ dst: LAB.gatewayIp, prefixLen: 32, type: 'unicast', dev: ens160, proto: 'dhcp', scope: 'link', src: LAB.hostIp, metric: 100 });

  const outside = (name: string, ip: string, mac: string, isGateway = false): Machine => {
    const m = world.createMachine(name);
    m.spawn('systemd', { pid: 1, ppid: 0, args: ['/sbin/init'] });
    const ns = m.rootNs;
    const eth0 = world.links.createNic(ns, 'eth0', mac, lab);
    ns.setLinkUp(eth0, true);
    ns.addAddress(eth0, ip, 24);
    if (isGateway) ns.sysctl.set('net.ipv4.ip_forward', '1');
    else ns.routes.add({ dst: '0.0.0.0', prefixLen: 0, type: 'unicast', gateway: LAB.gatewayIp, dev: eth0, proto: 'static', scope: 'global' });
    return m;
  };
  const host01 = outside('host01', LAB.host01Ip, LAB.host01Mac);
  const host02 = outside('host02', LAB.host02Ip, LAB.host02Mac);
  const gateway = outside('gateway', LAB.gatewayIp, LAB.gatewayMac, true);
  addInternet(world, gateway);

  return { world, host, hostNs, ens160, host01, host02, gateway };
}

/**
 * Behind the gateway, a namespace that answers for every public address (an
 * AnyIP `local` route), so `ping 8.8.8.8` from a container works as it would
 * on a host with internet access, a few milliseconds away.
 */
function addInternet(world: World, gateway: Machine): void {
  const gw = gateway.rootNs;
  const internet = gateway.createNamespace('internet');
  const [wan, far] = world.links.createVethPair(gw, 'eth1', 'tmp');
  world.links.move(far, internet, 'eth0');
  wan.delayMs = far.delayMs = LAB.internetDelayMs;
  gw.setLinkUp(wan, true);
  gw.addAddress(wan, '100.64.0.1', 30);
  gw.routes.add({ dst: '0.0.0.0', prefixLen: 0, type: 'unicast', gateway: '100.64.0.2', dev: wan, proto: 'static', scope: 'global' });
  // Private ranges (RFC 1918) are on no internet: the gateway answers Net Unreachable for them
  // instead of sending them on, as the lab's gateway does for everything beyond the lab network.
  for (const [dst, prefixLen] of [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
    gw.routes.add({ dst, prefixLen, type: 'unreachable', proto: 'static', scope: 'global' });
  }
  internet.setLinkUp(internet.loopback!, true);
  internet.setLinkUp(far, true);
  internet.addAddress(far, '100.64.0.2', 30);
  internet.routes.add({ dst: LAB.subnet.split('/')[0], prefixLen: 24, type: 'unicast', gateway: '100.64.0.1', dev: far, proto: 'static', scope: 'global' });
  internet.routes.add({ dst: '0.0.0.0', prefixLen: 0, type: 'local', dev: internet.loopback, proto: 'static', scope: 'host' });
}
