// Our tcpdump against the real one: fixtures/lab.pcap was written by the
// simulator's pcap writer from lab traffic (ARP, pings, fragments, TTL
// exceeded, port unreachable, DNAT'd TCP with HTTP, RSTs); the .txt files are
// what real tcpdump 4.99.3 printed reading it (`TZ=UTC tcpdump -MODE -r lab.pcap`).
// Reading the file at all shows the pcap format is right.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tcpdump, bytesToBinaryString } from '../../../../src-main/core/shell/commands/tcpdump/index.js';
import { FileSystem } from '../../../../src-main/core/shell/fs.js';
import { buildKernelLab } from '../../sim/lab-fixture.js';
import { runCommand } from './harness.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);

describe('tcpdump -r against real tcpdump on the same capture', () => {
  for (const mode of ['n', 'ne', 'nv', 'nnvv', 'nX']) {
    it(`prints what real tcpdump -${mode} prints`, async () => {
      const lab = buildKernelLab(['c1']);
      const fs = new FileSystem();
      fs.mkdir('/root');
      fs.writeFile('/root/lab.pcap', bytesToBinaryString(new Uint8Array(readFileSync(new URL('lab.pcap', FIXTURES)))));
      const r = await runCommand(tcpdump, ['tcpdump', `-${mode}`, '-r', '/root/lab.pcap'], { world: lab.world, ns: lab.hostNs, fs });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(readFileSync(new URL(`lab-tcpdump-${mode}.txt`, FIXTURES), 'utf8'));
    });
  }
});
