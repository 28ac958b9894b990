// The one container that holds a whole real lab: its own dockerd (docker0,
// iptables, c1..web), the lab network and the outside hosts. Everything the
// app creates carries LAB_LABEL; cleanup finds things by that label only.
import type Dockerode from 'dockerode';
import { execIn, type ExecOptions, type ExecResult } from './exec.js';
import { networkScript, stepCommand, tagImageScript, WAIT_FOR_DOCKERD, WAIT_FOR_PUBLISHED_PORTS } from './lab-setup.js';
import type { LabPlan } from './lab-plan.js';
import { imageProblem, labHostProblem } from './problems.js';
import { RC_PATH, SHELL_RC } from './shell-rc.js';

export const LAB_LABEL = 'com.docker-networking-explorer.lab';
export const SCENARIO_LABEL = 'com.docker-networking-explorer.scenario';
export const CREATED_LABEL = 'com.docker-networking-explorer.created';

export interface LabImages {
  /** The lab host: Debian with Docker Engine and the learner's tools. */
  labHost: string;
  /** c1, c2, c3 and web. */
  node: string;
}

export const DEFAULT_IMAGES: LabImages = {
  labHost: 'docker-networking-explorer/labhost:bookworm',
  node: 'docker-networking-explorer/node:bookworm',
};

export interface LeftoverLab {
  id: string;
  name: string;
  scenario: string;
  state: string;
  created: string;
}

export type ProgressReporter = (step: string, fraction?: number) => void;

/** Lab host containers left by an earlier run (a crash, a killed app), or by another window. */
export async function findLabHosts(docker: Dockerode): Promise<LeftoverLab[]> {
  const containers = await docker.listContainers({ all: true, filters: { label: [LAB_LABEL] } });
  return containers.map((c) => ({
    id: c.Id,
    name: (c.Names[0] ?? '').replace(/^\//, ''),
    scenario: c.Labels[SCENARIO_LABEL] ?? '',
    state: c.State,
    created: c.Labels[CREATED_LABEL] ?? new Date(c.Created * 1000).toISOString(),
  }));
}

/** Removes lab hosts by id, refusing any container that does not carry the app's label. */
export async function removeLabHosts(docker: Dockerode, ids: string[]): Promise<void> {
  await Promise.all(
    ids.map(async (id) => {
      const container = docker.getContainer(id);
      const info = await container.inspect().catch(() => undefined);
      if (!info || info.Config.Labels?.[LAB_LABEL] === undefined) return;
      await container.remove({ force: true, v: true });
    }),
  );
}

/** Makes sure the engine has an image: present already, or pulled with progress. */
export async function ensureImage(docker: Dockerode, image: string, progress: ProgressReporter): Promise<void> {
  try {
    await docker.getImage(image).inspect();
    return;
  } catch {
    // not present: try a registry
  }
  try {
    const stream = await docker.pull(image);
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (err: Error | null, output: Array<{ error?: string }>) => {
          const failed = err ?? output.find((o) => o.error);
          if (failed) reject(failed instanceof Error ? failed : new Error(failed.error));
          else resolve();
        },
        (event: { status?: string; progressDetail?: { current?: number; total?: number }; error?: string }) => {
          const { current, total } = event.progressDetail ?? {};
          progress(`Pulling ${image}: ${event.status ?? ''}`, current && total ? current / total : undefined);
        },
      );
    });
  } catch (err) {
    throw imageProblem(image, err);
  }
}

export class LabHost {
  private constructor(
    readonly docker: Dockerode,
    readonly container: Dockerode.Container,
    readonly plan: LabPlan,
  ) {}

  get id(): string {
    return this.container.id;
  }

  static async create(
    docker: Dockerode,
    plan: LabPlan,
    images: LabImages,
    options: { rootless: boolean; progress: ProgressReporter },
  ): Promise<LabHost> {
    const { progress } = options;
    const hostConfig: Dockerode.HostConfig & { CgroupnsMode: 'host' } = {
      Init: true,
      // Keeps the inner docker0 on the article's 172.17.0.0/16: on the outer default network it would clash and move.
      NetworkMode: 'none',
      CgroupnsMode: 'host',
      Binds: ['/sys/fs/cgroup:/sys/fs/cgroup:rw'],
      // What --privileged grants, spelled out: it also works where root lacks CAP_SYS_RESOURCE.
      CapAdd: ['ALL'],
      CapDrop: ['SYS_RESOURCE'],
      SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
      MaskedPaths: [],
      ReadonlyPaths: [],
      Tmpfs: { '/var/lib/docker': 'exec' },
      // As on a fresh host: dockerd turns forwarding on itself and so sets the FORWARD policy to DROP.
      Sysctls: { 'net.ipv4.ip_forward': '0' },
    };
    let container: Dockerode.Container;
    try {
      container = await docker.createContainer({
        Image: images.labHost,
        Hostname: plan.hostname,
        Labels: { [LAB_LABEL]: '1', [SCENARIO_LABEL]: plan.scenario, [CREATED_LABEL]: new Date().toISOString() },
        Cmd: ['dockerd', '--bip', plan.bridgeCidr],
        WorkingDir: '/root',
        HostConfig: hostConfig,
      });
    } catch (err) {
      throw labHostProblem(err, options.rootless);
    }
    const host = new LabHost(docker, container, plan);
    try {
      await container.start();
    } catch (err) {
      await host.remove();
      throw labHostProblem(err, options.rootless);
    }
    try {
      progress('Starting the lab host\'s Docker engine', 0.3);
      await host.mustRun(['bash', '-c', WAIT_FOR_DOCKERD]);
      progress(`Loading ${images.node} into the lab host`, 0.45);
      await host.loadImage(images.node);
      progress('Building the lab network', 0.7);
      await host.mustRun(['bash', '-c', `cat > ${RC_PATH}`], { stdin: SHELL_RC });
      await host.mustRun(['bash', '-c', networkScript(plan)]);
      await host.mustRun(['bash', '-c', tagImageScript(plan, images.node)]);
      progress('Starting the containers', 0.8);
      for (const step of plan.steps) await host.mustRun(stepCommand(plan, step));
      await host.mustRun(['bash', '-c', WAIT_FOR_PUBLISHED_PORTS]);
    } catch (err) {
      await host.remove();
      throw err;
    }
    return host;
  }

  /** Copies an image from the outer engine into the lab host's engine (no registry needed). */
  private async loadImage(image: string): Promise<void> {
    try {
      const tar = await this.docker.getImage(image).get();
      await this.mustRun(['docker', 'load', '-q'], { stdin: tar });
    } catch (err) {
      throw imageProblem(image, err);
    }
  }

  run(cmd: string[], options?: ExecOptions): Promise<ExecResult> {
    return execIn(this.container, cmd, options);
  }

  async mustRun(cmd: string[], options?: ExecOptions): Promise<ExecResult> {
    const result = await this.run(cmd, options);
    if (result.exitCode !== 0) {
      const shown = cmd.join(' ').slice(0, 120);
      throw new Error(`lab host: \`${shown}\` exited with ${result.exitCode}: ${(result.stderr || result.stdout).trim()}`);
    }
    return result;
  }

  async running(): Promise<boolean> {
    try {
      return (await this.container.inspect()).State.Running;
    } catch {
      return false;
    }
  }

  async remove(): Promise<void> {
    await removeLabHosts(this.docker, [this.container.id]);
  }
}
