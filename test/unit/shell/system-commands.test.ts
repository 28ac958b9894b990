import { describe, expect, it } from 'vitest';
import { labPerTest } from '../simlab/lab-per-test.js';

const simLab = labPerTest('fresh', 10_000);
const run = simLab.run;

describe('sysctl and /proc/sys', () => {
  it('reads and writes the namespace sysctls both ways', async () => {
    // dockerd turned forwarding on when it started.
    expect(await run('host', 'sysctl net.ipv4.ip_forward')).toEqual({ output: 'net.ipv4.ip_forward = 1\n', exitCode: 0 });
    expect(await run('host', 'sysctl -w net.ipv4.ip_forward=0')).toEqual({ output: 'net.ipv4.ip_forward = 0\n', exitCode: 0 });
    await run('host', 'echo 1 > /proc/sys/net/ipv4/ip_forward');
    expect(await run('host', 'sysctl -n net/ipv4/ip_forward')).toEqual({ output: '1\n', exitCode: 0 });
    // Each machine has its own kernel.
    expect((await run('host01', 'sysctl net.ipv4.ip_forward')).output).toBe('net.ipv4.ip_forward = 0\n');
  });

  it('has a conf folder per device in /proc/sys that comes and goes with the device', async () => {
    expect(await run('host', 'sysctl net.ipv4.conf.docker0.forwarding')).toEqual({ output: 'net.ipv4.conf.docker0.forwarding = 1\n', exitCode: 0 });
    expect(await run('host', 'ls /proc/sys/net/ipv4/conf/')).toEqual({ output: 'all  default  docker0  ens160  lo\n', exitCode: 0 });
    await run('host', 'docker run -d --name box lab/debian:bookworm sleep 300');
    const veth = (await run('host', 'ls /proc/sys/net/ipv4/conf/')).output.split(/\s+/).find((name) => name.startsWith('veth'));
    expect(await run('host', `cat /proc/sys/net/ipv4/conf/${veth}/forwarding`)).toEqual({ output: '1\n', exitCode: 0 });
    await run('host', 'docker rm -f box');
    expect((await run('host', `cat /proc/sys/net/ipv4/conf/${veth}/forwarding`)).exitCode).toBe(1);
    expect((await run('host', 'ls /proc/sys/net/ipv4/conf/')).output).toBe('all  default  docker0  ens160  lo\n');
  });

  it('lists the core, mptcp, netfilter and unix trees, and conntrack follows the timeouts written there', async () => {
    expect((await run('host', 'ls -1 /proc/sys/net')).output).toBe('bridge\ncore\nipv4\nipv6\nmptcp\nnetfilter\nunix\n');
    expect((await run('host', 'sysctl net.netfilter.nf_conntrack_icmp_timeout')).output).toBe('net.netfilter.nf_conntrack_icmp_timeout = 30\n');
    await run('host', 'ping -c 1 -W 1 172.16.211.1');
    expect((await run('host', 'conntrack -L -p icmp 2>/dev/null')).output).toMatch(/^icmp +1 (29|30) src=172\.16\.211\.128 dst=172\.16\.211\.1 /);
    await run('host', 'conntrack -F 2>/dev/null; sysctl -qw net.netfilter.nf_conntrack_icmp_timeout=7');
    await run('host', 'ping -c 1 -W 1 172.16.211.1');
    expect((await run('host', 'conntrack -L -p icmp 2>/dev/null')).output).toMatch(/^icmp +1 [67] src=172\.16\.211\.128 dst=172\.16\.211\.1 /);
  });

  it('reports unknown keys as procps does', async () => {
    expect(await run('host', 'sysctl net.ipv4.nope')).toEqual({
      output: 'sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n',
      exitCode: 255,
    });
  });
});

