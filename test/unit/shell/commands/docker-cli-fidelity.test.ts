// Differences from the real 20.10 engine found while recording golden cases
// (expected outputs below are what the real engine printed, ids and times aside).
import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from '../../../../src-main/core/lab/runner.js';
import { SimBackend } from '../../../../src-main/core/simlab/backend.js';

async function outputs(scenario: string, lines: string[]): Promise<string[]> {
  const backend = new SimBackend();
  await backend.start(scenario);
  const result = await runScript(backend, parseScript(lines.join('\n')));
  await backend.dispose();
  expect(result.error).toBeUndefined();
  return result.commands.map((c) => c.output);
}

describe('--format on list commands', () => {
  it('docker ps: {{json .}}, bare table, table with columns', async () => {
    const [json, bare, columns, portless] = await outputs('article', [
      "@host docker ps --format '{{json .}}' --filter name=web",
      "@host docker ps --format 'table'",
      "@host docker ps --format 'table {{.Names}}\\t{{.Status}}' --filter name=c1",
      "@host docker ps --format 'table {{.Names}}\\t{{.Ports}}' --filter name=c1",
    ]);
    const row = JSON.parse(json) as Record<string, string>;
    expect(Object.keys(row)).toEqual(['Command', 'CreatedAt', 'ID', 'Image', 'Labels', 'LocalVolumes', 'Mounts', 'Names', 'Networks', 'Ports', 'RunningFor', 'Size', 'State', 'Status']);
    expect(row).toMatchObject({ Command: '"bash"', Image: 'lab/debian:bookworm', Names: 'web', Networks: 'bridge', Ports: '172.16.211.128:81->80/tcp', State: 'running' });
    expect(row.CreatedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/);
    expect(json).toContain('"Ports":"172.16.211.128:81-\\u003e80/tcp"');
    expect(bare.split('\n')[0]).toBe('CONTAINER ID   IMAGE                 COMMAND   CREATED                  STATUS                  PORTS                       NAMES');
    expect(bare.split('\n')).toHaveLength(6);
    expect(columns).toMatch(/^NAMES     STATUS\nc1        Up .+\n$/);
    // A row with an empty last cell keeps the padding of the cells before it (Go's tabwriter).
    expect(portless).toBe('NAMES     PORTS\nc1        \n');
  });

  it('docker network ls: fields, table and json', async () => {
    const [plain, tabled, json] = await outputs('article', [
      "@host docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'",
      "@host docker network ls --format 'table {{.Name}}\\t{{.Driver}}'",
      "@host docker network ls --format '{{json .}}' --filter name=bridge",
    ]);
    expect(plain).toBe('bridge bridge local\nhost host local\nnone null local\n');
    expect(tabled).toBe('NAME      DRIVER\nbridge    bridge\nhost      host\nnone      null\n');
    expect(json).toMatch(/^\{"CreatedAt":"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC","Driver":"bridge","ID":"[0-9a-f]{12}","IPv6":"false","Internal":"false","Labels":"","Name":"bridge","Scope":"local"\}\n$/);
  });

  it('docker version: template fields and json', async () => {
    const [server, apis, json] = await outputs('article', [
      "@host docker version --format '{{.Server.Version}}'",
      "@host docker version --format '{{.Client.Version}} {{.Client.APIVersion}} {{.Server.APIVersion}}'",
      "@host docker version --format '{{json .}}'",
    ]);
    expect(server).toBe('20.10.24\n');
    expect(apis).toBe('20.10.24 1.41 1.41\n');
    const parsed = JSON.parse(json) as { Client: Record<string, unknown>; Server: Record<string, unknown> };
    expect(Object.keys(parsed.Client)).toEqual(['Platform', 'Version', 'ApiVersion', 'DefaultAPIVersion', 'GitCommit', 'GoVersion', 'Os', 'Arch', 'BuildTime', 'Context', 'Experimental']);
    expect(Object.keys(parsed.Server)).toEqual(['Platform', 'Components', 'Version', 'ApiVersion', 'MinAPIVersion', 'GitCommit', 'GoVersion', 'Os', 'Arch', 'KernelVersion', 'BuildTime']);
  });
});

describe('ports published on all addresses', () => {
  it('are bound on 0.0.0.0 only (no ::: line), as the engine with IPv6 off shows', async () => {
    const [, all, one, ps] = await outputs('article', [
      '@host docker run -d --name web2 -p 8080:80 lab/debian:bookworm sleep 300',
      '@host docker port web2',
      '@host docker port web2 80',
      "@host docker ps --filter name=web2 --format '{{.Ports}}'",
    ]);
    expect(all).toBe('80/tcp -> 0.0.0.0:8080\n');
    expect(one).toBe('0.0.0.0:8080\n');
    expect(ps).toBe('0.0.0.0:8080->80/tcp\n');
  });
});

describe('docker exec without -t', () => {
  it('gives the command a pipe, not the terminal', async () => {
    const [ls, tty] = await outputs('article', ['@host docker exec c1 ls /', '@host docker exec -t c1 ls /']);
    expect(ls).toBe('bin\nboot\ndev\netc\nhome\nlib\nlib64\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n');
    // With -t the terminal is the command's: ls lays the names out in columns.
    expect(tty.split('\n')[0]).toMatch(/^bin +dev +home/);
  });
});

describe('capabilities', () => {
  it('a container changes its network only with NET_ADMIN (--cap-add or --privileged), and inspect shows what it got', async () => {
    const names = ['plain', 'added', 'full'];
    const flags = ['', '--cap-add net_admin', '--privileged'];
    const started = names.map((name, i) => `docker run -d --name ${name} ${flags[i]} lab/debian:bookworm sleep 300 > /dev/null`).join('; ');
    const [, plain, added, privileged, caps] = await outputs('fresh', [
      `@host ${started}`,
      ...names.map((name) => `@host docker exec ${name} ip link set lo down`),
      `@host docker inspect -f '{{json .HostConfig.CapAdd}} {{.HostConfig.Privileged}}' ${names.join(' ')}`,
    ]);
    expect(plain).toBe('RTNETLINK answers: Operation not permitted\n');
    expect(added).toBe('');
    expect(privileged).toBe('');
    expect(caps).toBe('null false\n["CAP_NET_ADMIN"] false\nnull true\n');
  });
});
