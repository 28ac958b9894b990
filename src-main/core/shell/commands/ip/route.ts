// `ip route`: show (main and local tables), get, add, del, replace, flush.
import type { Route, RouteScope } from '../../../sim/net/routes.js';
import type { Inet6Address, NetDevice } from '../../../sim/link/device.js';
import { inet6SortKey } from '../../../sim/net/addrconf.js';
import { broadcastOf, inSubnet, ipToInt, isValidIpv4, networkOf, parseCidr } from '../../../sim/wire/addr.js';
import { IpError, type IpContext, runVerb, SHOW_VERBS, deviceOrThrow, matches, takeValue, writeJson, requireNetAdmin } from './common.js';

export const ROUTE_USAGE = `Usage: ip route { list | flush } SELECTOR
       ip route get ADDRESS [ from ADDRESS iif STRING ]
                            [ oif STRING ]
       ip route { add | del | change | append | replace } ROUTE
SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]
            [ table TABLE_ID ] [ proto RTPROTO ]
            [ type TYPE ] [ scope SCOPE ]
ROUTE := NODE_SPEC [ INFO_SPEC ]
NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]
             [ table TABLE_ID ] [ proto RTPROTO ]
             [ scope SCOPE ] [ metric METRIC ]
INFO_SPEC := NH OPTIONS FLAGS [ nexthop NH ]...
NH := [ via [ FAMILY ] ADDRESS ] [ dev STRING ]
TYPE := { unicast | local | broadcast | unreachable | blackhole | prohibit }
`;

function dstText(r: { dst: string; prefixLen: number }): string {
  if (r.prefixLen === 0) return 'default';
  return r.prefixLen === 32 ? r.dst : `${r.dst}/${r.prefixLen}`;
}

/** One route as `ip route` prints it; `-d` names the type and scope always, `dev X` in the selector hides the device. */
export function routeLine(r: Route, options: { details?: boolean; devSelected?: boolean } = {}): string {
  let s = r.type === 'unicast' && !options.details ? '' : `${r.type} `;
  s += `${dstText(r)} `;
  if (r.gateway) s += `via ${r.gateway} `;
  if (r.dev && !options.devSelected) s += `dev ${r.dev.name} `;
  if (r.proto !== 'boot') s += `proto ${r.proto} `;
  if (r.scope !== 'global' || options.details) s += `scope ${r.scope} `;
  if (r.src) s += `src ${r.src} `;
  if (r.metric !== undefined) s += `metric ${r.metric} `;
  if (r.dev && r.dev.adminUp && !r.dev.carrier) s += 'linkdown ';
  return s;
}

function routeJson(r: Route, devSelected: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (r.type !== 'unicast') o.type = r.type;
  o.dst = dstText(r);
  if (r.gateway) o.gateway = r.gateway;
  if (r.dev && !devSelected) o.dev = r.dev.name;
  if (r.proto !== 'boot') o.protocol = r.proto;
  if (r.scope !== 'global') o.scope = r.scope;
  if (r.src) o.prefsrc = r.src;
  if (r.metric !== undefined) o.metric = r.metric;
  o.flags = r.dev && r.dev.adminUp && !r.dev.carrier ? ['linkdown'] : [];
  return o;
}

/** A route of the local table: the namespace's own addresses and broadcast addresses. */
interface LocalRoute {
  type: 'local' | 'broadcast';
  dst: string;
  dev: NetDevice;
  scope: 'host' | 'link';
  src: string;
}

/** The local table Linux keeps for the namespace's own and broadcast addresses, in its order. */
function localTable(ip: IpContext): LocalRoute[] {
  const rows: Array<{ key: number; len: number; route: LocalRoute }> = [];
  for (const dev of ip.ns.devices()) {
    if (!dev.adminUp) continue;
    for (const a of dev.addresses) {
      const src = a.address;
      if (dev.kind === 'loopback' && a.prefixLen < 32) {
        const net = networkOf(a.address, a.prefixLen);
        rows.push({ key: ipToInt(net), len: a.prefixLen, route: { type: 'local', dst: `${net}/${a.prefixLen}`, dev, scope: 'host', src } });
        // lo's address has no broadcast of its own, but the kernel adds its network's broadcast route all the same
        const brd = broadcastOf(a.address, a.prefixLen);
        if (!a.broadcast) rows.push({ key: ipToInt(brd), len: 32, route: { type: 'broadcast', dst: brd, dev, scope: 'link', src } });
      }
      rows.push({ key: ipToInt(a.address), len: 32, route: { type: 'local', dst: a.address, dev, scope: 'host', src } });
      if (a.broadcast) rows.push({ key: ipToInt(a.broadcast), len: 32, route: { type: 'broadcast', dst: a.broadcast, dev, scope: 'link', src } });
    }
  }
  return rows.sort((x, y) => x.key - y.key || x.len - y.len).map((r) => r.route);
}

