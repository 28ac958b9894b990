// `bridge` from iproute2: bridge ports (`bridge link`) and the forwarding
// database (`bridge fdb`): which MAC docker0 learned behind which veth.
import type { Command } from '../command.js';
import type { NetNamespace } from '../../sim/net/namespace.js';
import type { NetDevice } from '../../sim/link/device.js';
import { BridgeDevice } from '../../sim/link/bridge.js';

const USAGE = `Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }
       bridge [ -force ] -batch filename
where  OBJECT := { link | fdb | mdb | vlan | monitor }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |
                    -o[neline] | -t[imestamp] | -n[etns] name |
                    -c[ompressvlans] -color -p[retty] -j[son] }
`;

const MAN = `BRIDGE(8)

NAME
    bridge - show / manipulate bridge addresses and devices

SYNOPSIS
    bridge [-s] { link | fdb } [ show ] [ dev DEV ] [ br BRIDGE ]

DESCRIPTION
    docker0 is a Linux bridge: a software switch inside the host. Every
    container's veth host end is one of its ports.

    bridge link    lists the ports: which bridge each belongs to and its
                   spanning-tree state (forwarding when it passes traffic).
    bridge fdb     lists the forwarding database: the MAC addresses the
                   bridge has learned and behind which port each one sits.
                   A container's MAC (02:42 followed by its IPv4 address in
                   hex) appears behind its veth once it has sent a frame, and
                   disappears after 300 seconds of silence. Entries marked
                   "permanent" are the bridge's and the ports' own addresses;
                   "self" entries belong to the device itself (multicast).

OPTIONS
    -s    With fdb: how many seconds ago each entry was used and updated.

EXIT STATUS
    0 on success, 1 for an unknown device, 255 for an unknown object or command.
`;

const SELF_MULTICAST = ['33:33:00:00:00:01', '01:00:5e:00:00:01'];

/** The solicited-node multicast group of the device's IPv6 link-local address (its MAC's last three bytes), once it has one. */
function solicitedNode(dev: NetDevice): string[] {
  return dev.inet6.some((a) => a.scope === 'link') ? [`33:33:ff:${dev.mac.slice(9)}`] : [];
}

function peerName(port: NetDevice): string | undefined {
  const peer = port.kind === 'veth' ? (port as NetDevice & { peer: NetDevice }).peer : undefined;
  return peer ? (peer.ns === port.ns ? peer.name : `if${peer.ifindex}`) : undefined;
}

const portState = (port: NetDevice) => (port.running ? 'forwarding' : 'disabled');

/** Per-port switches with -d; Docker leaves every one at the kernel's default. */
const PORT_DETAILS =
  '    hairpin off guard off root_block off fastleave off learning on flood on mcast_flood on mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off \n';

function portLine(port: NetDevice, bridge: BridgeDevice, details: boolean): string {
  const peer = peerName(port);
  const name = peer ? `${port.name}@${peer}` : port.name;
  const line = `${port.ifindex}: ${name}: <${port.flags().join(',')}> mtu ${port.mtu} master ${bridge.name} state ${portState(port)} priority 32 cost 2 \n`;
  return details ? line + PORT_DETAILS : line;
}

/** `bridge -d link` also lists each bridge, as its own master. */
const bridgeLine = (br: BridgeDevice) => `${br.ifindex}: ${br.name}: <${br.flags().join(',')}> mtu ${br.mtu} master ${br.name} \n`;

function portJson(port: NetDevice, bridge: BridgeDevice): Record<string, unknown> {
  const peer = peerName(port);
  return {
    ifindex: port.ifindex,
    ...(peer ? { link: peer } : {}),
    ifname: port.name,
    flags: port.flags(),
    mtu: port.mtu,
    master: bridge.name,
    state: portState(port),
    priority: 32,
    cost: 2,
  };
}

function fdbLines(ns: NetNamespace, stats: boolean, onlyBridge?: BridgeDevice, onlyDev?: NetDevice): string {
  const now = ns.world.clock.now();
  let out = '';
  for (const dev of ns.devices()) {
    // `dev X` as the selector: the device is not repeated on each line
    const on = onlyDev ? '' : `dev ${dev.name} `;
    if (dev.kind === 'loopback') continue;
    if (onlyDev && dev !== onlyDev) continue;
    const bridge = dev instanceof BridgeDevice ? dev : dev.master;
    if (onlyBridge && bridge !== onlyBridge) continue;
    if (dev instanceof BridgeDevice) {
      for (const mac of ['33:33:00:00:00:01', '01:00:5e:00:00:6a', '33:33:00:00:00:6a', '01:00:5e:00:00:01', ...solicitedNode(dev)]) out += `${mac} ${on}self permanent\n`;
      // Docker's bridge has vlan_filtering off, so there are no per-VLAN copies of the permanent entries.
      out += `${dev.mac} ${on}master ${dev.name} permanent\n`;
      continue;
    }
    if (bridge) {
      for (const e of bridge.fdbEntries()) {
        if (e.port !== dev) continue;
        const age = Math.floor((now - e.updated) / 1000);
        out += `${e.mac} ${on}master ${bridge.name} ${stats ? `used ${age}/${age} ` : ''}\n`;
      }
      out += `${dev.mac} ${on}master ${bridge.name} permanent\n`;
    }
    for (const mac of [...SELF_MULTICAST, ...solicitedNode(dev)]) out += `${mac} ${on}self permanent\n`;
  }
  return out;
}

