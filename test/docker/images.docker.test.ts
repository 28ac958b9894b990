// An image that can be neither found, built nor pulled (no registry here)
// fails the start with the image message, and leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { DockerBackend } from '../../src-main/node/docker/backend.js';
import { DEFAULT_IMAGES } from '../../src-main/node/docker/images.js';
import { DockerProblem } from '../../src-main/node/docker/problems.js';
import { docker } from './helpers.js';

describe('lab images', () => {
  it('explains an image that cannot be loaded or pulled, and leaves no lab host', async () => {
    const backend = new DockerBackend({ images: { labHost: 'docker-networking-explorer/missing:never', node: DEFAULT_IMAGES.node } });
    const error = await backend.start('article').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(DockerProblem);
    expect((error as DockerProblem).kind).toBe('image-unavailable');
    expect((error as DockerProblem).message).toMatch(/docker-networking-explorer\/missing:never could not be loaded or pulled.*build-images\.sh/);
    expect(backend.status()).toMatchObject({ phase: 'failed' });
    expect(backend.labHostId).toBeUndefined();
    // No lab host was created from the missing image (others may run on this engine).
    const containers = await docker.listContainers({ all: true });
    expect(containers.filter((c) => c.Image === 'docker-networking-explorer/missing:never')).toEqual([]);
  });
});
