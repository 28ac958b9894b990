// Reproduces every transcript in ../shared/reference/real-docker-20.10/ (beside the checkout):
// the sequence of ../shared/tools/real-lab.sh run on the simulated article
// lab, each command's output compared with the real one after normalizing
// volatile fields. Where the real lab's machine differs from the article's
// (its uplink eth0 on 192.0.2.0/24, ifb devices, Host01 as a namespace on the
// same machine), those lines are listed below and left out of the comparison.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalSession } from '../../src-main/core/lab/backend.js';
import { ShellIntegrationParser } from '../../src-main/core/lab/shell-integration.js';
import { SimBackend } from '../../src-main/core/simlab/backend.js';
import { normalize, type Replacement } from '../../src-main/core/lab/transcript-normalize.js';
import { REFERENCE_DIR } from '../reference-dir.js';

const REFERENCE = REFERENCE_DIR;
const reference = (name: string): string => readFileSync(join(REFERENCE, `${name}.txt`), 'utf8');

/** A terminal driven like a person would: type, wait for the prompt, read what the command printed. */
class Term {
  private outputs: string[] = [];
  private raw = '';
  private constructor(private readonly session: TerminalSession) {
    const parser = new ShellIntegrationParser((done) => this.outputs.push(done.output));
    session.onData((chunk) => {
      const text = new TextDecoder().decode(chunk);
      this.raw += text;
      parser.feed(text);
    });
  }
  static async open(backend: SimBackend, name: string): Promise<Term> {
    return new Term(await backend.openTerminal(name, { cols: 200, rows: 50 }));
  }
  type(line: string): void {
    this.outputs = [];
    this.session.write(line + '\r');
  }
  get done(): boolean {
    return !this.session.busy;
  }
  interrupt(): void {
    this.session.write('\x03');
  }
  /** Output of the last command once it ended. */
  get output(): string {
    return this.outputs[this.outputs.length - 1] ?? '';
  }
}

let backend: SimBackend;
const results = new Map<string, { command: string; output: string }>();

async function settle(term: Term, limitMs = 30_000): Promise<void> {
  const end = backend.now() + limitMs;
  while (!term.done && backend.now() < end) await backend.sleep(1);
}

async function record(name: string, term: Term, command: string): Promise<void> {
  term.type(command);
  await settle(term);
  results.set(name, { command, output: term.output });
}

/** `timeout N tcpdump -l -n -i IFACE FILTER` in its own terminal, while `traffic` runs elsewhere. */
async function capture(names: [string, string][], filterPerIface: Record<string, string>, seconds: number, traffic: () => Promise<void>): Promise<void> {
  const terms: [string, Term, string][] = [];
  for (const [name, iface] of names) {
    const term = await Term.open(backend, 'host');
    const command = `tcpdump -l -n -i ${iface} ${filterPerIface[iface]}`;
    term.type(command);
    terms.push([name, term, command]);
  }
  const started = backend.now();
  await backend.sleep(1000);
  await traffic();
  await backend.sleep(Math.max(0, started + seconds * 1000 - backend.now()));
  for (const [name, term, command] of terms) {
    term.interrupt();
    await settle(term);
    results.set(name, { command, output: term.output.replace(/^\^C/m, '') });
  }
}

beforeAll(async () => {
  backend = new SimBackend();
  // real-lab.sh starts the web server with docker exec -d, not in web's console.
  await backend.start('reference');
  const host = await Term.open(backend, 'host');
  const host01 = await Term.open(backend, 'host01');
  await backend.sleep(2000);
  await record('host-ip-link', host, 'ip link');
  await record('host-ip-route', host, 'ip route');
  await record('c1-ip-route', host, 'docker exec c1 ip route');
  await record('host-lsns', host, 'lsns --type=net');
  await record('c1-inspect', host, 'docker inspect c1');
  await record('c1-nsenter-ip-link', host, "nsenter -t $(docker inspect c1 --format '{{.State.Pid}}') -n ip link");
  await capture([['tcpdump-ens160-ping-host', 'ens160'], ['tcpdump-docker0-ping-host', 'docker0']], { ens160: 'icmp', docker0: 'icmp' }, 6, () =>
    record('c1-ping-host', host, 'docker exec c1 ping -c 3 172.16.211.128'),
  );
  await capture([['tcpdump-ens160-ping-host01', 'ens160'], ['tcpdump-docker0-ping-host01', 'docker0']], { ens160: 'icmp', docker0: 'icmp' }, 5, () =>
    record('c1-ping-host01', host, 'docker exec c1 ping -c 1 172.16.211.1'),
  );
  await capture([['tcpdump-ens160-web', 'ens160'], ['tcpdump-docker0-web', 'docker0']], { ens160: "'tcp port 81'", docker0: "'tcp port 80'" }, 5, () =>
    // The real lab's Host01 is a namespace on the Docker host (`ip netns exec host01`); here it is its own machine.
    record('host01-curl', host01, 'curl -s http://172.16.211.128:81/'),
  );
  await record('web-logs', host, 'docker logs web');
  await record('nat-L-v', host, 'iptables -L -v -t nat');
  await record('nat-L-v-n', host, 'iptables -L -v -t nat -n');
  await record('filter-L-v-n', host, 'iptables -L -v -t filter -n');
}, 120_000);

