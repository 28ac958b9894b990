// `docker save` archives of the lab's container image, kept on disk by image
// id: every lab host loads the image, and reading a file is faster than
// having the engine export the image again on each start and reset.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type Dockerode from 'dockerode';

export const DEFAULT_IMAGE_CACHE = join(tmpdir(), 'docker-networking-explorer-images');

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** A stream of the image's `docker save` archive, from the cache (written on first use). */
export async function savedImage(docker: Dockerode, image: string, cacheDir = DEFAULT_IMAGE_CACHE): Promise<NodeJS.ReadableStream> {
  const { Id } = await docker.getImage(image).inspect();
  const file = join(cacheDir, `${Id.replace(/[^a-zA-Z0-9]+/g, '-')}.tar`);
  if (!(await exists(file))) {
    await mkdir(cacheDir, { recursive: true });
    // Archives of older builds are never read again.
    for (const old of await readdir(cacheDir)) {
      if (old.endsWith('.tar')) await rm(join(cacheDir, old), { force: true });
    }
    const partial = `${file}.${randomUUID()}.partial`;
    try {
      await pipeline(await docker.getImage(image).get(), createWriteStream(partial));
      await rename(partial, file);
    } finally {
      await rm(partial, { force: true });
    }
  }
  return createReadStream(file);
}
