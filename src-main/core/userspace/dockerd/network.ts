// Docker networks: the default `bridge` (docker0) and user-defined bridges
// (`br-` + 12 hex of the id), each with its IPAM pool.
import { intToIp, ipToInt, prefixMask } from '../../sim/wire/addr.js';
import type { BridgeDevice } from '../../sim/link/bridge.js';

export interface Network {
  id: string;
  name: string;
  driver: 'bridge' | 'host' | 'null';
  /** Linux bridge name (docker0, br-xxxxxxxxxxxx); empty for host/none. */
  bridgeName: string;
  bridge?: BridgeDevice;
  subnet: string;
  prefixLen: number;
  gateway: string;
  created: string;
  isDefault: boolean;
  /** Container ids attached, in attach order. */
  containers: string[];
  /** Host part offsets in use (the gateway's included). */
  used: Set<number>;
}

/** The lowest free address after the gateway (Docker hands out .2, .3, ... and reuses freed ones). */
export function allocateAddress(net: Network): string | undefined {
  const base = ipToInt(net.subnet.split('/')[0]);
  const size = 2 ** (32 - net.prefixLen);
  for (let offset = 2; offset < size - 1; offset++) {
    if (!net.used.has(offset)) {
      net.used.add(offset);
      return intToIp((base + offset) >>> 0);
    }
  }
  return undefined;
}

export function releaseAddress(net: Network, ip: string): void {
  const base = ipToInt(net.subnet.split('/')[0]);
  net.used.delete((ipToInt(ip) - base) >>> 0);
}

/** The next free 172.N.0.0/16 for a new user network, as Docker's default address pools give them. */
export function nextSubnet(networks: readonly Network[]): { subnet: string; gateway: string } | undefined {
  for (let second = 18; second < 32; second++) {
    const net = `172.${second}.0.0`;
    const clash = networks.some((n) => n.subnet !== '' && (ipToInt(net) & prefixMask(Math.min(16, n.prefixLen))) >>> 0 === (ipToInt(n.subnet.split('/')[0]) & prefixMask(Math.min(16, n.prefixLen))) >>> 0);
    if (!clash) return { subnet: `${net}/16`, gateway: `172.${second}.0.1` };
  }
  return undefined;
}
