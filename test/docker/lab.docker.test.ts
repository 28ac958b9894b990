// A real lab end to end: start, terminals with command records, probes,
// bindings, topology, captures, reset, leftovers, and the lab host vanishing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalSession } from '../../src-main/core/lab/backend.js';
import { SimBackend } from '../../src-main/core/simlab/backend.js';
import { DockerBackend } from '../../src-main/node/docker/backend.js';
import { LAB_LABEL } from '../../src-main/node/docker/lab-host.js';
import { docker, labHostIds, Recorder, until } from './helpers.js';
import type { LabProgress, LabStatus } from '../../src-main/core/api/lab.js';

const size = { cols: 120, rows: 30 };
let backend: DockerBackend;
let recorder: Recorder;
const statuses: LabStatus[] = [];
const progress: LabProgress[] = [];
let host: TerminalSession;
let c1: TerminalSession;
let host01: TerminalSession;

beforeAll(async () => {
  backend = new DockerBackend();
  recorder = new Recorder(backend);
  backend.onStatus((s) => statuses.push(s));
  await backend.start('article', (p) => progress.push(p));
  [host, c1, host01] = await Promise.all(['host', 'c1', 'host01'].map((name) => backend.openTerminal(name, size)));
});

afterAll(async () => {
  await backend?.dispose();
});

