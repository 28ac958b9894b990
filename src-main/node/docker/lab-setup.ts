// The bash scripts that build a lab plan inside a fresh lab host, and the
// command prefixes that enter each of the lab's hosts.
import { quote } from 'shell-quote';
import { LAB } from '../../core/sim/net/outside-world.js';
import { labIp, outsideHost, type LabPlan, type LabStep } from './lab-plan.js';
import { RC_PATH } from './shell-rc.js';

/** Network namespace holding the lab network's switch: a bridge joining ens160, Host01, Host02 and the gateway. */
export const SWITCH_NETNS = 'lab-switch';
/** Where each outside host's UTS namespace (its own hostname) is kept. */
export const UTS_DIR = '/run/docker-networking-explorer/uts';
/**
 * Where the lab's own network namespaces (the switch, the outside hosts) are
 * kept: not under /run/netns, so `ip netns` on the Docker host lists only the
 * learner's own, as on the simulated host.
 */
export const NETNS_DIR = '/run/docker-networking-explorer/netns';

/** The file a lab network namespace is bound to; iproute2 takes it wherever it takes a namespace name. */
export const netnsPath = (name: string): string => `${NETNS_DIR}/${name}`;

/** Shell words that run a command in a lab network namespace. */
const inNetns = (name: string): string => `nsenter --net=${quote([netnsPath(name)])}`;

/** Creates a lab network namespace, bound to its file as `ip netns add` binds one under /run/netns. */
const addNetns = (name: string): string => `touch ${quote([netnsPath(name)])} && unshare --net=${quote([netnsPath(name)])} true`;

/** Waits for the lab host's own dockerd to answer. */
export const WAIT_FOR_DOCKERD = 'for i in $(seq 1 300); do docker info >/dev/null 2>&1 && exit 0; sleep 0.1; done; exit 1';

/** Turns IPv6 off in a lab network namespace before its links are made. */
const NO_IPV6 = (ns: string) => `${inNetns(ns)} sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1`;

/** Builds the lab network (a bridge in its own namespace) and the outside hosts; runs as root in the lab host. */
export function networkScript(plan: LabPlan): string {
  const q = (s: string) => quote([s]);
  const ip = labIp(plan);
  const lines = [
    'set -e',
    `mkdir -p ${UTS_DIR} ${NETNS_DIR}`,
    // IPv6 stays on the lab host (link-local addresses, ::1) but quiet, as the simulated host is: no
    // multicast listener reports (DAD and router solicitations are off by the container's sysctls);
    // the switch and the outside hosts have none, so nothing but the lab's own traffic crosses ens160.
    'ip6tables -A OUTPUT -p icmpv6 --icmpv6-type 143 -j DROP',
    addNetns(SWITCH_NETNS),
    NO_IPV6(SWITCH_NETNS),
    // Without multicast snooping the switch joins no router-discovery group, so it sends no IGMP reports through ens160.
    `${inNetns(SWITCH_NETNS)} ip link add lab type bridge mcast_snooping 0`,
    `${inNetns(SWITCH_NETNS)} ip link set lab up`,
    `ip link add ${q(plan.labIface)} address ${plan.labMac} type veth peer name port0 netns ${q(netnsPath(SWITCH_NETNS))}`,
    `${inNetns(SWITCH_NETNS)} ip link set port0 master lab up`,
    // As the article's host got them from DHCP: a lease that counts down, the broadcast address with it.
    `ip addr add ${plan.labAddress} brd + dev ${q(plan.labIface)} valid_lft ${LAB.leaseSec} preferred_lft ${LAB.leaseSec}`,
    `ip link set ${q(plan.labIface)} up`,
    `ip route add default via ${plan.gateway} dev ${q(plan.labIface)} proto dhcp src ${ip} metric 100`,
    `ip route add ${plan.gateway} dev ${q(plan.labIface)} proto dhcp scope link src ${ip} metric 100`,
    // The gateway refuses DNS at once, so name lookups (iptables -L, tcpdump without -n) fail fast
    // instead of waiting for a server nobody can reach; containers started later copy this file.
    `echo 'nameserver ${plan.gateway}' > /etc/resolv.conf`,
  ];
  plan.outsideHosts.forEach((host, i) => {
    const port = `port${i + 1}`;
    const ns = host.name;
    const inHost = inNetns(ns);
    lines.push(
      addNetns(ns),
      NO_IPV6(ns),
      `${inHost} ip link set lo up`,
      `ip link add ${port} netns ${q(netnsPath(SWITCH_NETNS))} type veth peer name eth0 netns ${q(netnsPath(ns))}`,
      `${inNetns(SWITCH_NETNS)} ip link set ${port} master lab up`,
      `${inHost} ip link set eth0 address ${host.mac}`,
      `${inHost} ip addr add ${host.address} dev eth0`,
      `${inHost} ip link set eth0 up`,
      host.router
        ? // Forwards like the article's router; refuses DNS (no server) without rate-limiting the refusals.
          `${inHost} sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratelimit=0`
        : `${inHost} ip route add default via ${plan.gateway}`,
      `touch ${q(`${UTS_DIR}/${ns}`)}`,
      `unshare --uts=${q(`${UTS_DIR}/${ns}`)} hostname ${q(host.hostname)}`,
    );
  });
  return lines.join('\n');
}

