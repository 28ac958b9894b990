// Writes test/corpus/generated/*.lab: the corpus commands made from a small
// grammar per tool (its options crossed with the lab's names). Deterministic:
// the same grammar always writes the same files, committed beside this script.
// Run with `npx tsx test/corpus/generate.ts`.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = join(new URL('.', import.meta.url).pathname, 'generated');

/** The lab's names, as the article's lab has them. */
const LAB = {
  hostIp: '172.16.211.128',
  host01: '172.16.211.1',
  host02: '172.16.211.3',
  gateway: '172.17.0.1',
  containers: { c1: '172.17.0.2', c2: '172.17.0.3', c3: '172.17.0.4', web: '172.17.0.5' },
  unused: '172.17.0.99',
  hostLinks: ['lo', 'docker0', 'ens160'],
};

interface Group {
  name: string;
  comment: string;
  scenario?: string;
  /** Script lines: `@TERM COMMAND` or `wait N`. */
  lines: string[];
}

const cross = <A, B>(as: readonly A[], bs: readonly B[]): [A, B][] => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));
const words = (...parts: string[]): string => parts.filter(Boolean).join(' ');

function ipGroups(): Group[] {
  const forms = ['', '-br', '-4', '-6', '-o', '-d', '-s', '-j', '-br -4', '-br -6', '-4 -o', '-s -s'];
  const hostTargets = ['', 'show dev docker0', 'show lo', 'show ens160'];
  const link = cross(forms, hostTargets).map(([f, t]) => `@host ${words('ip', f, 'link', t)}`);
  const addr = cross(forms, hostTargets).map(([f, t]) => `@host ${words('ip', f, 'addr', t)}`);
  const inContainer = cross(forms, ['link', 'addr', 'addr show eth0']).map(([f, o]) => `@c1 ${words('ip', f, o)}`);
  const routeForms = ['', '-4', '-6', '-j', '-d', '-o'];
  const routeObjects = ['route', 'route show table local', 'route show table main', 'route show dev docker0', `route get ${LAB.containers.c2}`, `route get ${LAB.host01}`, 'route get 127.0.0.1'];
  const route = cross(routeForms, routeObjects).map(([f, o]) => `@host ${words('ip', f, o)}`);
  const containerRoute = cross(['', '-4', '-j'], ['route', `route get ${LAB.host01}`, `route get ${LAB.gateway}`, 'route show table local']).map(
    ([f, o]) => `@c1 ${words('ip', f, o)}`,
  );
  const neigh = [
    `@c1 ping -c 1 ${LAB.containers.c2}`,
    `@host ping -c 1 ${LAB.containers.c3}`,
    'wait 2',
    ...cross(['', '-4', '-br', '-j', '-s'], ['neigh', 'neigh show dev docker0', `neigh show ${LAB.containers.c3}`]).map(([f, o]) => `@host ${words('ip', f, o)}`),
    ...['ip neigh', 'ip -j neigh', `ip neigh show ${LAB.containers.c2}`, 'ip neigh show dev eth0'].map((c) => `@c1 ${c}`),
  ];
  const misc = [
    '@host ip link show nosuchdev',
    '@host ip addr show dev nosuchdev',
    '@host ip route get 300.1.1.1',
    '@host ip nosuchobject',
    '@host ip -br link show type bridge',
    '@host ip -br link show type veth',
    '@host ip link show master docker0',
    '@host ip -br link show master docker0',
    '@host ip -d link show docker0',
    '@host ip -j -p link show docker0',
    '@host ip -j addr show dev docker0',
    '@host ip maddr show dev docker0',
    '@host ip rule',
    '@host ip -6 rule',
    '@host ip netns',
    '@host ip netns list',
    '@c1 ip -d link show eth0',
    '@c1 ip link show lo',
    '@c1 ip -s link show eth0',
  ];
  const netns = [
    '@host ip netns add corpus1',
    '@host ip netns',
    '@host ip -n corpus1 link',
    '@host ip -n corpus1 -br addr',
    '@host ip netns exec corpus1 ip route',
    '@host ip -n corpus1 link set lo up',
    '@host ip -n corpus1 addr',
    '@host ip -n corpus1 -6 addr',
    '@host ip netns exec corpus1 ping -c 1 127.0.0.1',
    '@host ip netns add corpus1',
    '@host ip netns del corpus1',
    '@host ip netns del corpus1',
    '@host ip netns',
  ];
  return [
    { name: 'ip-link', comment: 'ip link on the host in every output form', lines: link },
    { name: 'ip-addr', comment: 'ip addr on the host in every output form', lines: addr },
    { name: 'ip-container', comment: 'ip link and addr in a container', lines: inContainer },
    { name: 'ip-route', comment: 'ip route: tables, devices, route get', lines: [...route, ...containerRoute] },
    { name: 'ip-neigh', comment: 'ip neigh after known traffic', lines: neigh },
    { name: 'ip-misc', comment: 'ip: errors, link types, masters, rules, netns listing', lines: misc },
    { name: 'ip-netns', comment: 'ip netns lifecycle', lines: netns },
  ];
}

