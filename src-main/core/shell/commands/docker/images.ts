// `docker images`, `docker pull`, `docker version`, `docker info`.
import type { CommandContext } from '../../command.js';
import type { DockerDaemon } from '../../../userspace/dockerd/daemon.js';
import { DockerError } from '../../../userspace/dockerd/daemon.js';
import { findImage, parseReference, stableHex, type Image } from '../../../userspace/dockerd/images.js';
import { humanDuration } from '../../../userspace/dockerd/time.js';
import { executeTemplate, parseTemplate } from '../../../userspace/dockerd/template.js';
import { table } from './context.js';
import { parseFlags } from './flags.js';

const DAY_MS = 86_400_000;

export async function pullImage(ctx: CommandContext, daemon: DockerDaemon, image: Image): Promise<void> {
  const library = image.repository.includes('/') ? image.repository : `library/${image.repository}`;
  ctx.stdout.write(`${image.tag}: Pulling from ${library}\n`);
  for (let i = 0; i < image.layers; i++) {
    await ctx.clock.sleep(400);
    ctx.stdout.write(`${stableHex(image.id + i, 12)}: Pull complete\n`);
  }
  ctx.stdout.write(`Digest: sha256:${stableHex(image.id, 64)}\n`);
  ctx.stdout.write(`Status: Downloaded newer image for ${image.repository}:${image.tag}\n`);
  daemon.pulled.add(image);
}

