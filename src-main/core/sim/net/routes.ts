// The main routing table: longest prefix first, then the lowest metric.
import { inSubnet, type Ipv4 } from '../wire/addr.js';
import type { NetDevice } from '../link/device.js';

export type RouteProto = 'kernel' | 'boot' | 'static' | 'dhcp' | (string & {});
export type RouteScope = 'global' | 'link' | 'host';
/** `local`: the prefix is delivered to this namespace (AnyIP), as `ip route add local PREFIX dev lo`. */
export type RouteType = 'unicast' | 'local' | 'unreachable' | 'blackhole' | 'prohibit';

export interface Route {
  /** Network address; 0.0.0.0 with prefixLen 0 is `default`. */
  dst: Ipv4;
  prefixLen: number;
  type: RouteType;
  gateway?: Ipv4;
  dev?: NetDevice;
  proto: RouteProto;
  scope: RouteScope;
  /** Preferred source address (`src`). */
  src?: Ipv4;
  metric?: number;
}

export class RouteTable {
  readonly routes: Route[] = [];
  /** fib_new_table: a new namespace has no main table until a route or an up device's address needs one. */
  exists = false;

  add(route: Route): 'ok' | 'exists' {
    this.exists = true;
    if (this.routes.some((r) => sameKey(r, route))) return 'exists';
    this.routes.push(route);
    this.sort();
    return 'ok';
  }

  /** Removes routes matching every given field; returns how many were removed. */
  remove(match: (r: Route) => boolean): number {
    let n = 0;
    for (let i = this.routes.length - 1; i >= 0; i--) {
      if (match(this.routes[i])) {
        this.routes.splice(i, 1);
        n++;
      }
    }
    return n;
  }

  /** Best route for a destination. Routes over a device without carrier (`linkdown`) still count, as on Linux. */
  lookup(dst: Ipv4): Route | undefined {
    let best: Route | undefined;
    for (const r of this.routes) {
      if (r.dev && !r.dev.adminUp) continue;
      if (!inSubnet(dst, r.dst, r.prefixLen)) continue;
      if (!best || r.prefixLen > best.prefixLen || (r.prefixLen === best.prefixLen && (r.metric ?? 0) < (best.metric ?? 0))) best = r;
    }
    return best;
  }

  /** `ip route` order: default routes first, then by destination address and prefix. */
  private sort(): void {
    this.routes.sort((a, b) => {
      if (a.prefixLen === 0 || b.prefixLen === 0) return a.prefixLen === b.prefixLen ? (a.metric ?? 0) - (b.metric ?? 0) : a.prefixLen === 0 ? -1 : 1;
      const d = ipCompare(a.dst, b.dst);
      return d !== 0 ? d : a.prefixLen - b.prefixLen || (a.metric ?? 0) - (b.metric ?? 0);
    });
  }
}

function ipCompare(a: Ipv4, b: Ipv4): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

function sameKey(a: Route, b: Route): boolean {
  return a.dst === b.dst && a.prefixLen === b.prefixLen && (a.metric ?? 0) === (b.metric ?? 0);
}
