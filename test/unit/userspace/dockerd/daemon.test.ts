import { describe, expect, it } from 'vitest';
import { runIptables } from '../../../../src-main/core/userspace/iptables/run.js';
import { netfilterOf } from '../../../../src-main/core/sim/netfilter/kernel.js';
import { ipv4 } from '../../../../src-main/core/sim/wire/packet.js';
import type { TapEvent } from '../../../../src-main/core/sim/trace/taps.js';
import { DockerError, parsePublish } from '../../../../src-main/core/userspace/dockerd/daemon.js';
import { articleLab } from './article-lab.js';
import { findImage } from '../../../../src-main/core/userspace/dockerd/images.js';
import { transportOf } from '../../../../src-main/core/sim/transport/transport.js';
import type { NetNamespace } from '../../../../src-main/core/sim/net/namespace.js';
import { conntrackLine } from '../../../../src-main/core/userspace/conntrack/format.js';
import { articleNetfilter } from '../../sim/netfilter/helpers.js';

const S = (lab: ReturnType<typeof articleLab>, table: string) =>
  runIptables(netfilterOf(lab.hostNs), ['-t', table, '-S']).stdout;

describe('docker run on the default bridge', () => {
  it('hands out .2 .3 .4 .5 with 02:42 MACs, eth0 in the container, veth on docker0', () => {
    const lab = articleLab();
    const [c1, , , web] = lab.docker.containers;
    expect(lab.docker.containers.map((c) => c.endpoints[0].ip)).toEqual(['172.17.0.2', '172.17.0.3', '172.17.0.4', '172.17.0.5']);
    expect(c1.endpoints[0].mac).toBe('02:42:ac:11:00:02');
    expect(c1.endpoints[0].hostVeth).toMatch(/^veth[0-9a-f]{7}$/);
    const eth0 = c1.ns!.device('eth0')!;
    const hostEnd = lab.hostNs.device(c1.endpoints[0].hostVeth)!;
    expect(hostEnd.master?.name).toBe('docker0');
    expect(hostEnd.ifindex).toBe(eth0.ifindex + 1);
    expect(c1.ns!.routes.lookup('8.8.8.8')?.gateway).toBe('172.17.0.1');
    expect(web.ns!.nsfsPath).toMatch(/^\/run\/docker\/netns\/[0-9a-f]{12}$/);
    expect(lab.host.process(web.pid)?.netns).toBe(web.ns);
    expect([...lab.host.processes.values()].filter((p) => p.command === 'docker-proxy')[0].args.join(' ')).toBe(
      '/usr/bin/docker-proxy -proto tcp -host-ip 172.16.211.128 -host-port 81 -container-ip 172.17.0.5 -container-port 80',
    );
  });

  it('writes exactly the rules of the reference host', () => {
    const lab = articleLab();
    // ARTICLE_RULES is the reference host's rule set (its listings are checked byte for byte in netfilter/).
    const reference = articleNetfilter();
    for (const table of ['nat', 'filter']) {
      expect(S(lab, table)).toBe(runIptables(reference, ['-t', table, '-S']).stdout);
    }
    expect(S(lab, 'filter').startsWith('-P INPUT ACCEPT\n-P FORWARD DROP\n')).toBe(true);
  });

  it('undoes everything on stop and redoes it on start, reusing the address', async () => {
    const lab = articleLab();
    const web = lab.docker.container('web')!;
    const before = S(lab, 'nat');
    const stopping = lab.docker.stop(web);
    await lab.world.clock.advance(10_000);
    await stopping;
    expect(web.status).toBe('exited');
    expect(web.exitCode).toBe(137);
    expect(S(lab, 'nat')).not.toContain('DNAT');
    expect(lab.hostNs.devices().filter((d) => d.name.startsWith('veth'))).toHaveLength(3);
    expect(lab.host.namespace('web')).toBeUndefined();
    expect([...lab.host.processes.values()].some((p) => p.command === 'docker-proxy')).toBe(false);
    lab.docker.start(web);
    expect(web.endpoints[0].ip).toBe('172.17.0.5');
    expect(S(lab, 'nat')).toBe(before);
  });

  it('refuses a taken name and removing a running container, like dockerd', () => {
    const lab = articleLab();
    expect(() => lab.docker.create({ image: 'ubuntu', name: 'c1' })).toThrow(/Conflict\. The container name "\/c1" is already in use/);
    expect(() => lab.docker.remove(lab.docker.container('c1')!)).toThrow(DockerError);
    lab.docker.remove(lab.docker.container('c1')!, true);
    expect(lab.docker.container('c1')).toBeUndefined();
    expect(parsePublish('8080:80')).toEqual({ proto: 'tcp', hostIp: '', hostPort: 8080, containerPort: 80 });
    expect(() => parsePublish('x:80')).toThrow(/Invalid hostPort/);
  });

  it('user-defined networks get br-<id> and come first in FORWARD and POSTROUTING', () => {
    const lab = articleLab();
    const net = lab.docker.createNetwork('app');
    expect(net.bridgeName).toBe(`br-${net.id.slice(0, 12)}`);
    expect(net.subnet).toBe('172.18.0.0/16');
    const filter = S(lab, 'filter');
    expect(filter).toContain(`-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n-A FORWARD -o ${net.bridgeName} -m conntrack`);
    expect(filter).toContain(`-A DOCKER-ISOLATION-STAGE-2 -o ${net.bridgeName} -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP`);
    const c = lab.docker.create({ image: 'alpine', name: 'a1', network: 'app' });
    lab.docker.start(c);
    expect(c.endpoints[0].ip).toBe('172.18.0.2');
    expect(() => lab.docker.removeNetwork('app')).toThrow(/active endpoints/);
  });

  it("a network's bridge shows what Docker 20.10 leaves on it: one carrier change before a port, two after", () => {
    const lab = articleLab();
    const net = lab.docker.createNetwork('app');
    const bridge = lab.hostNs.device(net.bridgeName)!;
    expect(bridge.carrierChanges).toBe(1);
    lab.docker.start(lab.docker.create({ image: 'alpine', name: 'a1', network: 'app' }));
    expect(bridge.carrierChanges).toBe(2);
  });
});