function bridgeGroup(): Group {
  const lines = [
    ...['bridge link', 'bridge link show', 'bridge -d link', 'bridge -j link', 'bridge vlan', 'bridge vlan show', 'bridge -j vlan'].map((c) => `@host ${c}`),
    ...cross(['', 'permanent', 'dynamic'], ['br docker0', 'dev docker0']).map(([kind, of]) => `@host ${words('bridge fdb show', of, kind)}`),
    `@c1 ping -c 1 ${LAB.containers.c2}`,
    'wait 2',
    '@host bridge fdb show br docker0 dynamic',
    '@host bridge link show dev nosuchdev',
    '@host bridge nosuch',
  ];
  return { name: 'bridge', comment: 'bridge link, fdb and vlan views of docker0', lines };
}

function iptablesGroups(): Group[] {
  const tables = ['filter', 'nat', 'mangle', 'raw'];
  const listings = cross(tables, ['-S', '-L -n', '-L -n -v', '-L -n --line-numbers', '-L -n -v -x']).map(([t, l]) => `@host iptables -t ${t} ${l}`);
  const chains = cross(['FORWARD', 'DOCKER', 'DOCKER-USER', 'DOCKER-ISOLATION-STAGE-1', 'DOCKER-ISOLATION-STAGE-2', 'INPUT', 'OUTPUT'], ['-S', '-L -n'])
    .map(([c, l]) => `@host iptables ${l} ${c}`);
  const natChains = cross(['PREROUTING', 'POSTROUTING', 'OUTPUT', 'DOCKER'], ['-S', '-L -n', '-L -n -v']).map(([c, l]) => `@host iptables -t nat ${l} ${c}`);
  const saves = ['iptables-save', 'iptables-save -t nat', 'iptables-save -t filter', 'iptables-save -c -t nat', 'iptables-save -t mangle'].map(
    (c) => `@host ${c} | grep -v '^#'`,
  );
  const errors = ['iptables -L NOPE', 'iptables -t nosuch -L', 'iptables -A FORWARD -j NOPE', 'iptables -X DOCKER', 'iptables --version'].map((c) => `@host ${c}`);
  const counters = [
    `@c1 ping -c 3 -i 0.2 ${LAB.host01}`,
    `@c1 curl -s -o /dev/null http://${LAB.containers.web}/`,
    `@host01 curl -s -o /dev/null http://${LAB.hostIp}:81/`,
    'wait 3',
    '@host iptables -L FORWARD -n -v -x',
    '@host iptables -t nat -L POSTROUTING -n -v -x',
    '@host iptables -t nat -L PREROUTING -n -v -x',
    '@host iptables -t nat -L DOCKER -n -v -x',
    '@host iptables -L DOCKER -n -v -x',
    '@host iptables -L DOCKER-USER -n -v -x',
    "@host iptables-save -c -t nat | grep -v '^#'",
    '@host iptables -Z FORWARD',
    '@host iptables -L FORWARD -n -v -x',
  ];
  return [
    { name: 'iptables-list', comment: 'iptables listings of every table and chain', lines: [...listings, ...chains, ...natChains, ...saves, ...errors] },
    { name: 'iptables-counters', comment: 'iptables counters after known traffic', lines: counters },
  ];
}