afterAll(() => backend.dispose());

/** Lines of the real lab's own machine that the article's host does not have. */
const ENVIRONMENT_LINES: Record<string, RegExp[]> = {
  'host-ip-link': [/^\d+: (ifb\d|eth0|ens160)[:@]/, /^ {4}link\/ether \S+ brd \S+( link-netns host01)?$/],
  'host-ip-route': [/^default via/, /192\.0\.2\./, /^172\.16\.211\./],
};

/** Where the real tools' versions differ from the article's, follow the article (tcpdump 4.9.3, iptables 1.8.7). */
const TCPDUMP_VERSION: Replacement[] = [
  { pattern: /use -v\[v\]\.\.\. for full protocol decode/g, with: 'use -v or -vv for full protocol decode' },
  { pattern: /snapshot length (\d+) bytes/g, with: 'capture size $1 bytes' },
];
const IPTABLES_VERSION: Replacement[] = [
  // iptables 1.8.9 prints protocol numbers where 1.8.7 prints names.
  { pattern: / 0    -- /g, with: " all  -- " },
  { pattern: / 6    -- /g, with: " tcp  -- " },
  // Counters depend on all the traffic the lab saw, which differs between runs.
  { pattern: /policy (ACCEPT|DROP) \d+ packets, \d+ bytes/g, with: 'policy $1 N packets, N bytes' },
  { pattern: /^ *\d+[KMG]? +\d+[KMG]? (?=\S)/gm, with: ' N N ' },
];

/** Fields that depend on the machine's history rather than on Docker: interface indexes, inode and PID numbers. */
const MACHINE_FIELDS: Record<string, Replacement[]> = {
  'host-ip-link': [{ pattern: /^\d+: /gm, with: 'N: ' }, { pattern: /@if\d+/g, with: '@ifN' }, { pattern: /link-netnsid \d+/g, with: 'link-netnsid N' }],
  'c1-nsenter-ip-link': [{ pattern: /^\d+: eth0@if\d+/gm, with: 'N: eth0@ifN' }],
  'host-lsns': [{ pattern: /unassigned {32}\S+$/m, with: 'unassigned <init>' }, { pattern: /^ *\d{10} net +\d+ +\d+ root +(unassigned|\d+)/gm, with: 'NS net NPROCS PID root NETNSID' }, { pattern: /^ +NS TYPE NPROCS +PID/m, with: 'NS TYPE NPROCS PID' }],
  'c1-inspect': [{ pattern: /"(Pid|HostPort)": "?\d+"?/g, with: '"$1": N' }, { pattern: /"\/var\/lib\/docker\/[^"]*"/g, with: '"<docker-path>"' }, { pattern: /"SandboxKey": "[^"]*"/g, with: '"SandboxKey": "<netns>"' }],
};

function dropEnvironmentLines(name: string, text: string): string {
  const patterns = ENVIRONMENT_LINES[name] ?? [];
  const lines = text.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    // An ip-link record is two lines: drop the second with the first.
    if (patterns.some((p) => p.test(lines[i]))) {
      if (name === 'host-ip-link' && /^\d+: /.test(lines[i])) i++;
      continue;
    }
    kept.push(lines[i]);
  }
  return kept.join('\n');
}

/** `$ command` first line of a reference, then its output. */
function splitReference(text: string): { command?: string; output: string } {
  if (!text.startsWith('$ ')) return { output: text };
  const nl = text.indexOf('\n');
  return { command: text.slice(2, nl), output: text.slice(nl + 1) };
}

const NAMES = readFileSync('/dev/null', 'utf8') === '' ? (await import('node:fs')).readdirSync(REFERENCE).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort() : [];

describe('reference transcripts reproduced on the simulator', () => {
  for (const name of NAMES) {
    it(name, () => {
      const got = results.get(name);
      expect(got, `no command recorded for ${name}`).toBeDefined();
      const expected = splitReference(reference(name)).output;
      const rules = [...(MACHINE_FIELDS[name] ?? []), ...(name.startsWith('tcpdump-') ? TCPDUMP_VERSION : []), ...(name.includes('-L-') ? IPTABLES_VERSION : [])];
      const want = normalize(dropEnvironmentLines(name, expected), rules);
      const have = normalize(dropEnvironmentLines(name, got!.output), rules);
      expect(have).toBe(want);
    });
  }
});

// cspell:words NPROCS