/** Gives the loaded container image the name the scenario's `docker run` lines use. */
export function tagImageScript(plan: LabPlan, image: string): string {
  if (image === plan.imageAlias) return 'true';
  return `docker tag ${quote([image])} ${quote([plan.imageAlias])} && docker rmi -f ${quote([image])} >/dev/null`;
}

/** How long typing into a container's console may take. */
const CONSOLE_SECONDS = 20;

/**
 * Types a line into a container's console (its main process, as `docker attach`
 * shows it) and detaches with Ctrl-P Ctrl-Q, leaving the command running there.
 * An attach that misses the detach keys (seen on a loaded host) is ended after
 * CONSOLE_SECONDS instead of holding the lab's start forever; without the signal
 * proxy, ending it leaves the container's process alone.
 */
export function consoleScript(container: string, line: string): string {
  const name = quote([container]);
  return [
    `(printf '%s\\r' ${quote([line])}; sleep 0.5; printf '\\x10\\x11') | timeout -k 2 ${CONSOLE_SECONDS} script -qfec ${quote([`docker attach --sig-proxy=false ${container}`])} /dev/null >/dev/null || true`,
    `[ "$(docker inspect -f '{{.State.Running}}' ${name})" = true ] || { echo "${container} stopped after its console got: ${line.replace(/["\\$`]/g, '')}" >&2; exit 1; }`,
  ].join('\n');
}

/** Runs one scenario step in the lab host. */
export function stepCommand(plan: LabPlan, step: LabStep): string[] {
  if ('console' in step) return ['bash', '-c', consoleScript(step.console, step.type)];
  return probeCommand(plan, step.on, step.run, 60_000);
}

/**
 * After the scenario's steps: waits (briefly, without failing) until each published TCP port's
 * service listens, read from its container's socket table: no packet is sent, so neither the host's
 * rule counters nor the container's sockets (a probe's TIME-WAIT) keep a trace of the wait.
 */
export const WAIT_FOR_PUBLISHED_PORTS = `for name in $(docker ps --format '{{.Names}}'); do
  set -- $(docker inspect -f '{{.State.Pid}}{{range $p, $b := .NetworkSettings.Ports}}{{if $b}} {{$p}}{{end}}{{end}}' "$name")
  pid=$1; shift
  for port in "$@"; do
    case $port in */tcp) ;; *) continue ;; esac
    for i in $(seq 1 50); do
      nsenter -t "$pid" -n ss -Htln "sport = :\${port%/tcp}" 2>/dev/null | grep -q . && break; sleep 0.1
    done
  done
done; true`;

/**
 * The argv prefix that enters an outside host: its network and UTS namespaces,
 * and, as `ip netns exec` does, a mount namespace of its own where /sys shows
 * its network devices. Every step execs the next, so the PID stays the same.
 */
export function enterOutsideHost(name: string): string[] {
  return [
    'nsenter',
    `--net=${netnsPath(name)}`,
    `--uts=${UTS_DIR}/${name}`,
    'unshare',
    '--mount',
    'sh',
    '-c',
    'mount -t sysfs sysfs /sys && exec "$@"',
    'sh',
  ];
}

/**
 * The argv prefix that runs a command "on" a lab host, from the lab host's root
 * namespace: nothing for the Docker host, `docker exec` into a container,
 * the namespaces of an outside host.
 */
export function enter(plan: LabPlan, name: string, interactive: boolean): string[] {
  if (name === 'host') return [];
  const outside = outsideHost(plan, name);
  if (outside) return enterOutsideHost(outside.name);
  if (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) {
    return ['docker', 'exec', ...(interactive ? ['-it', '-e', 'TERM=xterm-256color'] : ['-i']), name];
  }
  throw new Error(`no lab host is called ${JSON.stringify(name)}`);
}

/** argv of an interactive shell on a lab host, printing shell-integration marks. */
export function shellCommand(plan: LabPlan, name: string): string[] {
  return [...enter(plan, name, true), 'bash', '--rcfile', RC_PATH, '-i'];
}

/** argv of a one-off command on a lab host: stderr merged into stdout, killed after timeoutMs. */
export function probeCommand(plan: LabPlan, name: string, command: string, timeoutMs: number): string[] {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  return ['timeout', '-s', 'KILL', String(seconds), ...enter(plan, name, false), 'bash', '-c', `{\n${command}\n} 2>&1`];
}
