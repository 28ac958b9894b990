import { describe, expect, it } from 'vitest';
import { parseScript, runScript, ScriptError } from '../../../src-main/core/lab/runner.js';
import { SimBackend } from '../../../src-main/core/simlab/backend.js';

describe('lab script parser', () => {
  it('reads directives, comments and waits', () => {
    expect(parseScript('# hi\n\n@host ip -br a\n@c1 ^C\nwait 1.5\n')).toEqual([
      { kind: 'type', line: 3, terminal: 'host', command: 'ip -br a' },
      { kind: 'interrupt', line: 4, terminal: 'c1' },
      { kind: 'wait', line: 5, seconds: 1.5 },
    ]);
  });

  it('names the malformed line', () => {
    expect(() => parseScript('@host ls\nsleep 3\n')).toThrow(new ScriptError(2, "expected '@TERM COMMAND', '@TERM ^C', 'wait SECONDS' or '# comment', got 'sleep 3'"));
    expect(() => parseScript('@host\n')).toThrow(/^line 1: no command for @host$/);
    expect(() => parseScript('wait soon\n')).toThrow(/^line 1:/);
  });
});

describe('runScript over the simulator', () => {
  it('runs terminals independently in lab time and reports commands in order', async () => {
    const backend = new SimBackend();
    await backend.start('fresh');
    const script = parseScript(['@host sleep 5 && echo slept', '@host01 echo right away', 'wait 1', '@host01 echo after 1s', '@host echo next'].join('\n'));
    const startedAt = backend.now();
    const result = await runScript(backend, script);
    expect(result.error).toBeUndefined();
    expect(result.commands.map(({ terminal, command, output }) => ({ terminal, command, output }))).toEqual([
      { terminal: 'host', command: 'sleep 5 && echo slept', output: 'slept\n' },
      { terminal: 'host01', command: 'echo right away', output: 'right away\n' },
      { terminal: 'host01', command: 'echo after 1s', output: 'after 1s\n' },
      { terminal: 'host', command: 'echo next', output: 'next\n' },
    ]);
    // The host's second command waited for the first (5 s), host01's did not.
    expect(backend.now() - startedAt).toBeGreaterThanOrEqual(5000);
    expect(backend.now() - startedAt).toBeLessThan(5200);
    await backend.dispose();
  });

  it('reports a still-running command with its output so far, and Ctrl-C stops one', async () => {
    const backend = new SimBackend();
    await backend.start('fresh');
    const result = await runScript(backend, parseScript('@host sleep 100\nwait 1\n@host ^C\n@host echo done\n@host01 echo x; sleep 50'));
    expect(result.commands.map((c) => [c.command, c.output, c.exitCode])).toEqual([
      ['sleep 100', '^C\n', 130],
      ['echo done', 'done\n', 0],
      ['echo x; sleep 50', 'x\n', undefined],
    ]);
    await backend.dispose();
  });

  it('errors naming the line when a terminal stays busy for 60 s', async () => {
    const backend = new SimBackend();
    await backend.start('fresh');
    const result = await runScript(backend, parseScript('@host sleep 100\n@host echo never'));
    expect(result.error).toBe('line 2: terminal host was not back at its prompt after 60 s of lab time');
    await backend.dispose();
  });
});

describe('SimBackend', () => {
  it('probes in a hidden session and records terminal commands with lab times', async () => {
    const backend = new SimBackend();
    await backend.start('fresh');
    expect(await backend.probe('host', 'hostname; false', 5000)).toEqual({ output: 'docker-host\n', exitCode: 1 });
    const records: unknown[] = [];
    backend.onCommand((r) => records.push(r));
    const term = await backend.openTerminal('host01', { cols: 80, rows: 24 });
    term.write('sleep 2; echo hi\r');
    await backend.sleep(3000);
    expect(records).toEqual([
      { seq: 1, terminal: 'host01', command: 'sleep 2; echo hi', output: 'hi\n', exitCode: 0, startedAt: 0, endedAt: 2000 },
    ]);
    const bindings = await backend.bindings();
    expect(bindings).toMatchObject({ 'host.ip': '172.16.211.128', 'host.iface': 'ens160', 'host01.ip': '172.16.211.1', 'host02.ip': '172.16.211.3', 'docker0.ip': '172.17.0.1' });
    const topology = await backend.topology();
    expect(topology.nodes.find((n) => n.id === 'host')?.interfaces.map((i) => i.name)).toEqual(['lo', 'ens160', 'docker0']);
    expect(topology.networks).toContainEqual({ id: 'bridge', label: 'bridge (docker0)', subnet: '172.17.0.0/16' });
    await backend.dispose();
  });

  it('fails to start an unknown scenario with a message listing the known ones', async () => {
    const backend = new SimBackend();
    await expect(backend.start('nope')).rejects.toThrow(/unknown scenario/);
    expect(backend.status()).toMatchObject({ phase: 'failed', message: expect.stringMatching(/Known: fresh, .*article/) });
  });
});

describe('SimBackend.capture', () => {
  it('formats tapped packets as tcpdump -n lines, filtered', async () => {
    const backend = new SimBackend();
    await backend.start('fresh');
    const capture = await backend.capture({ host: 'host', iface: 'ens160', filter: 'icmp' });
    const ping = await backend.probe('host01', 'ping -c 1 172.16.211.128', 10_000);
    expect(ping.exitCode).toBe(0);
    const lines = capture.packets().map((p) => [p.iface, p.line]);
    expect(lines).toEqual([
      ['ens160', expect.stringMatching(/^IP 172\.16\.211\.1 > 172\.16\.211\.128: ICMP echo request, id \d+, seq 1, length 64$/)],
      ['ens160', expect.stringMatching(/^IP 172\.16\.211\.128 > 172\.16\.211\.1: ICMP echo reply, id \d+, seq 1, length 64$/)],
    ]);
    capture.dispose();
    await backend.dispose();
  });
});
