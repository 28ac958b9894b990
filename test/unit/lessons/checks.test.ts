import { describe, expect, it } from 'vitest';
import { evaluateState } from '../../../src-main/core/lessons/checks/state.js';
import { evaluateTraffic } from '../../../src-main/core/lessons/checks/traffic.js';
import { evaluateTranscript, type TranscriptContext } from '../../../src-main/core/lessons/checks/transcript.js';
import type { StateCheck, TrafficCheck, TranscriptCheck } from '../../../src-main/core/lessons/model.js';
import { FakeBackend, LAB_BINDINGS } from './fake-backend.js';
import type { CommandRecord } from '../../../src-main/core/api/lab.js';

const PING_OUTPUT = `PING 172.16.211.128 (172.16.211.128) 56(84) bytes of data.
64 bytes from 172.16.211.128: icmp_seq=1 ttl=64 time=0.791 ms

--- 172.16.211.128 ping statistics ---
1 packets transmitted, 1 received, 0% packet loss, time 0ms`;

const CAPTURE_OUTPUT = `listening on docker0, link-type EN10MB (Ethernet), capture size 262144 bytes
14:51:53.427337 IP 172.17.0.2 > 172.16.211.128: ICMP echo request, id 38, seq 1, length 64`;

const capture: TranscriptCheck = {
  id: 'capture',
  kind: 'transcript',
  terminal: 'host',
  command: '^tcpdump\\b.*-i\\s*docker0\\b',
  output: 'IP {{c1.ip}} > {{host.ip}}: ICMP echo request',
  expect: 'a capture on docker0 showing the requests',
  hint: 'Capture on docker0.',
};
const ping: TranscriptCheck = {
  id: 'ping',
  kind: 'transcript',
  terminal: 'c1',
  command: '^ping\\b.*\\s{{host.ip}}$',
  output: '\\b0% packet loss',
  order: { during: 'capture' },
  expect: 'a ping from c1 to {{host.ip}} during the capture',
  hint: 'Ping while capturing.',
};

let seq = 0;
function rec(terminal: string, command: string, output: string, startedAt: number, endedAt: number, exitCode = 0): CommandRecord {
  return { seq: seq++, terminal, command, output, exitCode, startedAt, endedAt };
}

function ctx(records: CommandRecord[], stepStartSeq = 0): TranscriptContext {
  return { records, stepStartSeq, bindings: LAB_BINDINGS, siblings: new Map([['capture', capture], ['ping', ping]]) };
}

