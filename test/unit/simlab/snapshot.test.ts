// A snapshot saved from one simulated lab and loaded into a fresh one gives
// the same kernel state, as the tools print it; broken or newer files are refused.
import { describe, expect, it } from 'vitest';
import { SimBackend } from '../../../src-main/core/simlab/backend.js';
import { SNAPSHOT_MAX_CHARS } from '../../../src-main/core/api/practice.js';
import { findScenario } from '../../../src-main/core/simlab/scenarios.js';
import {
  Journal,
  parseSnapshot,
  serializeSnapshot,
  SnapshotError,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type JournalEntry,
} from '../../../src-main/core/simlab/snapshot.js';

const STATE_COMMANDS: Array<[string, string]> = [
  ['host', 'ip addr'],
  ['host', 'ip neigh'],
  ['c1', 'ip neigh'],
  ['host', 'iptables -t nat -L -v -n'],
  ['host', 'iptables -L FORWARD -v -n'],
  ['host', 'conntrack -L'],
  ['host', 'docker ps'],
  ['host', 'ip route'],
];

async function stateOf(backend: SimBackend): Promise<string[]> {
  const outputs: string[] = [];
  for (const [host, command] of STATE_COMMANDS) outputs.push(`${host}$ ${command}\n${(await backend.probe(host, command, 10_000)).output}`);
  return outputs;
}

describe('lab snapshots', () => {
  it('load into a fresh lab with the same addresses, neighbours, rules, counters, conntrack and containers', async () => {
    const saved = new SimBackend();
    await saved.start('article');
    const host = await saved.openTerminal('host', { cols: 120, rows: 30 });
    const c1 = await saved.openTerminal('c1', { cols: 120, rows: 30 });
    const host01 = await saved.openTerminal('host01', { cols: 120, rows: 30 });
    host.write('iptables -t nat -I POSTROUTING -s 10.99.0.0/24 -j MASQUERADE\r');
    host.write('docker run -dit --name late --hostname late lab/debian:bookworm bash\r');
    await saved.sleep(2000);
    c1.write('ping -c 3 172.17.0.3\r');
    host01.write('curl -s http://172.16.211.128:81/ | head -1\r');
    await saved.sleep(5000);
    const file = saved.saveSnapshot();
    const before = await stateOf(saved);
    expect(before.join('\n')).toContain('late');
    expect(before.join('\n')).toMatch(/dpt:81 to:172\.17\.0\.5:80/);
    expect(before.join('\n')).toMatch(/ESTABLISHED|TIME_WAIT/);

    const loaded = new SimBackend();
    await loaded.start('fresh');
    await loaded.loadSnapshot(file);
    expect(loaded.status()).toMatchObject({ phase: 'ready', scenario: 'article' });
    expect(loaded.now()).toBe(JSON.parse(file).clock);
    expect(await stateOf(loaded)).toEqual(before);
    const ping = await loaded.probe('c1', 'ping -c 1 172.17.0.3', 10_000);
    expect(ping.exitCode).toBe(0);
    expect(ping.output).toContain('1 received');

    // The terminal the learner had on c1 comes back with what it showed.
    const reopened = await loaded.openTerminal('c1', { cols: 120, rows: 30 });
    const shown: string[] = [];
    reopened.onData((chunk) => shown.push(new TextDecoder().decode(chunk)));
    expect(shown.join('')).toContain('3 packets transmitted, 3 received');
    await saved.dispose();
    await loaded.dispose();
  }, 60_000);

  it('replays input typed while real-time pacing moved lab time in uneven steps', async () => {
    let tick: (elapsedMs: number) => void = () => {};
    const saved = new SimBackend({ pace: (t) => ((tick = t), { dispose: () => {} }) });
    await saved.start('article');
    const web = await saved.openTerminal('host01', { cols: 100, rows: 30 });
    const steps = [0.7, 3.31, 9.99, 1.05, 250.123];
    for (const [i, command] of ['curl -s -o /dev/null http://172.16.211.128:81/', 'ping -c 2 172.16.211.128', 'ip neigh'].entries()) {
      for (const ms of steps) tick(ms * (i + 1));
      web.write(`${command}\r`);
      for (const ms of steps) tick(ms * 4);
    }
    for (let i = 0; i < 20; i++) tick(97.3);
    await saved.sleep(0);
    const file = saved.saveSnapshot();
    const before = await stateOf(saved);
    expect(before.join('\n')).toMatch(/172\.16\.211\.1 dev ens160 lladdr/);
    const loaded = new SimBackend();
    await loaded.loadSnapshot(file);
    expect(loaded.now()).toBe(JSON.parse(file).clock);
    expect(await stateOf(loaded)).toEqual(before);
    await saved.dispose();
    await loaded.dispose();
  }, 60_000);

  it('refuses a broken file, a file of another kind and one from a newer version, leaving the running lab as it was', async () => {
    const backend = new SimBackend();
    await backend.start('article');
    const good = JSON.parse(backend.saveSnapshot()) as Record<string, unknown>;
    expect(() => parseSnapshot('{"format": ')).toThrow(/not valid JSON/);
    expect(() => parseSnapshot('{"hello": 1}')).toThrow(/not a lab snapshot/);
    expect(() => parseSnapshot(JSON.stringify({ ...good, version: SNAPSHOT_VERSION + 1 }))).toThrow(/newer version of the app/);
    expect(() => parseSnapshot(JSON.stringify({ ...good, journal: [{ at: 1, input: 'x' }] }))).toThrow(SnapshotError);
    expect(() => parseSnapshot(JSON.stringify({ ...good, clock: -5 }))).toThrow(/damaged: \/clock/);
    await expect(backend.loadSnapshot('not json')).rejects.toThrow(SnapshotError);
    expect(backend.status()).toMatchObject({ phase: 'ready', scenario: 'article' });
    expect((await backend.probe('host', 'docker ps --format {{.Names}}', 10_000)).output.split('\n').sort().join(' ')).toBe(' c1 c2 c3 web');
    // A file that reads well but names a machine its lab never had fails to replay, and says so.
    const ghost = JSON.stringify({ ...good, journal: [{ at: 0, open: 0, name: 'ghost', cols: 80, rows: 24 }] });
    await expect(backend.loadSnapshot(ghost)).rejects.toThrow(/could not be replayed: no terminal 'ghost'/);
    expect(backend.status()).toMatchObject({ phase: 'failed', scenario: 'article' });
    await backend.dispose();
  }, 30_000);
});

