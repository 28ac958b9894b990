// The docker and iptables commands as a learner types them, through the
// simulated backend and the headless lab runner.
import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from '../../../../src-main/core/lab/runner.js';
import { SimBackend } from '../../../../src-main/core/simlab/backend.js';

async function session(scenario: string, lines: string[]) {
  const backend = new SimBackend();
  await backend.start(scenario);
  const result = await runScript(backend, parseScript(lines.join('\n')));
  await backend.dispose();
  expect(result.error).toBeUndefined();
  return result.commands.map((c) => ({ command: c.command, output: c.output, exitCode: c.exitCode }));
}

describe('docker CLI', () => {
  it('lists, publishes, stops and removes like Docker 20.10', async () => {
    const out = await session('no-web', [
      '@host docker run -dit --name web --hostname web -p 172.16.211.128:81:80 lab/debian:bookworm bash',
      '@host docker ps',
      '@host docker port web',
      '@host docker inspect -f "{{.NetworkSettings.IPAddress}} {{.Config.Hostname}}" web',
      '@host docker run -d --name web lab/debian:bookworm',
      '@host docker stop c3',
      '@host docker ps -a --frob',
      '@host docker ps -a -q',
      '@host docker rm c2',
      '@host docker rm -f c2',
      '@host docker inspect nothere',
      '@host docker frobnicate',
      "@host docker ps -a --format '{{.Names}} {{.State}} {{.Networks}}'",
      "@host docker ps --format 'table {{.Names}}\\t{{.Ports}}'",
    ]);
    const [run, ps, port, fmt, conflict, stop, badFlag, quiet, rmRunning, rmForce, missing, unknown, names, custom] = out;
    expect(run.output).toMatch(/^[0-9a-f]{64}\n$/);
    const lines = ps.output.split('\n');
    expect(lines[0]).toBe('CONTAINER ID   IMAGE                 COMMAND   CREATED                  STATUS                  PORTS                       NAMES');
    expect(lines[1]).toMatch(/^[0-9a-f]{12}   lab\/debian:bookworm   "bash"    Less than a second ago   Up Less than a second   172\.16\.211\.128:81->80\/tcp   web$/);
    expect(lines.slice(2, 5).map((l) => l.slice(-2))).toEqual(['c3', 'c2', 'c1']);
    expect(port.output).toBe('80/tcp -> 172.16.211.128:81\n');
    expect(fmt.output).toBe('172.17.0.5 web\n');
    expect(conflict.exitCode).toBe(125);
    expect(conflict.output).toContain('Conflict. The container name "/web" is already in use by container');
    expect(stop.output).toBe('c3\n');
    expect(badFlag.output).toBe("unknown flag: --frob\nSee 'docker ps --help'.\n");
    expect(badFlag.exitCode).toBe(125);
    expect(quiet.output.trim().split('\n')).toHaveLength(4);
    expect(rmRunning.exitCode).toBe(1);
    expect(rmRunning.output).toMatch(/You cannot remove a running container [0-9a-f]{64}\. Stop the container before attempting removal or force remove/);
    expect(rmForce.output).toBe('c2\n');
    expect(missing).toEqual({ command: 'docker inspect nothere', output: '[]\nError: No such object: nothere\n', exitCode: 1 });
    expect(unknown.output).toBe("docker: 'frobnicate' is not a docker command.\nSee 'docker --help'\n");
    expect(names.output).toBe('web running bridge\nc3 exited \nc1 running bridge\n');
    expect(custom.output).toBe('NAMES     PORTS\nweb       172.16.211.128:81->80/tcp\nc1        \n');
  });

  it('runs a one-shot container in the foreground and removes it with --rm', async () => {
    const out = await session('fresh', ['@host docker run --rm --name once busybox hostname', '@host docker ps -a -q', '@host docker images']);
    expect(out[0].output).toContain("Unable to find image 'busybox:latest' locally\nlatest: Pulling from library/busybox\n");
    expect(out[0].output.endsWith('Status: Downloaded newer image for busybox:latest\n' + out[0].output.split('\n').at(-2) + '\n')).toBe(true);
    expect(out[0].exitCode).toBe(0);
    expect(out[1].output).toBe('');
    expect(out[2].output.split('\n')[0]).toBe('REPOSITORY   TAG        IMAGE ID       CREATED        SIZE');
  });
});

