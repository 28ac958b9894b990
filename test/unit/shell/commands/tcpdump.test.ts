import { describe, expect, it } from 'vitest';
import { tcpdump } from '../../../../src-main/core/shell/commands/tcpdump/index.js';
import { ping } from '../../../../src-main/core/shell/commands/ping.js';
import { FileSystem } from '../../../../src-main/core/shell/fs.js';
import { buildKernelLab } from '../../sim/lab-fixture.js';
import { runCommand, startCommand } from './harness.js';

const BANNER = (iface: string) =>
  `tcpdump: verbose output suppressed, use -v or -vv for full protocol decode\nlistening on ${iface}, link-type EN10MB (Ethernet), capture size 262144 bytes\n`;

async function captureWhilePinging(iface: string, filter: string[], target: string, extra: string[] = []) {
  const lab = buildKernelLab();
  const dump = startCommand(tcpdump, ['tcpdump', '-n', ...extra, '-i', iface, ...filter], { world: lab.world, ns: lab.hostNs });
  const pinged = await runCommand(ping, ['ping', '-c', '1', target], { world: lab.world, ns: lab.containers.get('c1')!.ns });
  await lab.world.clock.advance(100);
  dump.interrupt();
  await lab.world.clock.advance(0);
  return { dump: await dump.done, pinged, lab };
}

describe('tcpdump', () => {
  it('sees a container ping to the host address on docker0, as the article shows', async () => {
    const { dump } = await captureWhilePinging('docker0', ['icmp'], '172.16.211.128');
    expect(dump.stderr).toBe(BANNER('docker0') + '2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n');
    const lines = dump.stdout.split('\n');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{6} IP 172\.17\.0\.2 > 172\.16\.211\.128: ICMP echo request, id \d+, seq 1, length 64$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d\.\d{6} IP 172\.16\.211\.128 > 172\.17\.0\.2: ICMP echo reply, id \d+, seq 1, length 64$/);
    expect(lines.slice(2)).toEqual(['', '']);
  });

  it('sees nothing on ens160 for that ping', async () => {
    const { dump, pinged } = await captureWhilePinging('ens160', ['icmp'], '172.16.211.128');
    expect(pinged.stdout).toContain('1 received');
    expect(dump.stdout).toBe('\n');
    expect(dump.stderr).toContain('0 packets captured\n0 packets received by filter\n');
  });

  it('shows ARP with -e and link-level headers', async () => {
    const { dump } = await captureWhilePinging('docker0', ['arp'], '172.16.211.128', ['-e']);
    const lines = dump.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/ 02:42:ac:11:00:02 > ff:ff:ff:ff:ff:ff, ethertype ARP \(0x0806\), length 42: Request who-has 172\.17\.0\.1 tell 172\.17\.0\.2, length 28$/);
    expect(lines[1]).toMatch(/ 02:42:9a:0c:8a:ee > 02:42:ac:11:00:02, ethertype ARP \(0x0806\), length 42: Reply 172\.17\.0\.1 is-at 02:42:9a:0c:8a:ee, length 28$/);
  });

  it('stops after -c packets without the extra newline; the reply right after still counts as received', async () => {
    const { dump } = await captureWhilePinging('docker0', ['-c', '1', 'icmp'], '172.16.211.128');
    expect(dump.status).toBe(0);
    expect(dump.stdout.split('\n')).toHaveLength(2);
    // As the real host printed it (test/golden/bridge-capture): the kernel queued the reply before tcpdump closed.
    expect(dump.stderr).toContain('1 packet captured\n2 packets received by filter\n0 packets dropped by kernel\n');
  });

  it('filters by host and direction', async () => {
    const { dump } = await captureWhilePinging('docker0', ['src', 'host', '172.17.0.2', 'and', 'icmp'], '172.16.211.128');
    expect(dump.stdout.trim().split('\n')).toHaveLength(1);
    expect(dump.stdout).toContain('ICMP echo request');
  });

  it('writes a pcap file with -w and reads it back with -r', async () => {
    const lab = buildKernelLab();
    const fs = new FileSystem();
    const dump = startCommand(tcpdump, ['tcpdump', '-i', 'docker0', '-w', '/root/cap.pcap'], { world: lab.world, ns: lab.hostNs, fs });
    await runCommand(ping, ['ping', '-c', '2', '172.16.211.128'], { world: lab.world, ns: lab.containers.get('c1')!.ns });
    dump.interrupt();
    const written = await dump.done;
    expect(written.stderr).toMatch(/^tcpdump: listening on docker0, link-type EN10MB \(Ethernet\), capture size 262144 bytes\n\n?6 packets captured/);
    const content = fs.readFile('/root/cap.pcap');
    expect(typeof content).toBe('string');
    const bytes = content as string;
    // pcap global header, little endian magic 0xa1b2c3d4, v2.4, linktype 1.
    expect([...bytes.slice(0, 4)].map((c) => c.charCodeAt(0))).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
    expect(bytes.charCodeAt(20)).toBe(1);
    const read = await runCommand(tcpdump, ['tcpdump', '-nr', '/root/cap.pcap', 'icmp'], { world: lab.world, ns: lab.hostNs, fs });
    expect(read.stderr).toBe('reading from file /root/cap.pcap, link-type EN10MB (Ethernet)\n');
    expect(read.stdout.trim().split('\n')).toHaveLength(4);
    expect(read.stdout).toMatch(/IP 172\.17\.0\.2 > 172\.16\.211\.128: ICMP echo request, id \d+, seq 2, length 64/);
  });

  it('stops with an error when the interface it listens on goes away', async () => {
    const lab = buildKernelLab(['c1']);
    const veth = lab.containers.get('c1')!.hostEnd;
    const dump = startCommand(tcpdump, ['tcpdump', '-n', '-i', veth.name], { world: lab.world, ns: lab.hostNs });
    await lab.world.clock.advance(1000);
    lab.world.links.delete(veth);
    await lab.world.clock.advance(0);
    const r = await dump.done;
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\ntcpdump: pcap_loop: The interface went down\n0 packets captured\n/);
  });

  it('gives the real errors for a bad interface, filter or option', async () => {
    const lab = buildKernelLab();
    const ns = lab.hostNs;
    const noDev = await runCommand(tcpdump, ['tcpdump', '-i', 'eth9'], { world: lab.world, ns });
    expect(noDev).toMatchObject({ status: 1, stderr: 'tcpdump: eth9: No such device exists\n(SIOCGIFHWADDR: No such device)\n' });
    const badFilter = await runCommand(tcpdump, ['tcpdump', '-i', 'docker0', 'tcp', 'port'], { world: lab.world, ns });
    expect(badFilter).toMatchObject({ status: 1, stderr: 'tcpdump: syntax error in filter expression: syntax error\n' });
    const badOption = await runCommand(tcpdump, ['tcpdump', '-Z'], { world: lab.world, ns });
    expect(badOption.status).toBe(1);
    expect(badOption.stderr).toMatch(/^tcpdump: option requires an argument -- 'Z'\n/);
    const badFlag = await runCommand(tcpdump, ['tcpdump', '-k'], { world: lab.world, ns });
    expect(badFlag.stderr).toMatch(/^tcpdump: invalid option -- 'k'\ntcpdump version 4\.9\.3\n/);
  });
});
