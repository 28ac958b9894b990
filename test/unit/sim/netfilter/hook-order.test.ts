// The simulated netfilter walks each hook as the course's packet-path model
// (core/base/packet-path.ts) orders it: a counting rule in every table at every
// hook records the tables in the model's order, and conntrack confirms a new
// connection only at the hooks the model marks.
import { describe, expect, it } from 'vitest';
import { HOOK_STAGES, HOOKS_IN_ORDER } from '../../../../src-main/core/base/packet-path.js';
import type { Hook } from '../../../../src-main/core/sim/netfilter/types.js';
import { Netfilter, type TraceStep } from '../../../../src-main/core/sim/netfilter/netfilter.js';
import { runIptables } from '../../../../src-main/core/userspace/iptables/run.js';
import { hostCtx, icmpEcho, viewAdapter } from './helpers.js';

const TABLE_CHAINS: Record<string, readonly string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: HOOKS_IN_ORDER,
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

function countingEverywhere(): Netfilter<ReturnType<typeof icmpEcho>> {
  const nf = new Netfilter(viewAdapter);
  for (const [table, chains] of Object.entries(TABLE_CHAINS)) {
    for (const chain of chains) expect(runIptables(nf, ['-t', table, '-A', chain, '-p', 'icmp']).status).toBe(0);
  }
  return nf;
}

// The three journeys of the chapter: a packet reaches a later hook only through the earlier ones.
const JOURNEYS: Record<string, readonly Hook[]> = {
  forwarded: ['PREROUTING', 'FORWARD', 'POSTROUTING'],
  delivered: ['PREROUTING', 'INPUT'],
  generated: ['OUTPUT', 'POSTROUTING'],
};

describe('the hook order of the packet-path model', () => {
  it.each(Object.entries(JOURNEYS))('walks the tables of a %s packet in the model order at each hook', (_name, hooks) => {
    const nf = countingEverywhere();
    const packet = icmpEcho('172.17.0.2', '172.16.211.1', 7);
    for (const hook of hooks) {
      const steps: TraceStep[] = [];
      expect(nf.run(hook, packet, { ...hostCtx('docker0', 'ens160'), trace: (s) => steps.push(s) }).verdict).toBe('accept');
      const tables = [...new Set(steps.map((s) => s.table))];
      expect([hook, tables]).toEqual([hook, HOOK_STAGES[hook].filter((stage) => stage !== 'conntrack' && stage !== 'confirm')]);
    }
  });

  it.each(Object.entries(JOURNEYS))('confirms a %s packet\'s new connection only where the model says confirm', (_name, hooks) => {
    const nf = countingEverywhere();
    const packet = icmpEcho('172.17.0.2', '172.16.211.1', 9);
    let confirmed = false;
    for (const hook of hooks) {
      nf.run(hook, packet, hostCtx('docker0', 'ens160'));
      confirmed ||= HOOK_STAGES[hook].includes('confirm');
      expect([hook, nf.conntrack.size]).toEqual([hook, confirmed ? 1 : 0]);
    }
    expect(confirmed).toBe(true);
  });
});