/** `table local` is named only where both tables are listed (`table all`); `dev X` in the selector hides the device. */
function localLine(r: LocalRoute, named: boolean, devSelected: boolean): string {
  return `${r.type} ${r.dst} ${devSelected ? '' : `dev ${r.dev.name} `}${named ? 'table local ' : ''}proto kernel scope ${r.scope} src ${r.src} `;
}

function localJson(r: LocalRoute, named: boolean, devSelected: boolean): Record<string, unknown> {
  return { type: r.type, dst: r.dst, ...(devSelected ? {} : { dev: r.dev.name }), ...(named ? { table: 'local' } : {}), protocol: 'kernel', scope: r.scope, prefsrc: r.src, flags: [] };
}

/**
 * The IPv6 routes the kernel adds for the namespace's addresses (the only
 * IPv6 routes the simulator has): main holds fe80::/64 per link, local the
 * addresses themselves and ff00::/8 per link, in the order they were made.
 */
function inet6Routes(ip: IpContext, table: 'main' | 'local', dev?: NetDevice): string[] {
  const entries: Array<{ dev: NetDevice; a: Inet6Address }> = [];
  for (const d of ip.ns.devices()) if (!dev || d === dev) for (const a of d.inet6) entries.push({ dev: d, a });
  entries.sort((x, y) => x.a.order - y.a.order);
  const linkdown = (d: NetDevice): string => (d.carrier ? '' : 'linkdown ');
  const links = entries.filter((e) => e.a.scope === 'link');
  if (table === 'main') return links.map((e) => `fe80::/64 ${dev ? '' : `dev ${e.dev.name} `}proto kernel metric 256 ${linkdown(e.dev)}pref medium`);
  const local = [...entries].sort((x, y) => (inet6SortKey(x.a) < inet6SortKey(y.a) ? -1 : 1));
  return [
    ...local.map((e) => `local ${e.a.address} dev ${e.dev.name} proto kernel metric 0 pref medium`),
    ...links.map((e) => `multicast ff00::/8 dev ${e.dev.name} proto kernel metric 256 ${linkdown(e.dev)}pref medium`),
  ];
}

export function routeCommand(ip: IpContext, args: string[]): number | Promise<number> {
  return runVerb(ip, args, 'route', ROUTE_USAGE, [
    [SHOW_VERBS, routeShow],
    [['get'], routeGet],
    [['add', 'replace', 'change', 'append'], routeAdd],
    [['delete'], routeDel],
    [['flush'], routeFlush],
  ]);
}

function routeShow(ip: IpContext, args: string[]): number {
  let table = 'main';
  let devFilter: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'table') table = takeValue(args, i++);
    else if (args[i] === 'dev') devFilter = takeValue(args, i++);
  }
  if (table !== 'main' && table !== 'local' && table !== 'all' && table !== '254' && table !== '255') throw new IpError(`Error: argument "${table}" is wrong: table id value is invalid\n`, 255);
  const dev = devFilter !== undefined ? deviceOrThrow(ip.ns, devFilter) : undefined;
  if (ip.options.family === 'inet6' && !ip.options.json) {
    const local = table === 'local' || table === '255';
    const lines = local ? inet6Routes(ip, 'local', dev) : [...inet6Routes(ip, 'main', dev), ...(table === 'all' ? inet6Routes(ip, 'local', dev) : [])];
    ip.ctx.stdout.write(lines.map((l) => l + '\n').join(''));
    return 0;
  }
  const onlyLocal = table === 'local' || table === '255';
  if (!onlyLocal && table !== 'all' && !ip.ns.routes.exists) throw new IpError('Error: ipv4: FIB table does not exist.\nDump terminated', 2);
  const routes = onlyLocal ? [] : ip.ns.routes.routes.filter((r) => !dev || r.dev === dev);
  const local = onlyLocal || table === 'all' ? localTable(ip).filter((r) => !dev || r.dev === dev) : [];
  const named = table === 'all';
  if (ip.options.json) {
    writeJson(ip, [...routes.map((r) => routeJson(r, dev !== undefined)), ...local.map((r) => localJson(r, named, dev !== undefined))]);
    return 0;
  }
  const lines = [...routes.map((r) => routeLine(r, { details: ip.options.details, devSelected: dev !== undefined })), ...local.map((r) => localLine(r, named, dev !== undefined))];
  ip.ctx.stdout.write(lines.map((l) => l + '\n').join(''));
  return 0;
}

