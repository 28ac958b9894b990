// The article's last experiment end to end: Host01 curls the Docker host's
// published port 81, DNAT sends it to python3 -m http.server in the web
// container; captures on ens160 and docker0 match the reference.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curl } from '../../../../src-main/core/shell/commands/curl.js';
import { python } from '../../../../src-main/core/shell/commands/python.js';
import { PacketFormatter } from '../../../../src-main/core/userspace/pcap/print.js';
import { transportOf } from '../../../../src-main/core/sim/transport/transport.js';
import { articleLab } from '../../userspace/dockerd/article-lab.js';
import { runCommand, startCommand } from './harness.js';
import { DebianRoot } from './debian-root.js';
import { REFERENCE_DIR } from '../../../reference-dir.js';

const REF = REFERENCE_DIR;

/** tcpdump lines without what differs per run: timestamps, client port, ISNs, TS values. */
function normalize(line: string): string {
  return line
    .replace(/^\d\d:\d\d:\d\d\.\d+ /, '')
    .replace(/(172\.16\.211\.1)\.\d+/g, '$1.PORT')
    .replace(/TS val \d+ ecr \d+/, 'TS')
    .replace(/(Flags \[S\.?\], seq )\d+/, '$1N')
    .replace(/(Flags \[S\.\], seq N, ack )\d+/, '$1N');
}

function reference(name: string): string[] {
  return readFileSync(`${REF}/${name}`, 'utf8')
    .split('\n')
    .filter((l) => l.includes(' IP '))
    .map(normalize);
}

async function curlFromHost01() {
  const lab = articleLab();
  const web = lab.docker.container('web')!;
  const server = startCommand(python, ['python3', '-m', 'http.server', '80', '--directory', '/'], { world: lab.world, ns: web.ns!, fs: new DebianRoot() });
  await lab.world.clock.advance(10);
  const captures: Record<string, string[]> = { ens160: [], docker0: [] };
  for (const iface of Object.keys(captures)) {
    const formatter = new PacketFormatter({ link: false, verbose: 0, cooked: false });
    lab.world.taps.watch(lab.hostNs, iface, (ev) => {
      const line = formatter.format(ev.frame, ev.direction);
      if (line.includes(' IP ') || line.startsWith('IP ')) captures[iface].push(line);
    });
  }
  const client = await runCommand(curl, ['curl', '-s', 'http://172.16.211.128:81/'], { world: lab.world, ns: lab.host01.rootNs });
  await lab.world.clock.advance(100);
  server.interrupt();
  await lab.world.clock.advance(1);
  return { lab, client, server: await server.done, captures };
}

describe('curl from Host01 to the published web server', () => {
  it('prints the directory listing of the web container', async () => {
    const { client } = await curlFromHost01();
    expect(client.status).toBe(0);
    expect(client.stdout).toBe(readFileSync(`${REF}/host01-curl.txt`, 'utf8').split('\n').slice(1).join('\n'));
  });

  it('shows on ens160 and docker0 the 12 packets of the reference captures', async () => {
    const { captures } = await curlFromHost01();
    expect(captures.ens160.map(normalize)).toEqual(reference('tcpdump-ens160-web.txt'));
    expect(captures.docker0.map(normalize)).toEqual(reference('tcpdump-docker0-web.txt'));
  });

  it("logs Host01's real address in the web container", async () => {
    const { server } = await curlFromHost01();
    expect(server.stdout).toBe('Serving HTTP on 0.0.0.0 port 80 (http://0.0.0.0:80/) ...\n\nKeyboard interrupt received, exiting.\n');
    expect(server.stderr).toMatch(/^172\.16\.211\.1 - - \[26\/Nov\/2026 \d\d:\d\d:\d\d\] "GET \/ HTTP\/1\.1" 200 -\n$/);
  });

  it('refuses port 82 with curl (7) after 0 ms', async () => {
    const lab = articleLab();
    transportOf(lab.hostNs);
    const r = await runCommand(curl, ['curl', 'http://172.16.211.128:82/'], { world: lab.world, ns: lab.host01.rootNs });
    expect(r.status).toBe(7);
    expect(r.stderr).toBe("curl: (7) Failed to connect to 172.16.211.128 port 82 after 0 ms: Couldn't connect to server\n");
  });

  it('serves c1 through docker-proxy on the hairpin path: the web log shows the gateway, ss shows the proxy', async () => {
    const lab = articleLab();
    const web = lab.docker.container('web')!;
    const server = startCommand(python, ['python3', '-m', 'http.server', '80', '--directory', '/'], { world: lab.world, ns: web.ns!, fs: new DebianRoot() });
    await lab.world.clock.advance(10);
    const c1 = lab.docker.container('c1')!.ns!;
    const r = await runCommand(curl, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://172.16.211.128:81/'], { world: lab.world, ns: c1 });
    expect(r.stdout).toBe('200');
    const proxied = transportOf(lab.hostNs)
      .entries()
      .filter((e) => e.owners.some((o) => o.command === 'docker-proxy'))
      .map((e) => `${e.state} ${e.localAddress}:${e.localPort}`);
    expect(proxied[0]).toBe('LISTEN 172.16.211.128:81');
    server.interrupt();
    await lab.world.clock.advance(1);
    expect((await server.done).stderr).toMatch(/^172\.17\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 -\n$/);
  });
});