describe('packets through the daemon-built host', () => {
  it('c1 -> Host01 is masqueraded to 172.16.211.128 on ens160; the reply reaches c1', async () => {
    const lab = articleLab();
    const c1 = lab.docker.container('c1')!;
    const seen: string[] = [];
    lab.world.taps.watch(lab.hostNs, 'ens160', (e: TapEvent) => {
      const p = e.frame.payload;
      if (p.kind === 'ipv4') seen.push(`${e.direction} ${p.src} > ${p.dst}`);
    });
    const replies: string[] = [];
    c1.ns!.ip.openIcmpSocket((packet) => replies.push(`${packet.src} > ${packet.dst}`));
    c1.ns!.ip.send(ipv4({ src: '0.0.0.0', dst: '172.16.211.1', payload: { kind: 'icmp', type: 8, code: 0, id: 41, seq: 1, data: new Uint8Array(56) } }));
    await lab.world.clock.advance(1000);
    expect(seen).toEqual(['out 172.16.211.128 > 172.16.211.1', 'in 172.16.211.1 > 172.16.211.128']);
    expect(replies).toContain('172.16.211.1 > 172.17.0.2');
    const nf = netfilterOf(lab.hostNs);
    expect(nf.table('nat').chain('POSTROUTING').rules[0].packets).toBe(1);
    expect(nf.table('filter').chain('FORWARD').rules[2].packets).toBe(1);
  });
});

describe('docker-proxy', () => {
  it('listens on the published address and refuses a second container on the same port', () => {
    const lab = articleLab();
    const proxy = lab.docker.container('web')!.proxies[0];
    expect(proxy.forwarder).toBeDefined();
    const dup = lab.docker.create({ image: 'lab/debian:bookworm', name: 'web2', tty: true, interactive: true, publish: ['172.16.211.128:81:80'] });
    expect(() => lab.docker.start(dup)).toThrow(/address already in use/);
    expect(dup.status).toBe('created');
    expect(lab.host.namespace('web2')).toBeUndefined();
    expect(dup.endpoints).toHaveLength(0);
    lab.docker.remove(lab.docker.container('web')!, true);
    expect([...lab.host.processes.values()].some((p) => p.command === 'docker-proxy')).toBe(false);
    lab.docker.start(dup);
    expect(dup.status).toBe('running');
  });
});