function pingGroup(): Group {
  const c = LAB.containers;
  const lines = [
    ...cross(['-c 1', '-c 2 -i 0.2', '-c 1 -s 56', '-c 1 -s 1000', '-c 1 -q', '-c 2 -i 0.2 -q', '-c 1 -n', '-c 1 -t 64'], [c.c2, LAB.gateway, LAB.host01]).map(
      ([o, to]) => `@c1 ping ${o} ${to}`,
    ),
    ...[c.c1, c.web, LAB.host02, '127.0.0.1'].map((to) => `@host ping -c 1 ${to}`),
    `@host01 ping -c 1 ${LAB.hostIp}`,
    `@c1 ping -c 1 -t 1 ${LAB.host01}`,
    `@c1 ping -c 1 -W 1 ${LAB.unused}`,
    `@c1 ping -c 2 -W 1 ${LAB.unused}`,
    `@host ping -c 1 -W 1 ${LAB.unused}`,
    '@c1 ping -c 1 -W 1 10.99.0.1',
    '@c1 ping',
    '@c1 ping -c 0 127.0.0.1',
    '@c1 ping -c 1 nosuchhost',
    '@c1 ping -c 1 -s 70000 127.0.0.1',
    '@c1 ping -c 1 -i 0.001 127.0.0.1',
    '@c1 ping -c 1 c2',
    '@c1 ping -c 1 localhost',
    '@c1 ping -V',
  ];
  return { name: 'ping', comment: 'ping: counts, sizes, TTLs, quiet output, names and errors', lines };
}

function httpGroup(): Group {
  const c = LAB.containers;
  const urls = [`http://${c.web}/`, `http://${LAB.hostIp}:81/`, `http://${c.web}/nonexistent`];
  const curl = cross(['-s', '-sI', '-s -o /dev/null -w "%{http_code}\\n"', '-s -D - -o /dev/null', '-sS'], urls).map(
    ([o, u]) => `@c1 curl ${o} ${u} | grep -v -i '^date:'`,
  );
  const failures = [
    `@c1 curl -s http://${c.c2}:81/; echo "exit $?"`,
    `@c1 curl -sS http://${c.c2}:81/`,
    `@c1 curl -sS -m 1 http://${LAB.unused}/`,
    '@c1 curl -sS --connect-timeout 1 http://10.99.0.1/',
    '@c1 curl -sS http://nosuchhost/',
    '@c1 curl -sS nosuch://x/',
    '@c1 curl',
    `@host curl -s http://${LAB.hostIp}:81/ | head -3`,
    `@host01 curl -s -o /dev/null -w '%{http_code} %{remote_ip}\\n' http://${LAB.hostIp}:81/`,
  ];
  const wget = [
    ...[`http://${c.web}/`, `http://${c.web}/nonexistent`, `http://${LAB.hostIp}:81/`].map((u) => `@c1 wget -q -O - ${u}; echo "exit $?"`),
    `@c1 wget -q -O /dev/null http://${c.c2}:81/; echo "exit $?"`,
    `@c1 wget -q -T 1 -t 1 -O /dev/null http://${LAB.unused}/; echo "exit $?"`,
    `@c1 wget -S -q -O /dev/null http://${c.web}/ 2>&1 | grep -v -i date:`,
    `@c1 wget -O /tmp/index.html -q http://${c.web}/; ls /tmp/index.html`,
  ];
  return { name: 'http', comment: 'curl and wget: bodies, headers, status codes, refused and unreachable servers', lines: [...curl, ...failures, ...wget] };
}

