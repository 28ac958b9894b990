import { describe, expect, it } from 'vitest';
import { curl, parseCurlArgs } from '../../../../src-main/core/shell/commands/curl.js';
import { python } from '../../../../src-main/core/shell/commands/python.js';
import { FileSystem } from '../../../../src-main/core/shell/fs.js';
import { runIptables } from '../../../../src-main/core/userspace/iptables/run.js';
import { netfilterOf } from '../../../../src-main/core/sim/netfilter/kernel.js';
import { articleLab } from '../../userspace/dockerd/article-lab.js';
import { runCommand, startCommand } from './harness.js';
import { DebianRoot } from './debian-root.js';

function labWithWeb() {
  const lab = articleLab();
  const webFs = new DebianRoot();
  const server = startCommand(python, ['python3', '-m', 'http.server', '80', '-d', '/'], { world: lab.world, ns: lab.docker.container('web')!.ns!, fs: webFs });
  const c1 = lab.docker.container('c1')!.ns!;
  const get = (argv: string[], fs?: FileSystem) => runCommand(curl, ['curl', ...argv], { world: lab.world, ns: c1, fs });
  return { lab, server, get };
}

describe('curl', () => {
  it('-I prints the HEAD response headers', async () => {
    const { get } = labWithWeb();
    const r = await get(['-I', 'http://172.17.0.5/']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^HTTP\/1\.0 200 OK\nServer: SimpleHTTP\/0\.6 Python\/3\.11\.2\nDate: .* GMT\nContent-type: text\/html; charset=utf-8\nContent-Length: 877\n\n$/);
  });

  it('-i prints headers then the body; -w prints write-out variables', async () => {
    const { get } = labWithWeb();
    const r = await get(['-s', '-i', '-w', '%{http_code} %{remote_ip}:%{remote_port} %{size_download}\\n', 'http://172.17.0.5/tmp/notes.txt']);
    expect(r.stdout).toMatch(/^HTTP\/1\.0 200 OK\n[\s\S]*Content-Length: 6\n[\s\S]*\n\nhello\n200 172\.17\.0\.5:80 6\n$/);
  });

  it('-o saves the body and shows the progress meter on stderr', async () => {
    const { get } = labWithWeb();
    const fs = new FileSystem();
    const r = await get(['-o', 'page.html', 'http://172.17.0.5/'], fs);
    expect(r.status).toBe(0);
    expect((fs.readFile('/root/page.html') as string).length).toBe(877);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current');
    expect(lines[1]).toBe('                                 Dload  Upload   Total   Spent    Left  Speed');
    expect(lines[2]).toMatch(/^100   877  100   877    0     0  [ \d.]{4}[\dkM]      0 --:--:-- --:--:-- --:--:-- [ \d.]{4}[\dkM]$/);
  });

  it('-D - prints the response headers to standard output; -D FILE saves them', async () => {
    const { get } = labWithWeb();
    const r = await get(['-s', '-D', '-', '-o', '/dev/null', 'http://172.17.0.5/']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^HTTP\/1\.0 200 OK\nServer: SimpleHTTP\/0\.6 Python\/3\.11\.2\nDate: .* GMT\nContent-type: text\/html; charset=utf-8\nContent-Length: 877\n\n$/);
    const fs = new FileSystem();
    const saved = await get(['-s', '--dump-header', 'head.txt', 'http://172.17.0.5/tmp/notes.txt'], fs);
    expect(saved.stdout).toBe('hello\n');
    expect(fs.readFile('/root/head.txt') as string).toMatch(/^HTTP\/1\.0 200 OK\n[\s\S]*Content-Length: 6\nLast-Modified: .* GMT\n\n$/);
  });

  it('-L follows the redirect python sends for a directory without a slash', async () => {
    const { get } = labWithWeb();
    const r = await get(['-sL', '-w', '%{url_effective} %{http_code}\\n', 'http://172.17.0.5/tmp']);
    expect(r.stdout).toContain('<title>Directory listing for /tmp/</title>');
    expect(r.stdout.endsWith('http://172.17.0.5/tmp/ 200\n')).toBe(true);
  });

  it('-f turns a 404 into exit 22', async () => {
    const { get } = labWithWeb();
    const r = await get(['-f', 'http://172.17.0.5/nope']);
    expect(r.status).toBe(22);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('curl: (22) The requested URL returned error: 404\n');
  });

  it('-m gives up on a port FORWARD drops, with curl (28) (real engine: Connection timed out after 1000 milliseconds)', async () => {
    const { lab } = labWithWeb();
    runIptables(netfilterOf(lab.hostNs), ['-I', 'DOCKER-USER', '-p', 'tcp', '--dport', '80', '-j', 'DROP']);
    const r = await runCommand(curl, ['curl', '-m', '3', 'http://172.16.211.128:81/'], { world: lab.world, ns: lab.host01.rootNs });
    expect(r.status).toBe(28);
    expect(r.stderr).toMatch(/^curl: \(28\) Connection timed out after 300\d milliseconds\n$/);
  });

  it('reports unresolvable names, bad URLs and unknown options as curl does', async () => {
    const { get } = labWithWeb();
    expect((await get(['http://nowhere.example/'])).stderr).toBe('curl: (6) Could not resolve host: nowhere.example\n');
    expect((await get(['http://:80/'])).status).toBe(3);
    expect(parseCurlArgs(['--bogus', 'x'])).toMatchObject({ ok: false, status: 2, stderr: "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect(parseCurlArgs([])).toMatchObject({ ok: false, status: 2 });
  });

  it('resolves names through /etc/hosts', async () => {
    const { get } = labWithWeb();
    const fs = new FileSystem();
    fs.mkdir('/etc');
    fs.writeFile('/etc/hosts', '127.0.0.1\tlocalhost\n172.17.0.5\tweb\n');
    const r = await get(['-s', '-o', '/dev/null', '-w', '%{remote_ip}', 'http://web/'], fs);
    expect(r.stdout).toBe('172.17.0.5');
  });

  it('stops at Ctrl-C while connecting, with status 130 and no more SYNs', async () => {
    const { lab } = labWithWeb();
    runIptables(netfilterOf(lab.hostNs), ['-I', 'DOCKER-USER', '-j', 'DROP']);
    let syns = 0;
    lab.world.taps.watch(lab.hostNs, 'ens160', (ev) => {
      const ip = ev.frame.payload;
      if (ip.kind === 'ipv4' && ip.payload.kind === 'tcp' && ip.payload.flags.syn) syns++;
    });
    const r = await runCommand(curl, ['curl', 'http://172.16.211.128:81/'], { world: lab.world, ns: lab.host01.rootNs, interruptAfterMs: 1500 });
    expect(r.status).toBe(130);
    expect(r.stderr).toBe('');
    expect(syns).toBe(2); // the first SYN and its retransmission after 1 s
    await lab.world.clock.advance(10_000);
    expect(syns).toBe(2);
  });

  it('shows why a REJECT rule refused the connection in the -v trace', async () => {
    const { lab } = labWithWeb();
    runIptables(netfilterOf(lab.hostNs), ['-I', 'DOCKER-USER', '-p', 'tcp', '--dport', '80', '-j', 'REJECT', '--reject-with', 'icmp-host-unreachable']);
    const r = await runCommand(curl, ['curl', '-v', 'http://172.16.211.128:81/'], { world: lab.world, ns: lab.host01.rootNs });
    expect(r.status).toBe(7);
    expect(r.stderr).toBe(
      '*   Trying 172.16.211.128:81...\n' +
        '* connect to 172.16.211.128 port 81 failed: No route to host\n' +
        "* Failed to connect to 172.16.211.128 port 81 after 0 ms: Couldn't connect to server\n" +
        "curl: (7) Failed to connect to 172.16.211.128 port 81 after 0 ms: Couldn't connect to server\n",
    );
  });
});