describe('nsenter, lsns, ps', () => {
  it('nsenter runs a command in the network namespace of a process', async () => {
    const lab = simLab.backend.current;
    const ns = lab.parts.host.createNamespace('box');
    ns.sysctl.set('net.ipv4.ip_forward', '1');
    const proc = lab.parts.host.spawn('bash', { netns: ns });
    expect(await run('host', `nsenter -t ${proc.pid} -n sysctl -n net.ipv4.ip_forward`)).toEqual({ output: '1\n', exitCode: 0 });
    expect(await run('host', `nsenter -t ${proc.pid} -n -- cat /proc/sys/net/ipv4/ip_forward`)).toEqual({ output: '1\n', exitCode: 0 });
    expect(await run('host', 'nsenter -t 99999 -n true')).toEqual({ output: 'nsenter: cannot open /proc/99999/ns/net: No such file or directory\n', exitCode: 1 });
    expect((await run('host', 'nsenter -n true')).output).toBe('nsenter: neither filename nor target pid supplied for ns/net\n');
  });

  it('nsenter -u runs a command under the host name of the target\'s UTS namespace, which its children keep', async () => {
    const lab = simLab.backend.current;
    const ns = lab.parts.host.createNamespace('box');
    const init = lab.parts.host.spawn('sleep', { netns: ns, hostname: 'box-7' });
    const child = lab.parts.host.spawn('bash', { netns: ns, ppid: init.pid });
    expect(await run('host', `nsenter -t ${child.pid} -n -u hostname`)).toEqual({ output: 'box-7\n', exitCode: 0 });
    expect(await run('host', `nsenter -t ${child.pid} -u hostname`)).toEqual({ output: 'box-7\n', exitCode: 0 });
    expect(await run('host', `nsenter -t ${child.pid} -n hostname`)).toEqual({ output: 'docker-host\n', exitCode: 0 });
    expect((await run('host', 'nsenter -u true')).output).toBe('nsenter: neither filename nor target pid supplied for ns/uts\n');
  });

  it('lsns -o prints the columns asked for, +LIST after the default ones, and refuses an unknown one', async () => {
    const lab = simLab.backend.current;
    const ns = lab.parts.host.createNamespace('c1');
    ns.nsfsPath = '/run/docker/netns/d1bb43cdc088';
    lab.parts.host.spawn('bash', { netns: ns, pid: 18894 });
    expect((await run('host', 'lsns -t net -o NS,TYPE,NSFS')).output).toMatch(/^ {8}NS TYPE NSFS\n4026531992 net  \n\d{10} net  \/run\/docker\/netns\/d1bb43cdc088\n$/);
    expect((await run('host', 'lsns -t net -o PID,path -n')).output).toBe('    1 /proc/1/ns/net\n18894 /proc/18894/ns/net\n');
    expect((await run('host', 'lsns -t net -o +PATH')).output.split('\n')[0]).toMatch(/ COMMAND +PATH$/);
    expect(await run('host', 'lsns -o NS,BOGUS')).toEqual({ output: 'lsns: unknown column: BOGUS\n', exitCode: 1 });
  });

  it('lsns lists network namespaces with processes in util-linux columns', async () => {
    const lab = simLab.backend.current;
    const ns = lab.parts.host.createNamespace('c1');
    ns.nsfsPath = '/run/docker/netns/d1bb43cdc088';
    const dev = lab.world.links.createVethPair(lab.parts.hostNs, 'vethx', 'eth0');
    lab.world.links.move(dev[1], ns);
    lab.parts.host.spawn('bash', { netns: ns, pid: 18894 });
    const { output } = await run('host', 'lsns --type=net');
    const lines = output.split('\n');
    expect(lines[0]).toBe('        NS TYPE NPROCS   PID USER    NETNSID NSFS                           COMMAND');
    expect(lines[1]).toMatch(/^4026531992 net +\d+ +1 root unassigned {32}\/sbin\/init$/);
    expect(lines[2]).toMatch(/^\d{10} net +1 18894 root {10}0 \/run\/docker\/netns\/d1bb43cdc088 bash$/);
  });

  it('ps shows the shell and itself', async () => {
    const { output } = await run('host', 'ps');
    expect(output).toMatch(/^    PID TTY          TIME CMD\n +\d+ pts\/0    00:00:00 bash\n +\d+ pts\/0    00:00:00 ps\n$/);
    expect((await run('host', 'ps -ef')).output.split('\n')[1]).toMatch(/^root +1 +0  0 \d\d:\d\d \? +00:00:00 \/sbin\/init$/);
  });
});

// cspell:words NPROCS procps sysctls vethx

describe("the Docker host's system files", () => {
  it('has Debian bullseye in /etc/os-release and the docker group in /etc/group; an outside host has neither (real engine)', async () => {
    expect((await run('host', 'head -1 /etc/os-release')).output).toBe('PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\n');
    expect(await run('host', 'grep docker /etc/group')).toEqual({ output: 'docker:x:102:\n', exitCode: 0 });
    expect((await run('host', 'head -2 /etc/group')).output).toBe('root:x:0:\ndaemon:x:1:\n');
    expect((await run('host01', 'cat /etc/group')).exitCode).toBe(1);
  });
});

describe('hostname -I', () => {
  it("prints every address of the host's up interfaces but lo, each followed by a space (real engine: a container's one address)", async () => {
    expect(await run('host', 'hostname -I')).toEqual({ output: '172.16.211.128 172.17.0.1 \n', exitCode: 0 });
    await run('host', 'ip link set docker0 down');
    expect((await run('host', 'hostname --all-ip-addresses')).output).toBe('172.16.211.128 \n');
    expect((await run('host', 'docker run --rm lab/debian:bookworm hostname -I')).output).toMatch(/^172\.17\.0\.\d+ \n$/);
  });
});
