import { describe, expect, it } from 'vitest';
import { describeTopology } from '../../../src-renderer/lib/topology/describe.js';
import { articleTopology } from './fixtures/article-topology.js';

describe('describeTopology', () => {
  it('names every namespace with its interfaces, addresses and MACs', () => {
    const lines = describeTopology(articleTopology());
    const c1 = lines.find((line) => line.startsWith('Container c1'))!;
    expect(c1).toContain('network namespace 4026532255');
    expect(c1).toContain('eth0, address 172.17.0.2/16, MAC 02:42:ac:11:00:02, veth pair with veth3fe1e90 in host');
    const host = lines.find((line) => line.startsWith('Docker host docker-host'))!;
    expect(host).toContain('ens160, address 172.16.211.128/24, MAC 00:0c:29:3a:5b:7c, on the lab network 172.16.211.0/24');
    expect(host).toContain('bridge docker0, address 172.17.0.1/16');
    expect(lines).toContain('Bridge docker0 has 4 ports: veth3fe1e90, vethf65f507, vetha912e7e, veth50de665.');
  });

  it('describes published ports and follows changes', () => {
    const topology = articleTopology();
    expect(describeTopology(topology)).toContain(
      'Published port: 172.16.211.128:81/tcp on the Docker host forwards to web port 80.',
    );
    topology.publishedPorts = [];
    const c3 = topology.nodes.find((node) => node.id === 'c3')!;
    c3.interfaces[1].up = false;
    const lines = describeTopology(topology);
    expect(lines).toContain('No ports are published.');
    expect(lines.find((line) => line.startsWith('Container c3'))).toContain('down');
  });
});
