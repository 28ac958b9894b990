import { describe, expect, it } from 'vitest';
import type { PacketTrace } from '../../../src-main/core/api/contract.js';
import { describeTrace, formatPacketTime, groupByFlow, hookStripAnnouncement, hooksPassed, hopRow, tracedShapeIds } from '../../../src-renderer/lib/trace/path.js';

// Host01 opening a connection to the published port, as the article follows it.
const syn: PacketTrace = {
  id: 't1',
  time: 1500,
  flow: 'tcp 172.16.211.1:50000 172.16.211.128:81',
  summary: 'IP 172.16.211.1.50000 > 172.16.211.128.81: Flags [S]',
  hops: [
    { node: 'host01', iface: 'eth0', event: 'tx' },
    { node: 'host', iface: 'ens160', event: 'rx' },
    {
      node: 'host', event: 'hook', hook: 'PREROUTING', table: 'nat', chain: 'DOCKER', rule: 2,
      ruleText: '-A DOCKER ! -i docker0 -p tcp -m tcp -d 172.16.211.128 --dport 81 -j DNAT --to-destination 172.17.0.5:80',
      verdict: 'DNAT', nat: 'dst 172.16.211.128:81 -> 172.17.0.5:80',
    },
    { node: 'host', event: 'route', note: '172.17.0.0/16 dev docker0' },
    { node: 'host', event: 'hook', hook: 'FORWARD', table: 'filter', chain: 'DOCKER', rule: 1, verdict: 'ACCEPT' },
    { node: 'host', iface: 'docker0', event: 'bridge' },
    { node: 'host', iface: 'veth50de665', event: 'tx' },
    { node: 'web', iface: 'eth0', event: 'rx' },
    { node: 'web', event: 'deliver' },
  ],
};

describe('hopRow', () => {
  it('names the table, chain, rule number and rule text of a netfilter hop', () => {
    expect(hopRow(syn.hops[2])).toEqual({
      where: 'host',
      what: 'PREROUTING › nat DNAT',
      rule: 'nat DOCKER #2: -A DOCKER ! -i docker0 -p tcp -m tcp -d 172.16.211.128 --dport 81 -j DNAT --to-destination 172.17.0.5:80',
      nat: 'dst 172.16.211.128:81 -> 172.17.0.5:80',
      note: undefined,
    });
    expect(hopRow(syn.hops[1])).toMatchObject({ where: 'host ens160', what: 'rx', rule: undefined });
  });
});

describe('hooksPassed', () => {
  it('lists the hooks per namespace in the order passed, with the model\'s stages and the ones that decided', () => {
    const nodes = hooksPassed(syn);
    expect(nodes.map((n) => [n.node, n.hooks.map((h) => h.hook)])).toEqual([['host', ['PREROUTING', 'FORWARD']]]);
    const [prerouting, forward] = nodes[0].hooks;
    expect(prerouting.stages).toEqual([
      { stage: 'raw', decided: false },
      { stage: 'conntrack', decided: false },
      { stage: 'mangle', decided: false },
      { stage: 'nat', decided: true },
    ]);
    expect(forward.stages.filter((s) => s.decided).map((s) => s.stage)).toEqual(['filter']);
    expect(hookStripAnnouncement(nodes)).toBe('host: PREROUTING (nat decided), FORWARD (filter decided)');
  });

  it('starts a new row when the packet reaches another namespace, and has none for a path without hooks', () => {
    const trace: PacketTrace = {
      ...syn,
      hops: [
        { node: 'c1', event: 'hook', hook: 'OUTPUT', table: 'filter', chain: 'OUTPUT', verdict: 'ACCEPT' },
        { node: 'host', event: 'hook', hook: 'PREROUTING', table: 'mangle', chain: 'PREROUTING', verdict: 'ACCEPT' },
        { node: 'host', event: 'hook', hook: 'INPUT', table: 'filter', chain: 'INPUT', verdict: 'ACCEPT' },
      ],
    };
    expect(hooksPassed(trace).map((n) => `${n.node}:${n.hooks.map((h) => h.hook).join('+')}`)).toEqual(['c1:OUTPUT', 'host:PREROUTING+INPUT']);
    expect(hooksPassed({ ...syn, hops: syn.hops.filter((h) => !h.hook) })).toEqual([]);
  });
});

describe('tracedShapeIds', () => {
  it('lists each namespace and interface once, in path order', () => {
    expect(tracedShapeIds(syn)).toEqual([
      'ns:host01', 'if:host01/eth0', 'ns:host', 'if:host/ens160', 'if:host/docker0', 'if:host/veth50de665', 'ns:web', 'if:web/eth0',
    ]);
  });
});

describe('describeTrace', () => {
  it('tells the path in numbered sentences, NAT included', () => {
    const lines = describeTrace(syn);
    expect(lines[0]).toBe('Packet IP 172.16.211.1.50000 > 172.16.211.128.81: Flags [S]');
    expect(lines[3]).toContain('NAT rewrote dst 172.16.211.128:81 -> 172.17.0.5:80');
    expect(lines[4]).toBe('4. host: route; 172.17.0.0/16 dev docker0.');
    expect(lines).toHaveLength(syn.hops.length + 1);
  });
});

describe('groupByFlow', () => {
  it('lists connections in the order they began, each in time order, a request and its NATed reply together', () => {
    const groups = groupByFlow([
      { id: '4', time: 30, flow: 'tcp 172.17.0.5:80 172.16.211.1:50000', summary: 'reply from web' },
      { id: '2', time: 20, flow: 'icmp 172.17.0.2 172.17.0.3', summary: 'ping' },
      { id: '3', time: 20, flow: 'icmp 172.17.0.2 172.17.0.3', summary: 'pong' },
      { id: '1', time: 10, flow: 'tcp 172.16.211.1:50000 172.16.211.128:81', summary: 'syn' },
    ]);
    expect(groups.map((g) => [g.flow, g.packets.map((p) => p.id)])).toEqual([
      ['tcp 172.16.211.1:50000 172.16.211.128:81', ['1', '4']],
      ['icmp 172.17.0.2 172.17.0.3', ['2', '3']],
    ]);
  });
});

describe('formatPacketTime', () => {
  it('prints the wall-clock time of day as tcpdump does', () => {
    expect(formatPacketTime({ id: '1', time: 268_634.5, wallTime: Date.UTC(2026, 10, 26, 14, 55, 28, 634.5), flow: '', summary: '' })).toBe('14:55:28.634000');
    expect(formatPacketTime({ id: '1', time: 0, wallTime: Date.UTC(2026, 10, 26, 23, 59, 59) + 0.25, flow: '', summary: '' })).toBe('23:59:59.000250');
  });
});
