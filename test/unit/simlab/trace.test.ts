// The packet trace view's data over the simulator: a request from Host01 to
// the published port, followed hop by hop through the DNAT rule to web.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimBackend } from '../../../src-main/core/simlab/backend.js';
import type { PacketTraceSummary } from '../../../src-main/core/api/trace.js';
import { groupByFlow, hooksPassed, hopRow, tracedShapeIds } from '../../../src-renderer/lib/trace/path.js';

describe('packet paths from the simulator, as the trace view shows them', () => {
  const backend = new SimBackend();
  const announced: PacketTraceSummary[] = [];

  beforeAll(async () => {
    await backend.start('article');
    backend.onTrace((trace) => announced.push(trace));
    const result = await backend.probe('host01', 'curl -s -o /dev/null -w "%{http_code}" http://172.16.211.128:81/', 10_000);
    expect(result.output).toContain('200');
  }, 60_000);
  afterAll(() => backend.dispose());

  it('lists the connection by flow, announced as its packets went', () => {
    const recent = backend.recentTraces(100);
    expect(announced.map((t) => t.id)).toEqual(recent.map((t) => t.id));
    const flows = groupByFlow(recent).map((g) => g.flow.split(' '));
    // Endpoints come in either order; the request side is keyed by the addresses Host01 used.
    expect(flows.some(([proto, ...ends]) => proto === 'tcp' && ends.includes('172.16.211.128:81') && ends.some((e) => /^172\.16\.211\.1:\d+$/.test(e)))).toBe(true);
  });

  it("follows the SYN through nat PREROUTING's DNAT to web and lights that path", () => {
    const syn = backend.recentTraces(100).find((t) => /^IP 172\.16\.211\.1\.\d+ > 172\.16\.211\.128\.81: Flags \[S\]/.test(t.summary));
    expect(syn).toBeDefined();
    const trace = backend.traceById(syn!.id)!;
    const rows = trace.hops.map(hopRow);
    const dnat = rows.find((r) => /DNAT/.test(r.what));
    expect(dnat?.rule).toMatch(/^nat DOCKER #\d+: -A DOCKER .*--dport 81 -j DNAT --to-destination 172\.17\.0\.5:80$/);
    expect(rows.some((r) => r.nat?.includes('172.17.0.5:80'))).toBe(true);
    const lit = tracedShapeIds(trace);
    expect(lit.indexOf('if:host01/eth0')).toBeLessThan(lit.indexOf('if:host/ens160'));
    expect(lit.indexOf('if:host/docker0')).toBeLessThan(lit.indexOf('if:web/eth0'));
  });

  it('passes the host\'s hooks as the packet-path model orders them: a forwarded packet, NAT decided twice', () => {
    const syn = backend.recentTraces(100).find((t) => /^IP 172\.16\.211\.1\.\d+ > 172\.16\.211\.128\.81: Flags \[S\]/.test(t.summary));
    const nodes = hooksPassed(backend.traceById(syn!.id)!);
    const host = nodes.find((n) => n.node === 'host')!;
    expect(host.hooks.map((h) => h.hook)).toEqual(['PREROUTING', 'FORWARD', 'POSTROUTING']);
    const decided = host.hooks.map((h) => h.stages.filter((s) => s.decided).map((s) => s.stage).join('+'));
    expect(decided).toEqual(['nat', 'filter', 'nat']);
  });
});