function ncSsGroup(): Group {
  const c = LAB.containers;
  const nc = [
    `@c1 nc -zv ${c.web} 80`,
    `@c1 nc -zv ${c.web} 81`,
    `@c1 nc -z ${c.web} 80; echo "exit $?"`,
    `@c1 nc -zv -w 1 ${LAB.unused} 80`,
    `@c1 nc -zvn ${c.web} 80`,
    `@host nc -zv ${LAB.hostIp} 81`,
    `@host01 nc -zv ${LAB.hostIp} 81`,
    `@host01 nc -zv ${LAB.hostIp} 82`,
    `@c1 echo | nc -w 1 ${c.web} 80 | head -1`,
    '@c1 nc',
  ];
  const ss = cross(['-tln', '-tlnp', '-uln', '-tan', '-s', '-ltn4', '-ltn6', '-x'], ['host', 'web', 'c1']).map(([o, t]) => `@${t} ss ${o}`);
  const ssFilters = ["ss -tln 'sport = :81'", "ss -tn state listening", 'ss -H -tln', 'ss -tlnp | grep -c docker-proxy'].map((c) => `@host ${c}`);
  return { name: 'nc-ss', comment: 'nc port checks and ss socket listings', lines: [...nc, ...ss, ...ssFilters] };
}

function conntrackGroup(): Group {
  const c = LAB.containers;
  const lines = [
    '@host conntrack -L',
    '@host conntrack -C',
    `@c1 ping -c 1 ${LAB.host01}`,
    `@host01 curl -s -o /dev/null http://${LAB.hostIp}:81/`,
    'wait 2',
    '@host conntrack -L -p icmp',
    '@host conntrack -L -p tcp',
    `@host conntrack -L -s ${c.c1}`,
    `@host conntrack -L -d ${LAB.hostIp}`,
    '@host conntrack -L -o extended',
    '@host conntrack -C',
    '@host conntrack -S',
    '@host conntrack -L -p nosuch',
    '@host conntrack -F; conntrack -C',
    '@host conntrack -X',
  ];
  return { name: 'conntrack', comment: 'conntrack listings after known traffic', lines };
}

function sysctlGroup(): Group {
  const keys = [
    'net.ipv4.ip_forward',
    'net.ipv4.conf.all.forwarding',
    'net.ipv4.conf.default.forwarding',
    'net.ipv4.conf.docker0.forwarding',
    'net.ipv4.conf.ens160.forwarding',
    'net.ipv4.conf.lo.forwarding',
    'net.ipv4.conf.all.rp_filter',
    'net.ipv4.conf.docker0.rp_filter',
    'net.ipv4.conf.all.route_localnet',
    'net.ipv4.conf.docker0.route_localnet',
    'net.ipv4.conf.all.send_redirects',
    'net.ipv4.conf.docker0.send_redirects',
    'net.ipv4.conf.all.accept_redirects',
    'net.ipv4.conf.all.proxy_arp',
    'net.ipv4.conf.docker0.proxy_arp',
    'net.bridge.bridge-nf-call-iptables',
    'net.ipv6.conf.all.disable_ipv6',
    'net.ipv6.conf.docker0.disable_ipv6',
    'net.ipv6.conf.all.forwarding',
    'net.ipv4.ip_local_port_range',
  ];
  const host = keys.flatMap((k) => [`@host sysctl ${k}`, `@host cat /proc/sys/${k.replace(/\./g, '/')}`]);
  const container = ['net.ipv4.ip_forward', 'net.ipv4.conf.eth0.forwarding', 'net.ipv4.conf.all.rp_filter', 'net.ipv6.conf.all.disable_ipv6', 'net.ipv6.conf.eth0.disable_ipv6'].map(
    (k) => `@c1 sysctl ${k}`,
  );
  const other = [
    '@host sysctl -n net.ipv4.ip_forward net.ipv4.conf.docker0.forwarding',
    '@host sysctl net.ipv4.conf.nosuch.forwarding',
    '@host sysctl -a 2>/dev/null | grep -c forwarding',
    '@host sysctl -a 2>/dev/null | grep docker0.forwarding',
    '@host ls /proc/sys/net/ipv4/conf/',
    '@host ls /proc/sys/net/ipv4/conf/docker0/ | head -5',
    '@c1 ls /proc/sys/net/ipv4/conf/',
    '@c1 cat /proc/sys/net/ipv4/ip_forward',
    '@host sysctl -w net.ipv4.conf.docker0.forwarding=1',
    '@c1 sysctl -w net.ipv4.ip_forward=0',
  ];
  return { name: 'sysctl', comment: 'sysctl and /proc/sys on the host and in a container', lines: [...host, ...container, ...other] };
}