function routeGet(ip: IpContext, args: string[]): number {
  const target = args.find((a, i) => !['from', 'iif', 'oif', 'to'].includes(a) && !['from', 'iif', 'oif'].includes(args[i - 1]));
  if (target === undefined) throw new IpError('need at least a destination address', 1);
  // The simulator routes IPv4 only: an IPv4 address is no IPv6 prefix.
  if (ip.options.family === 'inet6') throw new IpError(`Error: inet6 prefix is expected rather than "${target}".`, 1);
  const cidr = parseCidr(target);
  if (!cidr) throw new IpError(`Error: ${ip.options.family === 'inet' ? 'inet' : 'any valid'} prefix is expected rather than "${target}".`, 1);
  const dst = cidr.address;
  const decision = ip.ns.ip.route(dst);
  if (decision.kind === 'unreachable') throw new IpError('RTNETLINK answers: Network is unreachable', 2);
  const src = ip.ns.ip.sourceFor(decision, dst);
  if (ip.options.json) {
    const o: Record<string, unknown> = decision.kind === 'local' ? { type: 'local', dst } : { dst };
    if (decision.kind === 'unicast' && decision.route.gateway) o.gateway = decision.route.gateway;
    o.dev = decision.dev.name;
    if (src) o.prefsrc = src;
    o.flags = [];
    o.uid = 0;
    o.cache = decision.kind === 'local' ? ['local'] : [];
    writeJson(ip, [o]);
    return 0;
  }
  // -d names the type and the table (iproute2 says main even for a local answer); -o puts the cache line on the same line.
  const table = ip.options.details ? 'table main ' : '';
  const cacheBreak = ip.options.oneline ? '\\' : '\n';
  if (decision.kind === 'local') {
    ip.ctx.stdout.write(`local ${dst} dev ${decision.dev.name} ${table}src ${src} uid 0 ${cacheBreak}    cache <local> \n`);
    return 0;
  }
  const via = decision.route.gateway ? `via ${decision.route.gateway} ` : '';
  const type = ip.options.details ? 'unicast ' : '';
  ip.ctx.stdout.write(`${type}${dst} ${via}dev ${decision.dev.name} ${table}src ${src} uid 0 ${cacheBreak}    cache \n`);
  return 0;
}

interface RouteSpec {
  route: Route;
  metricGiven: boolean;
  devGiven: boolean;
}

