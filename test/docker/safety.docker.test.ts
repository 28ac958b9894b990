// The app must never touch what it did not create: a container, a network and
// an image made here (without the app's label) exist before a lab session,
// a reset, a leftover cleanup and a dispose, and are unchanged after them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerBackend } from '../../src-main/node/docker/backend.js';
import { LAB_LABEL, removeLabHosts } from '../../src-main/node/docker/lab-host.js';
import { docker, labHostIds } from './helpers.js';

const IMAGE = 'dne-safety-test/bystander:1';
const NETWORK = 'dne-safety-test-net';
const CONTAINER = 'dne-safety-test-bystander';
// A look-alike label: cleanup must match the app's label key exactly, not a prefix.
const LOOKALIKE_LABEL = `${LAB_LABEL}-notes`;

interface Fingerprint {
  containerId: string;
  containerStartedAt: string;
  containerRunning: boolean;
  networkId: string;
  imageId: string;
}

async function fingerprint(): Promise<Fingerprint> {
  const container = await docker.getContainer(CONTAINER).inspect();
  const network = await docker.getNetwork(NETWORK).inspect();
  const image = await docker.getImage(IMAGE).inspect();
  return {
    containerId: container.Id,
    containerStartedAt: container.State.StartedAt,
    containerRunning: container.State.Running,
    networkId: network.Id,
    imageId: image.Id,
  };
}

function cleanupBystanders(): void {
  spawnSync('docker', ['rm', '-f', CONTAINER], { stdio: 'ignore' });
  spawnSync('docker', ['network', 'rm', NETWORK], { stdio: 'ignore' });
  spawnSync('docker', ['rmi', '-f', IMAGE], { stdio: 'ignore' });
}

let before: Fingerprint;

beforeAll(async () => {
  cleanupBystanders();
  // A tiny image of our own, built offline from busybox-static.
  const root = mkdtempSync(join(tmpdir(), 'dne-safety-'));
  mkdirSync(join(root, 'bin'));
  copyFileSync('/bin/busybox', join(root, 'bin/busybox'));
  for (const tool of ['sh', 'sleep']) symlinkSync('busybox', join(root, 'bin', tool));
  const built = spawnSync('sh', ['-c', `tar -C ${root} -c . | docker import -c 'CMD ["sleep","3600"]' - ${IMAGE}`], { encoding: 'utf8' });
  rmSync(root, { recursive: true, force: true });
  expect(built.status, built.stderr).toBe(0);
  await docker.createNetwork({ Name: NETWORK, Driver: 'bridge' });
  const container = await docker.createContainer({
    name: CONTAINER,
    Image: IMAGE,
    Labels: { [LOOKALIKE_LABEL]: '1' },
    HostConfig: { NetworkMode: NETWORK },
  });
  await container.start();
  before = await fingerprint();
});

afterAll(cleanupBystanders);

describe('what the app did not create', () => {
  it('is untouched by a lab session, a reset, leftover cleanup and dispose', async () => {
    const backend = new DockerBackend();
    await backend.start('article');
    const first = backend.labHostId;
    expect(await labHostIds()).toContain(first);
    await backend.reset();
    const second = backend.labHostId;
    // Asked to clean up a foreign container as if it were a leftover lab, the backend refuses.
    await backend.removeLeftoverLabs([before.containerId]);
    await backend.dispose();
    const remaining = await labHostIds();
    expect(remaining).not.toContain(first);
    expect(remaining).not.toContain(second);
    expect(await fingerprint()).toEqual(before);
    expect(before.containerRunning).toBe(true);
  });

  it('is refused by lab host removal even when asked for by id', async () => {
    await removeLabHosts(docker, [before.containerId]);
    expect(await fingerprint()).toEqual(before);
  });
});