function nsGroup(): Group {
  const nsenterOf = (name: string, cmd: string): string => `@host nsenter -t $(docker inspect -f '{{.State.Pid}}' ${name}) -n ${cmd}`;
  const lines = [
    ...cross(['c1', 'web'], ['ip -br addr', 'ip route', 'ss -tln', 'hostname', 'ip -4 -o addr show eth0']).map(([n, c]) => nsenterOf(n, c)),
    "@host nsenter -t $(docker inspect -f '{{.State.Pid}}' c2) -n -u hostname",
    '@host nsenter -t 999999 -n true',
    '@host lsns -t net | wc -l',
    '@host lsns --type=bogus',
    '@host lsns -t net -o NS,TYPE | head -1',
    '@c1 lsns -t net | wc -l',
  ];
  return { name: 'ns', comment: 'nsenter into containers and lsns', lines };
}

function dockerGroups(): Group[] {
  const names = ['c1', 'c2', 'c3', 'web'];
  const inspectFields = [
    '{{.NetworkSettings.IPAddress}}',
    '{{.NetworkSettings.MacAddress}}',
    '{{.NetworkSettings.Gateway}}',
    '{{.NetworkSettings.IPPrefixLen}}',
    '{{.Config.Hostname}}',
    '{{.HostConfig.NetworkMode}}',
    '{{.State.Status}}',
    '{{.Name}}',
    '{{.Config.Image}}',
    '{{json .NetworkSettings.Ports}}',
    '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}',
  ];
  const inspect = cross(inspectFields, names).map(([f, n]) => `@host docker inspect -f '${f}' ${n}`);
  const psFormats = ['', '-a', '-q', '--format "{{.Names}}"', '--format "{{.Names}} {{.Status}}"', '--format "table {{.Names}}\\t{{.Image}}"', '--format "{{.Names}} {{.Ports}}"', '--filter name=c1 --format "{{.Names}}"', '-a --format "{{.Names}} {{.State}}"', '--no-trunc --format "{{.Names}} {{.Command}}"'];
  // Listed as docker prints them (newest first) where each line starts with the random container id; sorted otherwise.
  const ps = psFormats.map((f) => `@host ${words('docker ps', f)}${f === '' || f === '-a' ? '' : ' | sort'}`);
  const network = [
    'docker network ls',
    'docker network ls --format "{{.Name}} {{.Driver}}"',
    'docker network ls -q | wc -l',
    "docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' bridge",
    "docker network inspect -f '{{.Driver}} {{.Scope}}' bridge host none",
    "docker network inspect -f '{{json .Options}}' bridge",
    "docker network inspect bridge | jq -r '.[0].Containers[].IPv4Address' | sort",
    "docker network inspect bridge | jq -r '.[0].Name'",
    'docker network inspect nosuch',
  ].map((c) => `@host ${c}`);
  const misc = [
    ...['web', 'c1'].map((n) => `@host docker port ${n}`),
    '@host docker port web 80',
    '@host docker port web 81',
    ...cross(['c1', 'c2'], ['hostname', 'cat /etc/hostname', 'ip -br -4 addr', 'cat /etc/resolv.conf']).map(([n, c]) => `@host docker exec ${n} ${c}`),
    '@host docker exec c1 ping -c 1 172.17.0.3 | head -2',
    '@host docker exec nosuch true',
    '@host docker inspect nosuch',
    "@host docker inspect c1 | jq -r '.[0].NetworkSettings.Networks.bridge.IPAddress'",
    "@host docker inspect c1 | jq '.[0].HostConfig.PortBindings'",
    "@host docker inspect web | jq -r '.[0].NetworkSettings.Ports[\"80/tcp\"][0].HostPort'",
    '@host docker version --format "{{.Server.Version}}"',
    '@host docker info --format "{{.Containers}} {{.ContainersRunning}}"',
  ];
  const lifecycle = [
    '@host docker run -d --name corpus1 lab/debian:bookworm sleep 300 > /dev/null; docker inspect -f "{{.NetworkSettings.IPAddress}}" corpus1',
    '@host docker ps --format "{{.Names}}" | sort',
    '@host docker stop corpus1 > /dev/null; docker ps -a --filter name=corpus1 --format "{{.Names}} {{.State}}"',
    '@host docker inspect -f "{{.State.Running}} {{.NetworkSettings.IPAddress}}" corpus1',
    '@host docker start corpus1',
    '@host docker inspect -f "{{.State.Running}} {{.NetworkSettings.IPAddress}}" corpus1',
    '@host docker exec corpus1 ip -br -4 addr show eth0',
    '@host docker rm corpus1',
    '@host docker rm -f corpus1',
    '@host docker ps -a --filter name=corpus1 -q | wc -l',
    '@host docker run --rm lab/debian:bookworm hostname -I',
    '@host docker run --rm --network host lab/debian:bookworm ip -br -4 addr show docker0',
    '@host docker run --rm --network none lab/debian:bookworm ip -br link',
    '@host docker run -d --name corpus2 -p 8081:80 lab/debian:bookworm sleep 300 > /dev/null; docker port corpus2',
    '@host iptables -t nat -S DOCKER',
    "@host iptables -S DOCKER",
    '@host docker rm -f corpus2',
    '@host iptables -t nat -S DOCKER',
    '@host docker run --rm nosuchimage:latest true 2>&1 | tail -1',
    '@host docker stop nosuch',
    '@host docker start nosuch',
  ];
  return [
    { name: 'docker-inspect', comment: 'docker inspect --format over every container', lines: inspect },
    { name: 'docker-ps-network', comment: 'docker ps and docker network views', lines: [...ps, ...network, ...misc] },
    { name: 'docker-lifecycle', comment: 'docker run, stop, start, rm with --format checks', lines: lifecycle },
  ];
}

