// Traffic capture in a real lab: `tcpdump -n -l` in the namespace of the
// requested host, run by the lab host's own tcpdump, read line by line.
import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { quote } from 'shell-quote';
import type { CaptureRequest, CapturedPacket, TrafficCapture } from '../../core/lab/backend.js';
import { execIn } from './exec.js';
import { outsideHost, type LabPlan } from './lab-plan.js';
import { enterOutsideHost } from './lab-setup.js';

/** `HH:MM:SS.uuuuuu ` at the start of each packet line. */
const TIMESTAMP = /^\d\d:\d\d:\d\d\.\d{6} /;

/** Shell words that enter the namespace of `host` from the lab host, keeping the PID (exec, no fork). */
function netnsPrefix(plan: LabPlan, host: string): string {
  if (host === 'host') return '';
  if (outsideHost(plan, host)) return quote(enterOutsideHost(host));
  return `nsenter -t "$(docker inspect -f '{{.State.Pid}}' ${quote([host])})" -n`;
}

export function captureScript(plan: LabPlan, request: CaptureRequest): string {
  const filter = request.filter?.trim() ? ` ${quote([request.filter])}` : '';
  return `echo "pid $$"; exec ${netnsPrefix(plan, request.host)} tcpdump -n -l -i ${quote([request.iface])}${filter} 2>&1`;
}

export async function startCapture(
  labHost: Dockerode.Container,
  plan: LabPlan,
  request: CaptureRequest,
  now: () => number,
): Promise<TrafficCapture> {
  const exec = await labHost.exec({
    Cmd: ['bash', '-c', captureScript(plan, request)],
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out = new PassThrough();
  labHost.modem.demuxStream(stream, out, out);
  const packets: CapturedPacket[] = [];
  let pid = '';
  let partial = '';
  let stopped = false;
  const ready = new Promise<void>((resolve, reject) => {
    const failed = (why: string) => reject(new Error(`tcpdump on ${request.host} ${request.iface}: ${why}`));
    out.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('pid ') && !pid) pid = line.slice(4);
        else if (line.startsWith('listening on ')) resolve();
        else if (TIMESTAMP.test(line)) {
          packets.push({ time: now(), iface: request.iface, host: request.host, line: line.replace(TIMESTAMP, '') });
        } else if (/^tcpdump: .*(error|No such|not found|can't|syntax)/i.test(line)) failed(line);
      }
    });
    stream.on('end', () => failed('ended before it started listening'));
  });
  await ready;
  return {
    packets: () => [...packets],
    dispose: () => {
      if (stopped || !pid) return;
      stopped = true;
      void execIn(labHost, ['kill', '-INT', pid]).catch(() => {});
    },
  };
}
