import { describe, expect, it } from 'vitest';
import { readFacts } from '../../../src-main/core/facts/read.js';
import { fixture, golden, only, read, type Recorded, reference } from './transcripts.js';

const forms = fixture('docker-forms.txt');
const recorded = (command: string) => forms.find((r) => r.command === command)!;
const cli = golden('docker-cli');
const format = golden('docker-cli-format');
const inCase = (records: Recorded[], command: string) => records.find((r) => r.command === command)!;

describe('docker reader: inspect', () => {
  it("reads the reference c1's inspect JSON: address, gateway, MAC, network mode, networks", () => {
    expect(read(reference('c1-inspect.txt'))).toMatchObject([
      {
        kind: 'container-inspect',
        name: 'c1',
        ipAddress: '172.17.0.2',
        prefixLength: 16,
        gateway: '172.17.0.1',
        macAddress: '02:42:ac:11:00:02',
        networkMode: 'default',
        running: true,
        pid: expect.any(Number),
        networks: [{ network: 'bridge', ipAddress: '172.17.0.2', gateway: '172.17.0.1' }],
        ports: [],
      },
    ]);
  });

  it('reads published ports of an inspected container as port mappings', () => {
    const facts = read(recorded('docker inspect facts-web'));
    const mappings = only('docker-port-mapping', facts).map((m) => `${m.containerPort}/${m.protocol} -> ${m.hostIp}:${m.hostPort}`);
    expect(mappings.sort()).toEqual(['443/tcp -> 0.0.0.0:18443', '443/tcp -> :::18443', '80/tcp -> 127.0.0.1:18081']);
    expect(only('container-inspect', facts)[0]).toMatchObject({ name: 'facts-web', image: 'docker-networking-explorer/labhost:bullseye' });
  });

  it('reads --format templates by the fields they name', () => {
    expect(read(inCase(cli, "docker inspect -f '{{.NetworkSettings.IPAddress}}' c1"))).toEqual([
      { kind: 'docker-format-value', field: 'NetworkSettings.IPAddress', value: '172.17.0.2', subject: 'c1', text: '172.17.0.2' },
      expect.objectContaining({ kind: 'container-inspect', name: 'c1', ipAddress: '172.17.0.2', gateway: undefined, macAddress: undefined }),
    ]);
    expect(only('container-inspect', read(inCase(cli, "docker inspect -f '{{.NetworkSettings.MacAddress}} {{.NetworkSettings.Gateway}}' c2")))).toMatchObject([{ name: 'c2', macAddress: '02:42:ac:11:00:03', gateway: '172.17.0.1' }]);
    expect(only('container-inspect', read(recorded("docker inspect --format '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{.Gateway}}{{end}}' facts-c1")))).toMatchObject([{ name: 'facts-c1', ipAddress: '10.77.0.2', gateway: '10.77.0.1' }]);
    expect(only('container-inspect', read(recorded("docker inspect -f '{{json .NetworkSettings.Networks}}' facts-c1")))).toMatchObject([{ networks: [{ network: 'facts-net', ipAddress: '10.77.0.2', prefixLength: 24 }] }]);
    expect(only('container-inspect', read(recorded("docker inspect -f '{{.State.Pid}}' facts-c1")))[0]!.pid).toBeGreaterThan(0);
  });

  it('reads a stopped container with an empty address as not running and without address', () => {
    const lifecycle = golden('docker-lifecycle');
    const stopped = only('container-inspect', read(inCase(lifecycle, "docker inspect -f '{{.State.Status}} {{.State.Running}} {{.NetworkSettings.IPAddress}}' c3")));
    expect(stopped).toMatchObject([{ name: 'c3', running: false, ipAddress: undefined }]);
  });

  it('reads JSON lines that grep kept as field values, and nothing from an error', () => {
    const lines = reference('c1-inspect.txt').output.split('\n').filter((l) => l.includes('"IPAddress"'));
    expect(readFacts({ tool: 'docker', argv: ['inspect', 'c1'] }, lines.join('\n'))).toMatchObject([
      { kind: 'docker-format-value', field: 'IPAddress', value: '172.17.0.2', subject: 'c1' },
      { kind: 'docker-format-value', field: 'IPAddress', value: '172.17.0.2', subject: 'c1' },
    ]);
    expect(read(inCase(cli, 'docker inspect nosuch'))).toEqual([]);
  });

  it('reads a network: subnet, gateway, attached containers with addresses', () => {
    expect(read(recorded('docker network inspect facts-net'))).toMatchObject([
      { kind: 'docker-network', name: 'facts-net', driver: 'bridge', scope: 'local', subnet: '10.77.0.0/24', containers: [{ name: 'facts-c1', ipv4Address: '10.77.0.2', prefixLength: 24, macAddress: '02:42:0a:4d:00:02' }] },
    ]);
    expect(only('docker-network', read(recorded("docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' facts-net")))).toMatchObject([{ name: 'facts-net', subnet: '10.77.0.0/24' }]);
  });
});