function jqShellGroup(): Group {
  const json = '{"name":"c1","ip":"172.17.0.2","ports":[80,443],"nets":{"bridge":{"gw":"172.17.0.1"}}}';
  const filters = ['.', '.name', '-r .ip', '.ports', '-c .ports', "'.ports[0]'", "'.ports | length'", '-r .nets.bridge.gw', 'keys', "-c '{ip}'", '.missing', '-e .missing', "-r '.ports[]'", "'has(\"ip\")'", "'.ports | map(. * 2)'"];
  const jq = filters.map((f) => `@host echo '${json}' | jq ${f}; echo "exit $?"`);
  const shell = [
    'echo hello', 'echo $HOME', 'echo "$USER"', "echo 'single $HOME'", 'pwd', 'cd /tmp; pwd', 'whoami', 'hostname', 'true; echo $?', 'false; echo $?',
    'nosuchcommand', 'echo a b | wc -w', 'echo one two three | wc -c', 'ls /proc/sys/net | sort', 'cat /etc/hostname', 'X=5; echo $((X + 1))',
    'echo $(hostname)', 'echo first && echo second', 'false || echo fallback', 'echo ~', 'history | wc -l', 'env | grep -c PATH',
    'export A=1; echo $A', 'unset A; echo "[$A]"', 'cat /etc/os-release | head -1', 'head -1 /etc/hosts', 'grep -c docker /etc/group',
    'sort -r /etc/hostname', 'tail -n 1 /etc/hosts', 'ls -d /etc', 'cd /nonexistent', 'echo -e "a\\tb"', 'echo -n x; echo y',
  ].map((c) => `@host ${c}`);
  const containerShell = ['hostname', 'cat /etc/hosts', 'whoami', 'pwd', 'ls /', 'echo $HOSTNAME', 'cat /etc/resolv.conf', 'ps'].map((c) => `@c1 ${c}`);
  return { name: 'jq-shell', comment: "jq filters and the shell's builtins and simple pipes", lines: [...jq, ...shell, ...containerShell] };
}

