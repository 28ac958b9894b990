// Random argument lists through ip, bridge, ping and tcpdump: whatever a
// learner types, the command returns a status and never throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Command } from '../../../../src-main/core/shell/command.js';
import { ip } from '../../../../src-main/core/shell/commands/ip/index.js';
import { bridge } from '../../../../src-main/core/shell/commands/bridge.js';
import { ping } from '../../../../src-main/core/shell/commands/ping.js';
import { tcpdump } from '../../../../src-main/core/shell/commands/tcpdump/index.js';
import { buildKernelLab } from '../../sim/lab-fixture.js';
import { runCommand } from './harness.js';

const WORDS: Record<string, string[]> = {
  ip: ['-br', '-d', '-j', '-p', '-s', '-o', '-4', '-n', '-x', 'link', 'addr', 'a', 'route', 'r', 'neigh', 'netns', 'rule', 'show', 'set', 'add', 'del', 'get', 'flush', 'exec', 'list', 'dev', 'eth0', 'docker0', 'lo', 'up', 'down', 'master', 'nomaster', 'type', 'veth', 'bridge', 'peer', 'name', 'via', 'default', 'metric', '100', '10.0.0.1/24', '172.17.0.0/16', '172.16.211.1', 'lladdr', '02:42:ac:11:00:09', 'nud', 'permanent', 'mtu', '9000', 'netns', 'blue', 'table', 'local', ''],
  bridge: ['link', 'fdb', 'show', 'dev', 'br', 'docker0', 'eth0', '-s', '-j', 'x'],
  ping: ['-c', '1', '2', '-i', '0.2', '-W', '1', '-w', '2', '-s', '2000', '-t', '1', '-f', '-q', '-b', '-z', '172.17.0.1', '172.17.255.255', '8.8.8.8', '999.1.1.1', 'host01', ''],
  tcpdump: ['-n', '-nn', '-i', 'eth0', 'any', 'nope', '-e', '-v', '-c', '1', '-w', '/tmp/x.pcap', '-r', '-X', '-A', '-q', '-t', '-D', 'host', 'net', 'port', 'portrange', 'src', 'dst', 'icmp', 'tcp', 'udp', 'arp', 'and', 'or', 'not', '(', ')', '!', '80', '1-2', '172.17.0.2', '172.17', '--help'],
};

const COMMANDS: Array<[string, Command]> = [
  ['ip', ip],
  ['bridge', bridge],
  ['ping', ping],
  ['tcpdump', tcpdump],
];

describe('argument fuzzing', () => {
  for (const [name, command] of COMMANDS) {
    it(`${name} answers any argument list with a status`, async () => {
      const lab = buildKernelLab(['c1', 'c2']);
      const ns = lab.containers.get('c1')!.ns;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...WORDS[name]), fc.string({ maxLength: 6 })), { maxLength: 8 }), async (args) => {
          const r = await runCommand(command, [name, ...args], { world: lab.world, ns, limitMs: 3000, exec: async () => 0 });
          expect(Number.isInteger(r.status)).toBe(true);
          expect(lab.world.clock.failures).toEqual([]);
        }),
        { numRuns: 300 },
      );
    }, 60_000);
  }
});