describe('starting the article lab on a real engine', () => {
  it('goes from starting to ready, reporting progress up to 1', () => {
    expect(statuses.map((s) => s.phase)).toEqual(['starting', 'ready']);
    expect(backend.status()).toEqual({ backend: 'docker', phase: 'ready', scenario: 'article' });
    expect(progress.at(-1)).toEqual({ step: 'Lab ready', fraction: 1 });
    const fractions = progress.map((p) => p.fraction).filter((f): f is number => f !== undefined);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('runs the lab in one container carrying the app label, with no network of its own', async () => {
    expect(await labHostIds()).toContain(backend.labHostId);
    const info = await docker.getContainer(backend.labHostId!).inspect();
    expect(info.Config.Labels[LAB_LABEL]).toBeDefined();
    expect(info.HostConfig.NetworkMode).toBe('none');
    expect(info.Config.Hostname).toBe('docker-host');
  });
});

describe('terminals', () => {
  it('records commands with output and exit status from the Docker host, a container and Host01', async () => {
    const first = await recorder.run(host, 'hostname');
    expect(first).toMatchObject({ terminal: 'host', output: 'docker-host\n', exitCode: 0 });
    const addr = await recorder.run(c1, 'hostname; ip -4 -o addr show eth0 | grep -o "inet [0-9./]*"');
    expect(addr.output).toBe('c1\ninet 172.17.0.2/16\n');
    const outside = await recorder.run(host01, 'hostname; ip -4 -o addr show eth0 | grep -o "inet [0-9./]*"');
    expect(outside.output).toBe('host01\ninet 172.16.211.1/24\n');
    const failed = await recorder.run(host, 'ls /no/such/file');
    expect(failed.exitCode).toBe(2);
    expect(failed.output).toContain('No such file or directory');
    expect(addr.seq).toBe(first.seq + 1);
    expect(failed.seq).toBeGreaterThan(outside.seq);
    expect(failed.endedAt).toBeGreaterThanOrEqual(failed.startedAt);
  });

  it("shows the article's paths: c1 reaches Host01 through one routed hop, Host01 reaches web through the published port", async () => {
    const ping = await recorder.run(c1, 'ping -c 1 172.16.211.1');
    expect(ping.exitCode).toBe(0);
    expect(ping.output).toMatch(/64 bytes from 172\.16\.211\.1: icmp_seq=1 ttl=63 /);
    const curl = await recorder.run(host01, "curl -s -o /dev/null -w '%{http_code}\\n' http://172.16.211.128:81/");
    expect(curl.output).toBe('200\n');
    const policy = await recorder.run(host, 'iptables -S FORWARD | head -1');
    expect(policy.output).toBe('-P FORWARD DROP\n');
    const nat = await recorder.run(host, 'iptables -t nat -S DOCKER');
    expect(nat.output).toContain('-A DOCKER -d 172.16.211.128/32 ! -i docker0 -p tcp -m tcp --dport 81 -j DNAT --to-destination 172.17.0.5:80');
  });

  it('is busy while a command runs, and Ctrl-C ends it with status 130', async () => {
    const before = recorder.records.length;
    c1.write('sleep 30\r');
    await until(() => c1.busy, 10_000, 'sleep to start');
    c1.write('\x03');
    await until(() => recorder.records.length > before, 10_000, 'sleep to end');
    expect(recorder.records.at(-1)).toMatchObject({ terminal: 'c1', command: 'sleep 30', exitCode: 130 });
    expect(c1.busy).toBe(false);
  });

  it('ends the shell when a terminal is closed, in the lab host and in the container', async () => {
    const shells = async () => {
      // The `docker exec` that runs c2's shell, in the lab host (c2's own processes show there too).
      const inLabHost = await backend.probe('host', "pgrep -fc '^docker exec -it .* c2 bash --rcfile' || true", 5000);
      const inC2 = await backend.probe('c2', "ps -eo args | grep -c '^bash --rcfile' || true", 5000);
      return [Number(inLabHost.output), Number(inC2.output)];
    };
    const [labHostBefore, c2Before] = await shells();
    const c2 = await backend.openTerminal('c2', size);
    await recorder.run(c2, 'true');
    expect(await shells()).toEqual([labHostBefore + 1, c2Before + 1]);
    let exitCode: number | undefined;
    c2.onExit((code) => (exitCode = code));
    c2.write('sleep 60\r');
    await until(() => c2.busy, 10_000, 'sleep to start');
    c2.dispose();
    await until(() => exitCode !== undefined, 10_000, 'the terminal to end');
    expect(await shells()).toEqual([labHostBefore, c2Before]);
  });
});

describe('probes, bindings and topology', () => {
  it('runs hidden commands with their exit status, and kills them at the timeout', async () => {
    expect(await backend.probe('c1', 'ip route; exit 3', 5000)).toEqual({
      output: 'default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 \n',
      exitCode: 3,
    });
    expect(await backend.probe('host02', 'hostname >&2', 5000)).toEqual({ output: 'host02\n', exitCode: 0 });
    const started = Date.now();
    const slow = await backend.probe('host', 'sleep 20', 1000);
    expect(slow.exitCode).toBe(137);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("binds the lab's live values, under every name the simulator binds", async () => {
    const bindings = await backend.bindings();
    const sim = new SimBackend();
    await sim.start('article');
    const simKeys = Object.keys(await sim.bindings());
    await sim.dispose();
    expect(Object.keys(bindings)).toEqual(expect.arrayContaining(simKeys));
    expect(bindings).toMatchObject({
      'host.ip': '172.16.211.128',
      'host.iface': 'ens160',
      'docker0.ip': '172.17.0.1',
      'host01.ip': '172.16.211.1',
      'host02.ip': '172.16.211.3',
      'c1.ip': '172.17.0.2',
      'c2.ip': '172.17.0.3',
      'c3.ip': '172.17.0.4',
      'web.ip': '172.17.0.5',
      'c1.mac': '02:42:ac:11:00:02',
    });
    const pid = await backend.probe('host', "docker inspect -f '{{.State.Pid}}' c1", 5000);
    expect(bindings['c1.pid']).toBe(pid.output.trim());
    const id = await backend.probe('host', 'docker ps -q --filter name=^c1$', 5000);
    expect(bindings['c1.id']).toBe(id.output.trim());
    const veth = await backend.probe('host', `ip -o link show master docker0 | grep -c '${bindings['c1.veth']}@'`, 5000);
    expect(bindings['c1.veth']).toMatch(/^veth[0-9a-f]{7}$/);
    expect(veth.output.trim()).toBe('1');
  });

  it('draws each container on a veth into docker0, and web published on 172.16.211.128:81', async () => {
    const topology = await backend.topology();
    expect(topology.nodes.map((n) => n.id).sort()).toEqual(['c1', 'c2', 'c3', 'gateway', 'host', 'host01', 'host02', 'web']);
    const hostNode = topology.nodes.find((n) => n.id === 'host')!;
    for (const name of ['c1', 'c2', 'c3', 'web']) {
      const veth = hostNode.interfaces.find((i) => i.peer?.node === name);
      expect(veth, name).toMatchObject({ kind: 'veth', master: 'docker0', peer: { node: name, iface: 'eth0' } });
    }
    expect(new Set(topology.nodes.map((n) => n.netns)).size).toBe(topology.nodes.length);
    expect(topology.publishedPorts).toEqual([{ container: 'web', hostIp: '172.16.211.128', hostPort: 81, containerPort: 80, protocol: 'tcp' }]);
  });
});

describe('captures', () => {
  it('sees c1 on docker0 and the masqueraded host address on ens160', async () => {
    const onBridge = await backend.capture({ host: 'host', iface: 'docker0', filter: 'icmp' });
    const onLab = await backend.capture({ host: 'host', iface: 'ens160', filter: 'icmp' });
    const inHost01 = await backend.capture({ host: 'host01', iface: 'eth0', filter: 'icmp' });
    await backend.probe('c1', 'ping -c 1 172.16.211.1', 5000);
    await until(() => [onBridge, onLab, inHost01].every((c) => c.packets().length >= 2), 10_000, 'packets on all three');
    for (const capture of [onBridge, onLab, inHost01]) capture.dispose();
    expect(onBridge.packets().map((p) => p.line)).toContainEqual(expect.stringMatching(/^IP 172\.17\.0\.2 > 172\.16\.211\.1: ICMP echo request, id \d+, seq 1, length 64$/));
    expect(onLab.packets().map((p) => p.line)).toContainEqual(expect.stringMatching(/^IP 172\.16\.211\.128 > 172\.16\.211\.1: ICMP echo request/));
    expect(inHost01.packets()[0]).toMatchObject({ host: 'host01', iface: 'eth0' });
  });

  it('refuses an interface that does not exist', async () => {
    await expect(backend.capture({ host: 'c1', iface: 'ens999' })).rejects.toThrow(/ens999/);
  });
});

describe('reset, leftovers and a vanished lab host', () => {
  it('reset builds a fresh lab: changes are gone, open terminals end', async () => {
    await recorder.run(host, 'docker rm -f c3 >/dev/null; touch /root/changed');
    const oldId = backend.labHostId;
    let exited = false;
    host.onExit(() => (exited = true));
    await backend.reset();
    await until(() => exited, 10_000, 'the old terminal to end');
    expect(backend.status().phase).toBe('ready');
    const probe = await backend.probe('host', "docker ps --format '{{.Names}}' | sort; ls /root", 5000);
    expect(probe.output).toBe('c1\nc2\nc3\nweb\n');
    const ids = await labHostIds();
    expect(ids).toContain(backend.labHostId);
    expect(ids).not.toContain(oldId);
  });

  it('lists lab hosts left by another run and removes them on request, never the running lab', async () => {
    const crashed = new DockerBackend({ spareLabHost: false });
    await crashed.start('fresh');
    // `crashed` is never disposed: its lab host is what a killed app leaves behind.
    const leftover = (await backend.leftoverLabs()).find((lab) => lab.id === crashed.labHostId);
    expect(leftover).toMatchObject({ scenario: 'fresh', state: 'running' });
    expect((await backend.leftoverLabs()).map((lab) => lab.id)).not.toContain(backend.labHostId);
    await backend.removeLeftoverLabs([crashed.labHostId!]);
    const ids = await labHostIds();
    expect(ids).not.toContain(crashed.labHostId);
    expect(ids).toContain(backend.labHostId);
    expect(backend.status().phase).toBe('ready');
  });

  it('reports a failed lab, with how to recover, when the lab host disappears mid-lesson', async () => {
    await docker.getContainer(backend.labHostId!).remove({ force: true });
    await until(() => backend.status().phase === 'failed', 10_000, 'the failed status');
    expect(backend.status().message).toMatch(/stopped during the lesson.*Reset lab/);
    await expect(backend.probe('host', 'true', 1000)).rejects.toThrow(/stopped during the lesson/);
  });
});