describe('transcript checks', () => {
  it('passes when a matching command ran in the right terminal while its partner ran', () => {
    const records = [rec('c1', 'ping -c 1 172.16.211.128', PING_OUTPUT, 100, 200), rec('host', 'tcpdump -n -i docker0 icmp', CAPTURE_OUTPUT, 50, 300)];
    const result = evaluateTranscript(ping, ctx(records));
    expect(result.status).toBe('pass');
    expect(result.explanation).toBeUndefined();
    expect(evaluateTranscript(capture, ctx(records)).status).toBe('pass');
  });

  it('escapes bound values: 172a16b211c128 is not the host address', () => {
    const result = evaluateTranscript({ ...ping, order: undefined }, ctx([rec('c1', 'ping -c 1 172a16b211c128', PING_OUTPUT, 0, 1)]));
    expect(result.status).toBe('fail');
  });

  it('names the closest command and its output when nothing matched', () => {
    const records = [rec('host', 'ip link', '1: lo: <LOOPBACK>', 0, 1), rec('host', 'tcpdump -n -i ens160 icmp', 'listening on ens160', 2, 9)];
    const result = evaluateTranscript(capture, ctx(records));
    expect(result.status).toBe('fail');
    expect(result.explanation).toBe(
      'Wanted: a capture on docker0 showing the requests.\n' +
        'No command of that kind ran in host; the nearest was `tcpdump -n -i ens160 icmp` in host, which printed:\nlistening on ens160\n' +
        'Hint: Capture on docker0.',
    );
    expect(result.explanation).not.toMatch(/\\[bs]|\/\^/);
    expect(result.hint).toBe('Capture on docker0.');
  });

  it('says when the right command ran in the wrong terminal', () => {
    const result = evaluateTranscript(capture, ctx([rec('c1', 'tcpdump -i docker0', CAPTURE_OUTPUT, 0, 1)]));
    expect(result.seen).toBe('`tcpdump -i docker0` ran in c1, but it has to run in host.');
  });

  it('shows what the command printed when the output did not match', () => {
    const result = evaluateTranscript(capture, ctx([rec('host', 'tcpdump -n -i docker0 icmp', 'listening on docker0', 0, 1)]));
    expect(result.seen).toContain('did not print what was wanted; it printed:\nlistening on docker0');
  });

  it('reports forbidden output and exit codes', () => {
    const quiet: TranscriptCheck = { ...capture, output: undefined, notOutput: '0 packets captured', exitCode: 0 };
    const forbidden = evaluateTranscript(quiet, ctx([rec('host', 'tcpdump -i docker0', 'x\n0 packets captured\n', 0, 1)]));
    expect(forbidden.seen).toContain('printed what it must not: 0 packets captured');
    const failed = evaluateTranscript(quiet, ctx([rec('host', 'tcpdump -i docker0', 'tcpdump: eth9: No such device', 0, 1, 1)]));
    expect(failed.seen).toContain('exited with 1, not 0');
  });

  it('fails an order constraint, naming the partner', () => {
    const records = [rec('c1', 'ping -c 1 172.16.211.128', PING_OUTPUT, 0, 100), rec('host', 'tcpdump -n -i docker0 icmp', CAPTURE_OUTPUT, 150, 300)];
    const result = evaluateTranscript(ping, ctx(records));
    expect(result.status).toBe('fail');
    expect(result.seen).toBe(
      '`ping -c 1 172.16.211.128` in c1 ran, but not while `tcpdump -n -i docker0 icmp` in host was running (a capture on docker0 showing the requests has to be running the whole time).',
    );
  });

  it('checks after and before', () => {
    const records = [rec('host', 'tcpdump -i docker0', CAPTURE_OUTPUT, 0, 100), rec('c1', 'ping -c 1 172.16.211.128', PING_OUTPUT, 150, 200)];
    expect(evaluateTranscript({ ...ping, order: { after: 'capture' } }, ctx(records)).status).toBe('pass');
    const before = evaluateTranscript({ ...ping, order: { before: 'capture' } }, ctx(records));
    expect(before.seen).toMatch(/ended after `tcpdump -i docker0` in host started; it has to come before a capture on docker0/);
    const after = evaluateTranscript({ ...capture, order: { after: 'ping' } }, ctx(records));
    expect(after.seen).toMatch(/started before `ping -c 1 172\.16\.211\.128` in c1 ended; it has to come after a ping from c1 to 172\.16\.211\.128/);
  });

  it('counts only commands of the current step unless since is chapter', () => {
    const records = [rec('host', 'tcpdump -i docker0', CAPTURE_OUTPUT, 0, 1)];
    const result = evaluateTranscript(capture, ctx(records, records[0].seq + 1));
    expect(result.seen).toBe('No command has run in this step yet.');
    expect(evaluateTranscript({ ...capture, since: 'chapter' }, ctx(records, records[0].seq + 1)).status).toBe('pass');
  });

  it('says so when no command ran at all', () => {
    expect(evaluateTranscript({ ...capture, since: 'chapter' }, ctx([])).seen).toBe('No command has run yet.');
  });
});

describe('state checks', () => {
  const running: StateCheck = {
    id: 'web-running',
    kind: 'state',
    host: 'host',
    probe: "docker inspect -f '{{.State.Running}}' web {{web.ip}}",
    output: '^true$',
    expect: 'web is running',
    hint: 'docker start web',
  };

  it('runs the probe with bindings filled and Go templates kept', async () => {
    const backend = new FakeBackend();
    backend.probeAnswer = async () => ({ output: 'true\n', exitCode: 0 });
    const result = await evaluateState(running, backend, LAB_BINDINGS);
    expect(backend.probes).toEqual([{ host: 'host', command: "docker inspect -f '{{.State.Running}}' web 172.17.0.5" }]);
    expect(result.status).toBe('pass');
  });

  it('explains a failing probe with what it printed', async () => {
    const backend = new FakeBackend();
    backend.probeAnswer = async () => ({ output: 'false\n', exitCode: 0 });
    const result = await evaluateState(running, backend, LAB_BINDINGS);
    expect(result.status).toBe('fail');
    expect(result.explanation).toBe(
      "Wanted: web is running.\nIt is not so in the lab yet: the lab's answer to `docker inspect -f '{{.State.Running}}' web 172.17.0.5` on host was:\nfalse\nHint: " +
        result.hint +
        (result.hint.endsWith('.') ? '' : '.'),
    );
    backend.probeAnswer = async () => ({ output: 'Error: No such object: web', exitCode: 1 });
    const exited = await evaluateState({ ...running, exitCode: 0 }, backend, LAB_BINDINGS);
    expect(exited.seen).toMatch(/^In the lab, `docker inspect .*` on host exited with 1, not 0; the lab's answer to .* was:\nError: No such object: web$/);
  });

  it('reports a probe that cannot finish instead of waiting', async () => {
    const backend = new FakeBackend();
    backend.probeAnswer = () => Promise.reject(new Error('timed out after 5000 ms'));
    const result = await evaluateState(running, backend, LAB_BINDINGS);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/could not finish: timed out after 5000 ms$/);
  });
});