export const bridge: Command = {
  name: 'bridge',
  summary: 'show / manipulate bridge addresses and devices',
  usage: USAGE.trim(),
  man: MAN,
  completions: () => ['link', 'fdb', 'show', 'dev', 'br', '-s'],
  async run(ctx) {
    const ns = ctx.host.netns;
    const args = ctx.argv.slice(1);
    let stats = false;
    let details = false;
    let json = false;
    while (args.length && args[0].startsWith('-')) {
      const opt = args.shift()!.replace(/^--/, '-');
      if (opt === '-s' || opt === '-statistics' || opt === '-stats') stats = true;
      else if (opt === '-d' || opt === '-details') details = true;
      else if (opt === '-j' || opt === '-json') json = true;
      else if (opt === '-c' || opt === '-color') continue;
      else if (opt === '-V' || opt === '-Version') {
        ctx.stdout.write('bridge utility, 5.15.0\n');
        return 0;
      } else if (opt === '-h' || opt === '-help') {
        ctx.stderr.write(USAGE);
        return 255;
      } else {
        ctx.stderr.write(`Option "${opt}" is unknown, try "bridge help".\n`);
        return 255;
      }
    }
    const object = args.shift();
    if (object === undefined || object === 'help') {
      ctx.stderr.write(USAGE);
      return 255;
    }
    const isLink = 'link'.startsWith(object);
    const isFdb = 'fdb'.startsWith(object);
    if ('vlan'.startsWith(object)) {
      // Docker's bridges leave vlan_filtering off: no port has a VLAN table.
      ctx.stdout.write(json ? '[]\n' : 'port              vlan-id  \n');
      return 0;
    }
    if (!isLink && !isFdb) {
      ctx.stderr.write(`Object "${object}" is unknown, try "bridge help".\n`);
      return 255;
    }
    const verb = args[0] && !['dev', 'br', 'brport'].includes(args[0]) ? args.shift()! : 'show';
    if (!'show'.startsWith(verb) && !'list'.startsWith(verb)) {
      ctx.stderr.write(`Command "${verb}" is unknown, try "bridge ${isLink ? 'link' : 'fdb'} help".\n`);
      return 255;
    }
    let dev: NetDevice | undefined;
    let br: BridgeDevice | undefined;
    let dynamicOnly = false;
    for (let i = 0; i < args.length; i++) {
      if (isFdb && args[i] === 'dynamic') {
        dynamicOnly = true;
        continue;
      }
      const isDeviceArg = args[i] === 'dev' || args[i] === 'br' || args[i] === 'brport';
      // iproute2's fdb show skips words it does not know (e.g. `permanent`); link show refuses them.
      if (isFdb && !isDeviceArg) continue;
      const name = args[i + 1];
      const found = name === undefined ? undefined : ns.device(name);
      if (!isDeviceArg) {
        ctx.stderr.write(`Error: either "dev" is duplicate, or "${args[i]}" is a garbage.\n`);
        return 255;
      }
      if (!found) {
        ctx.stderr.write(`Cannot find device "${name ?? ''}"\n`);
        return 1;
      }
      if (args[i] === 'br') {
        if (!(found instanceof BridgeDevice)) {
          ctx.stderr.write(`Cannot find bridge device "${name}"\n`);
          return 1;
        }
        br = found;
      } else dev = found;
      i++;
    }
    if (isLink) {
      if (json) {
        const ports = ns.devices().filter((d) => d.master && (!dev || d === dev));
        ctx.stdout.write(JSON.stringify(ports.map((p) => portJson(p, p.master!))) + '\n');
        return 0;
      }
      const listed = ns.devices().filter((d) => (d.master || (details && d instanceof BridgeDevice)) && (!dev || d === dev));
      ctx.stdout.write(listed.map((d) => (d instanceof BridgeDevice ? bridgeLine(d) : portLine(d, d.master!, details))).join(''));
      return 0;
    }
    const lines = fdbLines(ns, stats, br, dev);
    ctx.stdout.write(dynamicOnly ? lines.replace(/^.* permanent\n/gm, '') : lines);
    return 0;
  },
};