describe('TCP to the published port', () => {
  async function connect(lab: ReturnType<typeof articleLab>, from: NetNamespace, ip: string, port: number) {
    const connecting = transportOf(from).connect(ip, port, {});
    let socket: Awaited<typeof connecting> | undefined;
    void connecting.then(
      (s) => (socket = s),
      () => undefined,
    );
    for (let i = 0; i < 50 && !socket; i++) await lab.world.clock.advance(10);
    return socket;
  }

  it('Host01 -> 172.16.211.128:81 is DNATed once; the server sees the real client', async () => {
    const lab = articleLab();
    const web = lab.docker.container('web')!;
    const listener = transportOf(web.ns!).listen('0.0.0.0', 80, {});
    const accepted: string[] = [];
    void listener.accept().then((s) => accepted.push(`${s.conn.remoteAddress}`));
    const socket = await connect(lab, lab.host01.rootNs, '172.16.211.128', 81);
    expect(socket).toBeDefined();
    await lab.world.clock.advance(100);
    expect(accepted).toEqual(['172.16.211.1']);
    const nf = netfilterOf(lab.hostNs);
    expect(nf.table('nat').chain('DOCKER').rules.map((r) => r.packets)).toEqual([0, 1]);
    expect(nf.table('filter').chain('DOCKER').rules[0].packets).toBe(1);
    const [conn] = nf.conntrack.entries(lab.world.clock.now());
    expect(conntrackLine(conn, lab.world.clock.now())).toMatch(
      /^tcp {6}6 43\d{4} ESTABLISHED src=172\.16\.211\.1 dst=172\.16\.211\.128 sport=\d+ dport=81 src=172\.17\.0\.5 dst=172\.16\.211\.1 sport=80 dport=\d+ \[ASSURED\] mark=0 use=1$/,
    );
  });

  it('the host reaches its own IP:81 by DNAT in nat OUTPUT, keeping its source address', async () => {
    const lab = articleLab();
    const web = lab.docker.container('web')!;
    const listener = transportOf(web.ns!).listen('0.0.0.0', 80, {});
    const accepted: string[] = [];
    void listener.accept().then((s) => accepted.push(`${s.conn.remoteAddress}`));
    // docker-proxy listens on 172.16.211.128 only, as -p 172.16.211.128:81:80 asks; loopback is never DNATed.
    expect(await connect(lab, lab.hostNs, '127.0.0.1', 81)).toBeUndefined();
    const viaHostIp = await connect(lab, lab.hostNs, '172.16.211.128', 81);
    expect(viaHostIp).toBeDefined();
    await lab.world.clock.advance(100);
    expect(accepted).toEqual(['172.16.211.128']);
    expect(netfilterOf(lab.hostNs).table('nat').chain('OUTPUT').rules[0].packets).toBe(1);
  });
});

describe('publishing without a host port', () => {
  it('takes ports from 49153 up, as Docker\'s allocator does', () => {
    const lab = articleLab();
    const a = lab.docker.create({ image: 'alpine', name: 'a1', publish: ['80', '443/tcp'] });
    expect(a.config.ports.map((p) => p.hostPort)).toEqual([49153, 49154]);
    expect(() => parsePublish('8080:')).toThrow(/No port specified/);
  });
});

describe('ICMP errors about masqueraded traffic', () => {
  it('reach the container with the outer and the quoted header un-NATed (RELATED)', async () => {
    const lab = articleLab();
    const c1 = lab.docker.container('c1')!;
    const errors: { dst: string; quotedSrc: string }[] = [];
    lab.world.taps.watch(c1.ns!, 'eth0', (e: TapEvent) => {
      const p = e.frame.payload;
      if (e.direction === 'in' && p.kind === 'ipv4' && p.payload.kind === 'icmp' && p.payload.type === 3) {
        const q = p.payload.data;
        errors.push({ dst: p.dst, quotedSrc: `${q[12]}.${q[13]}.${q[14]}.${q[15]}` });
      }
    });
    c1.ns!.ip.send(ipv4({ src: '0.0.0.0', dst: '172.16.211.1', payload: { kind: 'udp', srcPort: 40000, dstPort: 9, payload: new Uint8Array(4) } }));
    await lab.world.clock.advance(1000);
    expect(errors).toEqual([{ dst: '172.17.0.2', quotedSrc: '172.17.0.2' }]);
    const forward = netfilterOf(lab.hostNs).table('filter').chain('FORWARD').rules;
    expect(forward[2].packets).toBe(1); // -o docker0 ctstate RELATED,ESTABLISHED
  });
});

describe('image catalogue', () => {
  it('knows other tags of its images, with the same commands and a stable id', () => {
    const a = findImage('ubuntu:22.04');
    expect(a).toBeDefined();
    expect(findImage('docker.io/library/ubuntu:22.04')).toBe(a);
    expect(a!.commands).toEqual(findImage('ubuntu')!.commands);
    expect(a!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(a!.id).not.toBe(findImage('ubuntu')!.id);
    expect(findImage('nosuch/image')).toBeUndefined();
    expect(findImage('bc0542edb2a4')?.repository).toBe('lab/debian');
  });
});
