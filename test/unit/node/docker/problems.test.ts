// The messages a learner sees when the real lab cannot start, produced by
// really connecting to a socket path that has no engine behind it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DockerBackend } from '../../../../src-main/node/docker/backend.js';
import type { EngineEndpoint } from '../../../../src-main/node/docker/engine.js';
import { connectionProblem, DockerProblem, labHostProblem } from '../../../../src-main/node/docker/problems.js';

const dir = mkdtempSync(join(tmpdir(), 'dne-docker-problems-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function socketEndpoint(path: string, source = 'default socket'): EngineEndpoint {
  return { source, host: `unix://${path}`, options: { socketPath: path } };
}

/** A unix socket file whose listener is gone (SIGKILL leaves the file): what a stopped dockerd leaves. */
async function deadSocket(path: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`]);
  await new Promise((resolve) => child.on('exit', resolve));
  expect(existsSync(path)).toBe(true);
}

async function startFailure(backend: DockerBackend): Promise<DockerProblem> {
  const error = await backend.start('article').then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(DockerProblem);
  return error as DockerProblem;
}

describe('DockerBackend start without a usable engine', () => {
  it('says Docker is not installed when the default socket is missing and no docker program exists', async () => {
    const backend = new DockerBackend({ endpoint: socketEndpoint(join(dir, 'missing.sock')), cliInstalled: false, platform: 'linux' });
    const problem = await startFailure(backend);
    expect(problem.kind).toBe('not-installed');
    expect(problem.message).toMatch(/apt-get install docker\.io/);
    expect(problem.message).toMatch(/simulated lab is still available/);
    expect(backend.status()).toMatchObject({ backend: 'docker', phase: 'failed', scenario: 'article' });
    expect(backend.status().message).toBe(problem.message);
  });

  it('says the daemon is not running when the docker program exists but the socket does not', async () => {
    const backend = new DockerBackend({ endpoint: socketEndpoint(join(dir, 'missing.sock')), cliInstalled: true, platform: 'linux' });
    const problem = await startFailure(backend);
    expect(problem.kind).toBe('not-running');
    expect(problem.message).toMatch(/systemctl start docker/);
  });

  it('says the daemon is not running when the socket file is left by a stopped daemon', async () => {
    const path = join(dir, 'stopped.sock');
    await deadSocket(path);
    const backend = new DockerBackend({ endpoint: socketEndpoint(path), cliInstalled: true, platform: 'darwin' });
    const problem = await startFailure(backend);
    expect(problem.kind).toBe('not-running');
    expect(problem.detail).toBe('ECONNREFUSED');
    expect(problem.message).toMatch(/Open Docker Desktop/);
  });

  it('names the configured endpoint when DOCKER_HOST or a context points nowhere', async () => {
    const endpoint = socketEndpoint(join(dir, 'ctx.sock'), 'context "colima"');
    const problem = await startFailure(new DockerBackend({ endpoint, cliInstalled: true, platform: 'linux' }));
    expect(problem.kind).toBe('not-running');
    expect(problem.message).toContain('context "colima"');
    expect(problem.message).toContain(join(dir, 'ctx.sock'));
  });

  it('refuses an unknown scenario before touching the engine', async () => {
    const backend = new DockerBackend({ endpoint: socketEndpoint(join(dir, 'missing.sock')), cliInstalled: true });
    await expect(backend.start('no-such-scenario')).rejects.toThrow(/unknown scenario/);
    expect(backend.status().phase).toBe('failed');
  });
});

describe('problem messages', () => {
  const endpoint = socketEndpoint('/var/run/docker.sock');

  it('explains permission denied on the socket with the docker group fix', () => {
    const problem = connectionProblem(Object.assign(new Error('connect EACCES'), { code: 'EACCES' }), {
      endpoint,
      platform: 'linux',
      cliInstalled: true,
    });
    expect(problem.kind).toBe('permission-denied');
    expect(problem.message).toMatch(/usermod -aG docker/);
  });

  it('explains a refused privileged container and a rootless engine', () => {
    const refused = labHostProblem(new Error('OCI runtime create failed: unable to apply caps: operation not permitted'), false);
    expect(refused.kind).toBe('privileged-not-allowed');
    expect(refused.message).toMatch(/Enhanced Container Isolation/);
    const rootless = labHostProblem(new Error('rootless engine'), true);
    expect(rootless.kind).toBe('privileged-not-allowed');
    expect(rootless.message).toMatch(/rootless/);
    expect(labHostProblem(new Error('no space left on device'), false).kind).toBe('lab-failed');
  });
});