describe('docker reader: ps, port, network ls', () => {
  it('reads docker ps rows with and without published ports', () => {
    const facts = read(recorded('docker ps --filter name=facts-'));
    expect(only('docker-container', facts).map((c) => [c.name, c.running, c.command, c.ports.length])).toEqual([
      ['facts-c1', true, 'sleep 600', 0],
      ['facts-web', true, 'sleep 600', 3],
    ]);
    expect(only('docker-port-mapping', facts)[0]).toMatchObject({ container: 'facts-web', containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18081 });
  });

  it('reads docker ps without its header line (tail -n +2) and with --no-trunc', () => {
    const rows = recorded('docker ps --filter name=facts-').output.split('\n').slice(1).join('\n');
    expect(only('docker-container', readFacts({ tool: 'docker', argv: ['ps'] }, rows)).map((c) => c.name)).toEqual(['facts-c1', 'facts-web']);
    expect(only('docker-container', read(recorded('docker container ls -a --no-trunc --filter name=facts-c1')))[0]!.id).toHaveLength(64);
  });

  it('reads docker port, with and without the port asked for', () => {
    expect(read(inCase(cli, 'docker port web'))).toMatchObject([{ kind: 'docker-port-mapping', container: 'web', containerPort: 80, protocol: 'tcp', hostIp: '172.16.211.128', hostPort: 81 }]);
    expect(read(inCase(format, 'docker port web2 80'))).toMatchObject([{ container: 'web2', containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 }]);
    expect(read(recorded('docker port facts-web 80/tcp'))).toMatchObject([{ containerPort: 80, hostIp: '127.0.0.1', hostPort: 18081 }]);
  });

  it('reads ps and network ls --format, table or not, and {{json .}}', () => {
    expect(only('docker-port-mapping', read(inCase(format, "docker ps --format 'table {{.Names}}\\t{{.Ports}}'")))).toMatchObject([{ container: 'web', hostIp: '172.16.211.128', hostPort: 81, containerPort: 80 }]);
    expect(only('docker-container', read(inCase(format, "docker ps --format 'table {{.Names}}\\t{{.Ports}}'"))).map((c) => c.name)).toEqual(['web', 'c3', 'c2', 'c1']);
    expect(only('docker-container', read(inCase(format, "docker ps -a --format '{{.Names}} {{.State}} {{.Networks}} {{.Command}}'")))[0]).toMatchObject({ name: 'web', running: true, command: 'bash' });
    expect(only('docker-network', read(inCase(format, "docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'"))).map((n) => [n.name, n.driver])).toEqual([
      ['bridge', 'bridge'],
      ['host', 'host'],
      ['none', 'null'],
    ]);
    expect(only('docker-container', read(recorded("docker ps --filter name=facts- --format '{{json .}}'")))[1]).toMatchObject({ name: 'facts-web', image: 'docker-networking-explorer/labhost:bullseye', ports: [{ hostPort: 18081 }, {}, {}] });
    expect(read(recorded('docker network ls --filter name=facts-'))).toMatchObject([{ kind: 'docker-network', name: 'facts-net', driver: 'bridge', scope: 'local' }]);
  });

  it('reads the output of the command docker run or docker exec ran', () => {
    const ran = read(inCase(cli, 'docker run --rm --name tmp1 lab/debian:bookworm ip -br -4 addr'));
    expect(only('ip-address', ran).map((a) => [a.interface, a.cidr])).toEqual([
      ['lo', '127.0.0.1/8'],
      ['eth0', '172.17.0.6/16'],
    ]);
    expect(readFacts({ tool: 'docker', argv: ['run', '-d', '--name', 'x', 'img', 'ip', 'addr'] }, '7e3614479fdf\n')).toEqual([]);
  });
});
