// The iptables rules dockerd 20.10 writes, as iptables argument lists, so the
// listings are exactly what `iptables -S` shows on a real host.

export interface PortMapping {
  proto: 'tcp' | 'udp';
  /** Empty for all addresses (0.0.0.0). */
  hostIp: string;
  hostPort: number;
  containerPort: number;
}

const words = (line: string) => line.split(' ');

/** Chains and jumps that exist once, before any network. */
export function baseRules(): string[][] {
  return [
    '-t nat -N DOCKER',
    '-t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
    '-t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
    '-t filter -N DOCKER',
    '-t filter -N DOCKER-ISOLATION-STAGE-1',
    '-t filter -N DOCKER-ISOLATION-STAGE-2',
    '-t filter -N DOCKER-USER',
    '-t filter -P FORWARD DROP',
    '-t filter -A FORWARD -j DOCKER-USER',
    '-t filter -A FORWARD -j DOCKER-ISOLATION-STAGE-1',
    '-t filter -A DOCKER-ISOLATION-STAGE-1 -j RETURN',
    '-t filter -A DOCKER-ISOLATION-STAGE-2 -j RETURN',
    '-t filter -A DOCKER-USER -j RETURN',
  ].map(words);
}

/**
 * A bridge network's rules, as inserted (newer networks come first). Each
 * entry is [insert command, the same rule for `-D`].
 */
export function networkRules(bridge: string, subnet: string, icc = true): { add: string[][]; remove: string[][] } {
  const specs: [string, string, number | undefined][] = [
    ['nat', `POSTROUTING -s ${subnet} ! -o ${bridge} -j MASQUERADE`, 1],
    ['nat', `DOCKER -i ${bridge} -j RETURN`, 1],
    ['filter', `FORWARD -i ${bridge} -o ${bridge} -j ${icc ? 'ACCEPT' : 'DROP'}`, 3],
    ['filter', `FORWARD -i ${bridge} ! -o ${bridge} -j ACCEPT`, 3],
    ['filter', `FORWARD -o ${bridge} -j DOCKER`, 3],
    ['filter', `FORWARD -o ${bridge} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`, 3],
    ['filter', `DOCKER-ISOLATION-STAGE-1 -i ${bridge} ! -o ${bridge} -j DOCKER-ISOLATION-STAGE-2`, 1],
    ['filter', `DOCKER-ISOLATION-STAGE-2 -o ${bridge} -j DROP`, 1],
  ];
  return {
    add: specs.map(([table, spec, at]) => {
      const [chain, ...rest] = words(spec);
      return ['-t', table, '-I', chain, String(at), ...rest];
    }),
    remove: specs.map(([table, spec]) => ['-t', table, '-D', ...words(spec)]),
  };
}

/** A published port's three rules: DNAT, the filter DOCKER accept, the hairpin MASQUERADE. */
export function portRules(bridge: string, containerIp: string, p: PortMapping): { add: string[][]; remove: string[][] } {
  const dst = p.hostIp && p.hostIp !== '0.0.0.0' ? `-d ${p.hostIp}/32 ` : '';
  const specs = [
    `-t filter DOCKER -d ${containerIp}/32 ! -i ${bridge} -o ${bridge} -p ${p.proto} -m ${p.proto} --dport ${p.containerPort} -j ACCEPT`,
    `-t nat POSTROUTING -s ${containerIp}/32 -d ${containerIp}/32 -p ${p.proto} -m ${p.proto} --dport ${p.containerPort} -j MASQUERADE`,
    `-t nat DOCKER ${dst}! -i ${bridge} -p ${p.proto} -m ${p.proto} --dport ${p.hostPort} -j DNAT --to-destination ${containerIp}:${p.containerPort}`,
  ];
  const build = (flag: string) =>
    specs.map((s) => {
      const [t, table, chain, ...rest] = words(s);
      return [t, table, flag, chain, ...rest];
    });
  return { add: build('-A'), remove: build('-D') };
}