describe('the snapshot journal of a long session', () => {
  it('keeps entries up to its bound, then lets them all go and says why saving is refused', () => {
    const journal = new Journal(200);
    journal.add({ at: 0, open: 0, name: 'host', cols: 80, rows: 24 });
    journal.add({ at: 1500, input: 0, data: 'ip addr\r' });
    expect(journal.forSnapshot()).toHaveLength(2);
    expect(journal.size).toBe(journal.forSnapshot().reduce((sum, e) => sum + JSON.stringify(e).length + 1, 0));
    for (let i = 0; i < 10; i++) journal.add({ at: 3_723_000 + i, input: 0, data: 'echo a long line\r' });
    expect(journal.size).toBe(0);
    expect(() => journal.forSnapshot()).toThrow(SnapshotError);
    expect(() => journal.forSnapshot()).toThrow(/ran too long to be saved as a snapshot: .* at lab time 1:02:03 that passed 200 characters\. Reset the lab/);
    journal.add({ at: 4_000_000, input: 0, data: 'x' });
    expect(journal.size).toBe(0);
  });

  it('at its default bound still makes a file the app loads', () => {
    const journal = new Journal();
    const paste = 'x'.repeat(900_000);
    let kept: JournalEntry[];
    let at = 0;
    do {
      kept = journal.forSnapshot();
      journal.add({ at: at++, input: 0, data: paste });
    } while (journal.size > 0);
    // 8 pastes of 0.9 million characters fit under the 7.5 million the journal may take; the 9th does not.
    expect(kept).toHaveLength(8);
    const file = serializeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, scenario: findScenario('article')!, seed: null, clock: at, journal: kept });
    expect(file.length).toBeLessThanOrEqual(SNAPSHOT_MAX_CHARS);
    expect(parseSnapshot(file).journal).toHaveLength(8);
  });

  it('refuses to save a lab whose journal overflowed, keeps the lab running, and saves again after a reset', async () => {
    const backend = new SimBackend({ journalMaxChars: 2_000 });
    await backend.start('article');
    const host = await backend.openTerminal('host', { cols: 120, rows: 30 });
    host.write('iptables -t nat -I POSTROUTING -s 10.99.0.0/24 -j MASQUERADE\r');
    await backend.sleep(100);
    expect(parseSnapshot(backend.saveSnapshot()).journal.length).toBeGreaterThan(0);
    for (let i = 0; i < 40; i++) {
      for (const key of `echo session line ${i}\r`) host.write(key);
      await backend.sleep(10);
    }
    expect(() => backend.saveSnapshot()).toThrow(/ran too long to be saved as a snapshot/);
    expect((await backend.probe('host', 'iptables -t nat -S POSTROUTING', 10_000)).output).toContain('-s 10.99.0.0/24 -j MASQUERADE');
    await backend.reset();
    const file = backend.saveSnapshot();
    expect(parseSnapshot(file).journal).toEqual([]);
    await backend.dispose();
  }, 30_000);
});
