// The lab's two images. Offline (CI, this project's machines) they are built
// with scripts/docker/build-images.sh; where a registry is reachable and they
// are missing, the engine builds them from these Dockerfiles (pulling the
// Debian base images with a progress bar). Same packages as the script.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { imageProblem } from './problems.js';

export interface LabImages {
  /** The lab host: Debian 11 with Docker 20.10, iptables 1.8.7 and the learner's tools. */
  labHost: string;
  /** c1, c2, c3 and web. */
  node: string;
}

export const DEFAULT_IMAGES: LabImages = {
  labHost: 'docker-networking-explorer/labhost:bullseye.2',
  node: 'docker-networking-explorer/node:bookworm',
};

export const IMAGE_LABEL = 'com.docker-networking-explorer.image';

export type ProgressReporter = (step: string, fraction?: number) => void;

const TOOLS = 'iproute2 iputils-ping python3 curl procps tcpdump jq iptables ca-certificates less';

function dockerfile(base: string, packages: string): string {
  return `FROM ${base}
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages} \\
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* /usr/share/info/* /usr/share/locale/* \\
 && update-alternatives --set iptables /usr/sbin/iptables-legacy \\
 && update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy \\
 && sed -i '/^loopback\\b/d' /etc/networks
LABEL ${IMAGE_LABEL}=1
CMD ["bash"]
`;
}

/** Dockerfiles for the default images, by image name. */
export const RECIPES: Record<string, string> = {
  [DEFAULT_IMAGES.labHost]: dockerfile('debian:bullseye', `${TOOLS} docker.io util-linux kmod conntrack netcat-openbsd`),
  [DEFAULT_IMAGES.node]: dockerfile('debian:bookworm', `${TOOLS} python-is-python3`),
};

interface ProgressEvent {
  status?: string;
  stream?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
}

function follow(docker: Dockerode, stream: NodeJS.ReadableStream, onEvent: (event: ProgressEvent) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null, output: ProgressEvent[]) => {
        const failed = err ?? output.find((o) => o.error);
        if (failed) reject(failed instanceof Error ? failed : new Error(failed.error));
        else resolve();
      },
      onEvent,
    );
  });
}

async function build(docker: Dockerode, image: string, recipe: string, progress: ProgressReporter): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'dne-image-'));
  try {
    await writeFile(join(dir, 'Dockerfile'), recipe);
    const stream = await docker.buildImage({ context: dir, src: ['Dockerfile'] }, { t: image, pull: true, labels: { [IMAGE_LABEL]: '1' } });
    await follow(docker, stream, (event) => {
      const line = (event.stream ?? event.status ?? '').trim();
      if (line) progress(`Building ${image}: ${line}`);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function pull(docker: Dockerode, image: string, progress: ProgressReporter): Promise<void> {
  const stream = await docker.pull(image);
  await follow(docker, stream, (event) => {
    const { current, total } = event.progressDetail ?? {};
    progress(`Pulling ${image}: ${event.status ?? ''}`, current && total ? current / total : undefined);
  });
}

/** Makes sure the engine has an image: present already, else built from its recipe or pulled, with progress. */
export async function ensureImage(docker: Dockerode, image: string, progress: ProgressReporter): Promise<void> {
  try {
    await docker.getImage(image).inspect();
    return;
  } catch {
    // not present: make it
  }
  try {
    const recipe = RECIPES[image];
    if (recipe) await build(docker, image, recipe, progress);
    else await pull(docker, image, progress);
  } catch (err) {
    throw imageProblem(image, err);
  }
}
