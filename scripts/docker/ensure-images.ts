// `npx tsx scripts/docker/ensure-images.ts`: builds the lab's two images from
// their Dockerfiles (src-main/node/docker/images.ts) where a registry is
// reachable, as GitHub's runners are; build-images.sh does it offline.
import Docker from 'dockerode';
import { findEngine } from '../../src-main/node/docker/engine.js';
import { DEFAULT_IMAGES, ensureImage } from '../../src-main/node/docker/images.js';

const docker = new Docker(findEngine().options);
let last = '';
for (const image of [DEFAULT_IMAGES.labHost, DEFAULT_IMAGES.node]) {
  await ensureImage(docker, image, (step) => {
    if (step !== last) console.log(step);
    last = step;
  });
  console.log(`ready: ${image}`);
}
