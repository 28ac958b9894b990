// Transport figures, in wall-clock time on this machine:
// - sim.tcp_transfer_mbps: a bulk TCP transfer from Host01 to a listener in the
//   web container through the whole simulated path (lab switch, ens160, DNAT,
//   FORWARD, docker0, veth), megabits of payload per wall second;
// - sim.tcp_lab_mbps: the same transfer's rate in lab time (what iperf would print);
// - sim.http_requests_per_s: curl-style GETs from Host01 to python3 -m http.server
//   behind the published port 81, complete requests per wall second.
import type { Report } from './index.js';
import { createDockerHostWorld } from '../src-main/core/sim/net/outside-world.js';
import { DockerDaemon } from '../src-main/core/userspace/dockerd/daemon.js';
import { transportOf } from '../src-main/core/sim/transport/transport.js';
import { handleRequest } from '../src-main/core/shell/commands/python.js';
import { FileSystem } from '../src-main/core/shell/fs.js';
import { HeadReader, latin1Bytes } from '../src-main/core/userspace/http.js';

const TRANSFER_BYTES = 32 * 1024 * 1024;
const REQUESTS = 300;

function articleLab() {
  const env = createDockerHostWorld({ seed: 11 });
  const docker = new DockerDaemon(env.world, env.host);
  const web = docker.create({ image: 'lab/debian:bookworm', name: 'web', hostname: 'web', tty: true, interactive: true, publish: ['172.16.211.128:81:80'] });
  docker.start(web);
  return { ...env, web: web.ns! };
}

async function bulkTransfer(report: Report): Promise<void> {
  const lab = articleLab();
  const clock = lab.world.clock;
  const listener = transportOf(lab.web).listen('0.0.0.0', 80);
  let received = 0;
  const sink = (async () => {
    const sock = await listener.accept();
    for (let data = await sock.read(); data; data = await sock.read()) received += data.length;
    sock.close();
  })();
  const connecting = transportOf(lab.host01.rootNs).connect('172.16.211.128', 81);
  await clock.advance(10);
  const sock = await connecting;
  const chunk = new Uint8Array(64 * 1024);
  const labStart = clock.now();
  const started = performance.now();
  const sending = (async () => {
    for (let sent = 0; sent < TRANSFER_BYTES; sent += chunk.length) await sock.write(chunk);
    sock.close();
  })();
  while (received < TRANSFER_BYTES) await clock.advance(5);
  const wallSeconds = (performance.now() - started) / 1000;
  const labSeconds = (clock.now() - labStart) / 1000;
  await sending;
  await clock.advance(100);
  await sink;
  report('sim.tcp_transfer_mbps', (TRANSFER_BYTES * 8) / 1e6 / wallSeconds, 'Mbit/s');
  report('sim.tcp_lab_mbps', (TRANSFER_BYTES * 8) / 1e6 / labSeconds, 'Mbit/s');
}

async function httpRequests(report: Report): Promise<void> {
  const lab = articleLab();
  const clock = lab.world.clock;
  const fs = new FileSystem();
  for (const d of ['bin', 'etc', 'tmp', 'usr', 'var']) fs.mkdir('/' + d);
  const listener = transportOf(lab.web).listen('0.0.0.0', 80, { backlog: 5 });
  void (async () => {
    for (;;) {
      const sock = await listener.accept();
      void (async () => {
        const reader = new HeadReader();
        let head;
        while (!head) {
          const data = await sock.read();
          if (!data) return sock.close();
          head = reader.push(data)?.head;
        }
        const r = handleRequest(head, { fs, directory: '/', wallTimeMs: clock.wallTimeMs(), clientAddress: sock.remoteAddress });
        await sock.write(latin1Bytes(r.head ?? ''));
        if (r.body) await sock.write(r.body);
        sock.close();
      })();
    }
  })();
  const client = transportOf(lab.host01.rootNs);
  const request = latin1Bytes('GET / HTTP/1.1\r\nHost: 172.16.211.128:81\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n');
  let done = 0;
  const one = async () => {
    const sock = await client.connect('172.16.211.128', 81);
    await sock.write(request);
    while ((await sock.read()) !== null);
    sock.close();
    done++;
  };
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const request = one();
    while (done <= i) await clock.advance(1);
    await request;
  }
  const seconds = (performance.now() - started) / 1000;
  report('sim.http_requests_per_s', REQUESTS / seconds, 'req/s');
}

export async function run(report: Report): Promise<void> {
  await bulkTransfer(report);
  await httpRequests(report);
}