export async function pull(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  const ref = args.find((a) => !a.startsWith('-'));
  if (!ref) {
    ctx.stderr.write('"docker pull" requires exactly 1 argument.\nSee \'docker pull --help\'.\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nPull an image or a repository from a registry\n');
    return 1;
  }
  const image = findImage(ref);
  if (!image) {
    const { repository } = parseReference(ref);
    throw new DockerError(`Error response from daemon: pull access denied for ${repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
  }
  if (!ref.includes(':')) ctx.stdout.write('Using default tag: latest\n');
  if (daemon.pulled.has(image)) {
    ctx.stdout.write(`${image.tag}: Pulling from ${image.repository.includes('/') ? image.repository : `library/${image.repository}`}\n`);
    ctx.stdout.write(`Digest: sha256:${stableHex(image.id, 64)}\nStatus: Image is up to date for ${image.repository}:${image.tag}\n`);
  } else {
    await pullImage(ctx, daemon, image);
  }
  const full = image.repository.includes('/') ? `docker.io/${image.repository}` : `docker.io/library/${image.repository}`;
  ctx.stdout.write(`${full}:${image.tag}\n`);
  return 0;
}

export async function images(ctx: CommandContext, daemon: DockerDaemon): Promise<number> {
  const rows = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']];
  for (const image of daemon.pulled) {
    rows.push([image.repository, image.tag, image.id.slice(0, 12), `${humanDuration(image.ageDays * DAY_MS)} ago`, image.size]);
  }
  ctx.stdout.write(table(rows));
  return 0;
}

// What `docker version --format` sees, in the API's field order (`{{json .}}` prints it so).
const BUILT = 'Tue Apr  4 18:18:53 2023';
const VERSION_INFO = {
  Client: { Platform: { Name: 'Docker Engine - Community' }, Version: '20.10.24', ApiVersion: '1.41', DefaultAPIVersion: '1.41', GitCommit: '297e128', GoVersion: 'go1.19.7', Os: 'linux', Arch: 'amd64', BuildTime: 'Tue Apr  4 18:21:03 2023', Context: 'default', Experimental: true },
  Server: {
    Platform: { Name: 'Docker Engine - Community' },
    Components: [
      { Name: 'Engine', Version: '20.10.24', Details: { ApiVersion: '1.41', Arch: 'amd64', BuildTime: BUILT, Experimental: 'false', GitCommit: '5d6db84', GoVersion: 'go1.19.7', KernelVersion: '5.15.0-89-generic', MinAPIVersion: '1.12', Os: 'linux' } },
      { Name: 'containerd', Version: '1.6.20', Details: { GitCommit: '2806fc1057397dbaeefbea0e4e17bddfbd388f38' } },
      { Name: 'runc', Version: '1.1.5', Details: { GitCommit: 'v1.1.5-0-gf19387a' } },
      { Name: 'docker-init', Version: '0.19.0', Details: { GitCommit: 'de40ad0' } },
    ],
    Version: '20.10.24',
    ApiVersion: '1.41',
    MinAPIVersion: '1.12',
    GitCommit: '5d6db84',
    GoVersion: 'go1.19.7',
    Os: 'linux',
    Arch: 'amd64',
    KernelVersion: '5.15.0-89-generic',
    BuildTime: '2023-04-04T18:18:53.000000000+00:00',
  },
};

// Go's struct field is `APIVersion` (what templates name), its JSON key `ApiVersion`: the field is not enumerable so `json` leaves it out.
for (const part of [VERSION_INFO.Client, VERSION_INFO.Server]) Object.defineProperty(part, 'APIVersion', { value: part.ApiVersion, enumerable: false });

export async function version(ctx: CommandContext, args: string[]): Promise<number> {
  const f = parseFlags(args, [{ long: 'format', short: 'f', value: true }], 'version', false);
  const format = f.values.get('format');
  if (format !== undefined) {
    ctx.stdout.write(`${executeTemplate(parseTemplate(format), VERSION_INFO)}\n`);
    return 0;
  }
  ctx.stdout.write(`Client: Docker Engine - Community
 Version:           20.10.24
 API version:       1.41
 Go version:        go1.19.7
 Git commit:        297e128
 Built:             Tue Apr  4 18:21:03 2023
 OS/Arch:           linux/amd64
 Context:           default
 Experimental:      true

Server: Docker Engine - Community
 Engine:
  Version:          20.10.24
  API version:      1.41 (minimum version 1.12)
  Go version:       go1.19.7
  Git commit:       5d6db84
  Built:            Tue Apr  4 18:18:53 2023
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          1.6.20
  GitCommit:        2806fc1057397dbaeefbea0e4e17bddfbd388f38
 runc:
  Version:          1.1.5
  GitCommit:        v1.1.5-0-gf19387a
 docker-init:
  Version:          0.19.0
  GitCommit:        de40ad0
`);
  return 0;
}

export async function info(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  const running = daemon.containers.filter((c) => c.status === 'running').length;
  const stopped = daemon.containers.filter((c) => c.status !== 'running').length;
  const format = parseFlags(args, [{ long: 'format', short: 'f', value: true }], 'info', false).values.get('format');
  if (format !== undefined) {
    // The fields of the engine's system info (types.Info) a template most often names.
    const fields = {
      Containers: daemon.containers.length,
      ContainersRunning: running,
      ContainersPaused: 0,
      ContainersStopped: stopped,
      Images: daemon.pulled.size,
      Driver: 'overlay2',
      LoggingDriver: 'json-file',
      CgroupDriver: 'systemd',
      CgroupVersion: '2',
      KernelVersion: '5.15.0-89-generic',
      OperatingSystem: 'Ubuntu 22.04.3 LTS',
      OSType: 'linux',
      Architecture: 'x86_64',
      NCPU: 2,
      Name: 'docker-host',
      ServerVersion: '20.10.24',
      DockerRootDir: '/var/lib/docker',
      DefaultRuntime: 'runc',
    };
    ctx.stdout.write(`${executeTemplate(parseTemplate(format), fields)}\n`);
    return 0;
  }
  ctx.stdout.write(`Client:
 Context:    default
 Debug Mode: false

Server:
 Containers: ${daemon.containers.length}
  Running: ${running}
  Paused: 0
  Stopped: ${stopped}
 Images: ${daemon.pulled.size}
 Server Version: 20.10.24
 Storage Driver: overlay2
  Backing Filesystem: extfs
 Logging Driver: json-file
 Cgroup Driver: systemd
 Cgroup Version: 2
 Plugins:
  Volume: local
  Network: bridge host ipvlan macvlan null overlay
  Log: awslogs fluentd gcplogs gelf journald json-file local logentries splunk syslog
 Swarm: inactive
 Runtimes: io.containerd.runc.v2 io.containerd.runtime.v1.linux runc
 Default Runtime: runc
 Kernel Version: 5.15.0-89-generic
 Operating System: Ubuntu 22.04.3 LTS
 OSType: linux
 Architecture: x86_64
 CPUs: 2
 Name: docker-host
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
 Registry: https://index.docker.io/v1/
 Live Restore Enabled: false
`);
  return 0;
}

// cspell:words extfs gcplogs gelf ipvlan logentries macvlan