function tcpdumpGroup(): Group {
  const c = LAB.containers;
  const capture = (flags: string, traffic: string): string[] => [`@host tcpdump -c 2 ${flags}`, 'wait 1', traffic, 'wait 1'];
  const pingOut = `@c1 ping -c 1 ${LAB.host01}`;
  const pingIn = `@c1 ping -c 1 ${c.c2}`;
  const lines = [
    ...capture('-n -i docker0 icmp', pingIn),
    ...capture('-nn -e -i docker0 icmp', pingIn),
    ...capture('-n -v -i docker0 icmp', pingIn),
    ...capture('-n -vv -i docker0 icmp', pingIn),
    ...capture('-n -i ens160 icmp', pingOut),
    ...capture('-n -e -i ens160 icmp', pingOut),
    ...capture('-n -v -i ens160 icmp', pingOut),
    ...capture('-n -i any icmp', pingIn),
    ...capture(`-n -i docker0 host ${c.c2}`, pingIn),
    ...capture(`-n -i docker0 'icmp and src ${c.c1}'`, pingIn).map((l) => l.replace('-c 2', '-c 1')),
    ...capture(`-n -i docker0 'dst host ${c.c2} and icmp'`, pingIn).map((l) => l.replace('-c 2', '-c 1')),
    ...capture('-n -q -i docker0 icmp', pingIn),
    ...capture('-n -t -i docker0 icmp', pingIn),
    ...capture(`-nn -i docker0 'tcp port 80 and tcp[tcpflags] & tcp-syn != 0'`, `@c1 curl -s -o /dev/null http://${c.web}/`),
    ...capture('-n -i ens160 tcp port 81', `@host01 curl -s -o /dev/null http://${LAB.hostIp}:81/`),
    ...capture('-n -i docker0 arp', `@c1 ip neigh flush all; ping -c 1 ${c.c3} > /dev/null`),
    '@host tcpdump -D',
    '@host tcpdump -n -i nosuch0',
    "@host tcpdump -n -i docker0 'tcp port'",
    "@host tcpdump -n -i docker0 'nosuchproto'",
    '@host tcpdump --version 2>&1 | head -1',
  ];
  return { name: 'tcpdump', comment: 'tcpdump with -e, -v, -vv, -q, -t, -i any and filters around known traffic', lines };
}

function groups(): Group[] {
  return [...ipGroups(), bridgeGroup(), ...iptablesGroups(), pingGroup(), httpGroup(), ncSsGroup(), conntrackGroup(), sysctlGroup(), nsGroup(), ...dockerGroups(), jqShellGroup(), tcpdumpGroup()];
}

function render(group: Group): string {
  const scenario = group.scenario ? `# scenario: ${group.scenario}\n` : '';
  return `# Generated by test/corpus/generate.ts; do not edit. ${group.comment}.\n${scenario}${group.lines.join('\n')}\n`;
}

mkdirSync(OUT, { recursive: true });
for (const file of readdirSync(OUT)) rmSync(join(OUT, file));
let total = 0;
for (const group of groups()) {
  writeFileSync(join(OUT, `${group.name}.lab`), render(group));
  total += group.lines.filter((l) => l.startsWith('@')).length;
}
console.log(`wrote ${groups().length} groups, ${total} commands to ${OUT}`);