describe('traffic checks', () => {
  const requests: TrafficCheck = {
    id: 'requests',
    kind: 'traffic',
    host: 'host',
    iface: 'docker0',
    packet: 'IP {{c1.ip}} > {{host.ip}}: ICMP echo request',
    expect: 'echo requests on docker0',
    hint: 'Ping from c1.',
  };
  const line = (l: string) => ({ time: 0, host: 'host', iface: 'docker0', line: l });
  const request = line('IP 172.17.0.2 > 172.16.211.128: ICMP echo request, id 38, seq 1, length 64');
  const reply = line('IP 172.16.211.128 > 172.17.0.2: ICMP echo reply, id 38, seq 1, length 64');

  it('counts matching packets against min and max', () => {
    expect(evaluateTraffic(requests, { packets: [reply, request] }, LAB_BINDINGS).status).toBe('pass');
    const tooFew = evaluateTraffic({ ...requests, min: 2 }, { packets: [reply, request] }, LAB_BINDINGS);
    expect(tooFew.seen).toMatch(/^Only 1 packets of that kind crossed docker0 while this step was current \(at least 2 needed\); 2 other packets crossed it, the first:\nIP 172\.16/);
    const none = evaluateTraffic({ ...requests, max: 0 }, { packets: [request] }, LAB_BINDINGS);
    expect(none.status).toBe('fail');
    expect(none.seen).toMatch(/and none may:\nIP 172\.17\.0\.2 > 172\.16\.211\.128: ICMP echo request/);
    expect(evaluateTraffic({ ...requests, max: 0 }, { packets: [reply] }, LAB_BINDINGS).status).toBe('pass');
  });

  it('reports an empty capture and a capture that could not start', () => {
    expect(evaluateTraffic(requests, { packets: [] }, LAB_BINDINGS).seen).toContain('nothing crossed it at all');
    const broken = evaluateTraffic({ ...requests, iface: '{{host.iface}}' }, { error: 'tcpdump: ens160: No such device' }, LAB_BINDINGS);
    expect(broken.status).toBe('error');
    expect(broken.message).toBe('The capture on ens160 (host) could not finish: tcpdump: ens160: No such device');
  });
});

describe('state checks that cannot finish', () => {
  const slow: StateCheck = { id: 'slow', kind: 'state', host: 'host', probe: 'sleep 100', timeoutMs: 1000, expect: 'x', hint: 'y' };

  it('reports a probe the backend stopped at its timeout', async () => {
    const backend = new FakeBackend();
    backend.probeAnswer = async (_h, _c) => {
      await backend.sleep(1000);
      return { output: '', exitCode: 130 };
    };
    const result = await evaluateState(slow, backend, LAB_BINDINGS);
    expect(result).toMatchObject({ status: 'error', message: 'The probe `sleep 100` on host could not finish: it was still running after 1 s' });
  });

  it('gives up on a probe the lab never answers, using the host timer', async () => {
    const backend = new FakeBackend();
    backend.probeAnswer = () => new Promise(() => {});
    const waits: number[] = [];
    const result = await evaluateState(slow, backend, LAB_BINDINGS, async (ms) => void waits.push(ms));
    expect(waits).toEqual([3000]);
    expect(result.message).toBe('The probe `sleep 100` on host could not finish: the lab gave no answer within 3 s');
  });
});