function parseRoute(ip: IpContext, args: string[], forDelete: boolean): RouteSpec {
  let type: Route['type'] = 'unicast';
  let prefix: { address: string; prefixLen: number } | undefined;
  let gateway: string | undefined;
  let devName: string | undefined;
  let proto = 'boot';
  let scope: RouteScope | undefined;
  let src: string | undefined;
  let metric: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'via') {
      let v = takeValue(args, i++);
      if (v === 'inet') v = takeValue(args, i++);
      if (!isValidIpv4(v)) throw new IpError(`Error: inet address is expected rather than "${v}".`, 1);
      gateway = v;
    } else if (a === 'dev' || a === 'oif') devName = takeValue(args, i++);
    else if (a === 'proto' || a === 'protocol') proto = takeValue(args, i++);
    else if (a === 'scope') {
      const v = takeValue(args, i++);
      if (v !== 'global' && v !== 'link' && v !== 'host' && v !== 'universe') throw new IpError(`Error: argument "${v}" is wrong: invalid scope value.`, 255);
      scope = v === 'universe' ? 'global' : v;
    } else if (a === 'src') src = takeValue(args, i++);
    else if (a === 'metric' || a === 'priority' || a === 'preference') {
      const v = takeValue(args, i++);
      if (!/^\d+$/.test(v)) throw new IpError(`Error: argument "${v}" is wrong: "metric" value is invalid\n`, 255);
      metric = Number(v);
    } else if (a === 'table') i++;
    else if (['unreachable', 'blackhole', 'prohibit', 'unicast'].includes(a) && prefix === undefined) type = a as Route['type'];
    else if (prefix === undefined) {
      if (a === 'default' || a === 'all' || a === 'any') prefix = { address: '0.0.0.0', prefixLen: 0 };
      else {
        const p = parseCidr(a);
        if (!p) throw new IpError(`Error: inet prefix is expected rather than "${a}".`, 1);
        if (networkOf(p.address, p.prefixLen) !== p.address) throw new IpError('Error: Invalid prefix for given prefix length.', 2);
        prefix = p;
      }
    } else throw new IpError(`Error: either "to" is duplicate, or "${a}" is a garbage.`, 255);
  }
  if (!prefix) throw new IpError('Error: "to" argument is required.', 1);
  let dev = devName !== undefined ? deviceOrThrow(ip.ns, devName) : undefined;
  if (!forDelete && type === 'unicast') {
    if (gateway) {
      const via = ip.ns.routes.routes.find((r) => r.type === 'unicast' && !r.gateway && r.dev && (!dev || r.dev === dev) && inSubnet(gateway!, r.dst, r.prefixLen));
      if (!via) throw new IpError('Error: Nexthop has invalid gateway.', 2);
      dev ??= via.dev;
    }
    if (!dev) throw new IpError('Error: Device for nexthop is not up.', 2);
    if (!dev.adminUp) throw new IpError('Error: Nexthop device is not up.', 2);
  }
  const route: Route = { dst: prefix.address, prefixLen: prefix.prefixLen, type, gateway, dev, proto, scope: scope ?? (gateway || type !== 'unicast' ? 'global' : 'link'), src, metric };
  return { route, metricGiven: metric !== undefined, devGiven: dev !== undefined };
}

function routeAdd(ip: IpContext, args: string[], verb: string): number {
  const { route } = parseRoute(ip, args, false);
  requireNetAdmin(ip);
  const replace = matches(verb, 'replace') || matches(verb, 'change');
  if (replace) ip.ns.routes.remove((r) => r.dst === route.dst && r.prefixLen === route.prefixLen && (r.metric ?? 0) === (route.metric ?? 0));
  if (ip.ns.routes.add(route) === 'exists') throw new IpError('RTNETLINK answers: File exists', 2);
  return 0;
}

function routeDel(ip: IpContext, args: string[]): number {
  const { route, metricGiven, devGiven } = parseRoute(ip, args, true);
  requireNetAdmin(ip);
  let removed = false;
  ip.ns.routes.remove((r) => {
    if (removed) return false;
    const hit =
      r.dst === route.dst &&
      r.prefixLen === route.prefixLen &&
      (!metricGiven || (r.metric ?? 0) === route.metric) &&
      (!devGiven || r.dev === route.dev) &&
      (!route.gateway || r.gateway === route.gateway);
    if (hit) removed = true;
    return hit;
  });
  if (!removed) throw new IpError('RTNETLINK answers: No such process', 2);
  return 0;
}

function routeFlush(ip: IpContext, args: string[]): number {
  if (args.length === 0) throw new IpError('"ip route flush" requires arguments.', 255);
  if (args[0] === 'cache') return 0;
  let dev: ReturnType<typeof deviceOrThrow> | undefined;
  for (let i = 0; i < args.length; i++) if (args[i] === 'dev') dev = deviceOrThrow(ip.ns, takeValue(args, i++));
  if (ip.ns.routes.routes.some((r) => !dev || r.dev === dev)) requireNetAdmin(ip, 'flush');
  ip.ns.routes.remove((r) => !dev || r.dev === dev);
  return 0;
}