describe('filters', () => {
  it('select networks and containers as the CLI does', async () => {
    const out = await session('no-web', [
      '@host docker network create labnet',
      '@host docker network ls --filter name=labnet -q',
      '@host docker run -d --name n1 --network labnet lab/debian:bookworm sleep 300',
      "@host docker ps --filter network=labnet --format '{{.Names}}'",
      "@host docker ps --filter name=c --format '{{.Names}}'",
      '@host docker ps --filter bogus=1',
      '@host docker rm nope',
      '@host docker start nope',
    ]);
    expect(out[1].output).toBe(`${out[0].output.slice(0, 12)}\n`);
    expect(out[3].output).toBe('n1\n');
    expect(out[4].output).toBe('c3\nc2\nc1\n');
    expect(out[5]).toMatchObject({ output: "Error response from daemon: Invalid filter 'bogus'\n", exitCode: 1 });
    expect(out[6]).toMatchObject({ output: 'Error: No such container: nope\n', exitCode: 1 });
    expect(out[7].output).toBe('Error response from daemon: No such container: nope\nError: failed to start containers: nope\n');
  });
});

describe('iptables and conntrack commands', () => {
  it('edit and list the host tables with the real messages', async () => {
    const out = await session('fresh', [
      '@host iptables -A INPUT -p tcp --dport 22 -j ACCEPT',
      '@host iptables -I INPUT -s 10.0.0.0/8 -j DROP',
      '@host iptables -L INPUT --line-numbers -n',
      '@host iptables -D INPUT -p tcp --dport 22 -j ACCEPT',
      '@host iptables -D INPUT -p tcp --dport 22 -j ACCEPT',
      '@host iptables -A NOPE -j ACCEPT',
      '@host iptables -t bogus -L',
      '@host iptables --frob',
      '@host conntrack -L',
    ]);
    expect(out[2].output).toBe(
      'Chain INPUT (policy ACCEPT)\nnum  target     prot opt source               destination         \n' +
        '1    DROP       all  --  10.0.0.0/8           0.0.0.0/0           \n' +
        '2    ACCEPT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:22\n',
    );
    expect(out[3].exitCode).toBe(0);
    expect(out[4]).toMatchObject({ output: 'iptables: Bad rule (does a matching rule exist in that chain?).\n', exitCode: 1 });
    expect(out[5]).toMatchObject({ output: 'iptables: No chain/target/match by that name.\n', exitCode: 1 });
    expect(out[6]).toMatchObject({ output: "iptables v1.8.7 (legacy): can't initialize iptables table `bogus': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n", exitCode: 3 });
    expect(out[7]).toMatchObject({ output: 'iptables v1.8.7 (legacy): unknown option "--frob"\nTry `iptables -h\' or \'iptables --help\' for more information.\n', exitCode: 2 });
    expect(out[8].output).toBe('conntrack v1.4.6 (conntrack-tools): 0 flow entries have been shown.\n');
  });
});

// cspell:words frob frobnicate nothere

describe('docker stop', () => {
  it('docker info --format fills a template from the system info (real engine: {{.Containers}} {{.ContainersRunning}})', async () => {
    const out = await session('article', [
      '@host docker info --format "{{.Containers}} {{.ContainersRunning}}"',
      '@host docker stop c3',
      '@host docker info -f "{{.ContainersRunning}}/{{.ContainersStopped}} {{.ServerVersion}}"',
      '@host docker info -f "{{.Containers"',
    ]);
    expect(out[0].output).toBe('4 4\n');
    expect(out[2].output).toBe('3/1 20.10.24\n');
    expect(out[3]).toMatchObject({ output: 'template parsing error: template: :1: unclosed action\n', exitCode: 64 });
  });

  it('stops several containers in one grace period and reports unknown ones', async () => {
    const backend = new SimBackend();
    await backend.start('no-web');
    const before = backend.now();
    const result = await runScript(backend, parseScript('@host docker stop c1 nope c2\n@host true'));
    const [stop] = result.commands;
    expect(stop.output).toBe('c1\nError response from daemon: No such container: nope\nc2\n');
    expect(stop.exitCode).toBe(1);
    expect(backend.now() - before).toBeLessThan(12_000);
    await backend.dispose();
  });
});
