// A minimal docker0 with containers built straight from the kernel API, the
// way the daemon model wires them, so kernel tests do not depend on it.
import { createDockerHostWorld, type DockerHostWorld } from '../../../src-main/core/sim/net/outside-world.js';
import { dockerMacFor } from '../../../src-main/core/sim/wire/addr.js';
import type { BridgeDevice } from '../../../src-main/core/sim/link/bridge.js';
import type { NetNamespace } from '../../../src-main/core/sim/net/namespace.js';
import type { VethDevice } from '../../../src-main/core/sim/link/veth.js';

export interface KernelLab extends DockerHostWorld {
  docker0: BridgeDevice;
  containers: Map<string, { ns: NetNamespace; eth0: VethDevice; hostEnd: VethDevice; ip: string }>;
}

export function buildKernelLab(names: string[] = ['c1', 'c2', 'c3', 'web']): KernelLab {
  const base = createDockerHostWorld();
  const { world, host, hostNs } = base;
  hostNs.sysctl.set('net.ipv4.ip_forward', '1');
  const docker0 = world.links.createBridge(hostNs, 'docker0', '02:42:9a:0c:8a:ee');
  hostNs.addAddress(docker0, '172.17.0.1', 16);
  hostNs.setLinkUp(docker0, true);
  const containers: KernelLab['containers'] = new Map();
  names.forEach((name, i) => {
    const ip = `172.17.0.${i + 2}`;
    const ns = host.createNamespace(name);
    const hex = (0x3fe1e90 + i * 0x1111).toString(16).padStart(7, '0');
    const [hostEnd, eth0] = world.links.createVethPair(hostNs, `veth${hex}`, 'tmp', { peerMac: dockerMacFor(ip) });
    world.links.move(eth0, ns, 'eth0');
    docker0.addPort(hostEnd);
    hostNs.setLinkUp(hostEnd, true);
    ns.setLinkUp(ns.loopback!, true);
    ns.addAddress(eth0, ip, 16);
    ns.setLinkUp(eth0, true);
    ns.routes.add({ dst: '0.0.0.0', prefixLen: 0, type: 'unicast', gateway: '172.17.0.1', dev: eth0, proto: 'boot', scope: 'global' });
    host.spawn('bash', { netns: ns });
    containers.set(name, { ns, eth0, hostEnd, ip });
  });
  return { ...base, docker0, containers };
}
