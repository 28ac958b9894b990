// Random docker command lines never throw out of the command: every one ends
// with output and an exit status, and the daemon's state stays consistent.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CommandContext } from '../../../../src-main/core/shell/command.js';
import { FileSystem } from '../../../../src-main/core/shell/fs.js';
import { docker } from '../../../../src-main/core/shell/commands/docker/index.js';
import { articleLab } from '../../userspace/dockerd/article-lab.js';
import { createCommandRegistry } from '../../../../src-main/core/shell/commands/index.js';

const WORDS = ['run', 'create', 'ps', 'start', 'kill', 'rm', 'logs', 'port', 'inspect', 'exec', 'network', 'images', 'pull', 'version', 'info', 'container', 'ls', 'create', 'connect', 'disconnect',
  '-d', '-t', '-i', '-it', '-dit', '--rm', '--name', 'x1', 'c1', 'web', '-p', '81:80', '8080:80/udp', '80', '1.2.3.4:1:2', 'bad:port', '-e', 'A=1', '--network', 'none', 'host', 'app', 'bridge',
  '-a', '-q', '-f', '-f', '{{.Name}}', '{{json .State}}', '{{', '--format', 'alpine', 'busybox', 'ubuntu', 'lab/debian:bookworm', 'nope:1', 'sh', 'hostname', '--', '-x', '--bogus=1'];

function context(lab: ReturnType<typeof articleLab>, argv: string[], out: string[]): CommandContext {
  const stream = { isTTY: false, write: (t: string) => void out.push(t) };
  return {
    argv,
    stdin: { isTTY: false, readAll: async () => '', readLine: async () => null, async *lines() {} },
    stdout: stream,
    stderr: stream,
    env: {},
    cwd: '/root',
    fs: new FileSystem(),
    host: { id: 'host', hostname: 'docker-host', installed: new Set(), world: lab.world, netns: lab.hostNs, pid: 1, docker: lab.docker, netAdmin: true },
    commands: createCommandRegistry(),
    clock: { now: () => lab.world.clock.now(), sleep: async () => {} },
    interrupted: { signalled: true, promise: Promise.resolve() },
    terminal: { isTTY: false, cols: 80, rows: 24 },
    exec: async () => 0,
  } as CommandContext;
}

describe('docker command fuzzing', () => {
  it('never throws and keeps every running container wired', async () => {
    const lab = articleLab();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 5 })), { minLength: 1, maxLength: 8 }), async (words) => {
        const out: string[] = [];
        const status = await docker.run(context(lab, ['docker', ...words], out));
        expect(Number.isInteger(status)).toBe(true);
        for (const c of lab.docker.containers) {
          if (c.status !== 'running' || c.config.networkMode === 'none' || c.config.networkMode === 'host') continue;
          expect(c.endpoints.length).toBeGreaterThan(0);
          expect(lab.hostNs.device(c.endpoints[0].hostVeth)?.master?.name).toBeDefined();
        }
      }),
      { numRuns: 3000 },
    );
  });
});
