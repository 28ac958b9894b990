// Builds the article's lab through the daemon model (as `docker run` would).
import { createDockerHostWorld } from '../../../../src-main/core/sim/net/outside-world.js';
import { DockerDaemon } from '../../../../src-main/core/userspace/dockerd/daemon.js';

export function articleLab(seed = 7) {
  const env = createDockerHostWorld({ seed });
  const docker = new DockerDaemon(env.world, env.host);
  for (const name of ['c1', 'c2', 'c3']) {
    docker.start(docker.create({ image: 'lab/debian:bookworm', name, hostname: name, tty: true, interactive: true, detach: true }));
  }
  const web = docker.create({ image: 'lab/debian:bookworm', name: 'web', hostname: 'web', tty: true, interactive: true, detach: true, publish: ['172.16.211.128:81:80'] });
  docker.start(web);
  return { ...env, docker };
}
