// The one container that holds a whole real lab: its own dockerd (docker0,
// iptables, c1..web), the lab network and the outside hosts. Everything the
// app creates carries LAB_LABEL; cleanup finds things by that label only.
import type Dockerode from 'dockerode';
import { savedImage } from './image-cache.js';
import type { LabImages, ProgressReporter } from './images.js';
import { execIn, type ExecOptions, type ExecResult } from './exec.js';
import { networkScript, stepCommand, tagImageScript, WAIT_FOR_DOCKERD, WAIT_FOR_PUBLISHED_PORTS } from './lab-setup.js';
import type { LabPlan } from './lab-plan.js';
import { imageProblem, labHostProblem } from './problems.js';
import { labHostReaper, OWNER_LABEL, TAG_LABEL } from './reaper.js';
import { RC_PATH, SHELL_RC } from './shell-rc.js';
import type { LeftoverLab } from '../../core/api/lab.js';

export const LAB_LABEL = 'com.docker-networking-explorer.lab';
export const SCENARIO_LABEL = 'com.docker-networking-explorer.scenario';
export const CREATED_LABEL = 'com.docker-networking-explorer.created';
/** The backend instance that made a lab host: its own are never leftovers. */
export const SESSION_LABEL = 'com.docker-networking-explorer.session';

export interface LabHostOptions {
  engine: EngineTraits;
  progress: ProgressReporter;
  session: string;
  imageCache?: string;
  /** Asked once the container exists and once it runs: true when its backend was disposed meanwhile. */
  cancelled?: () => boolean;
}

/** What the outer engine is like, from `docker info`. */
export interface EngineTraits {
  rootless: boolean;
  cgroupVersion: string;
}

/**
 * On cgroup v2 the lab host first moves itself into a child cgroup and
 * delegates the controllers, so the inner dockerd can create its own (as the
 * official docker:dind entrypoint does), then becomes dockerd ("$@").
 */
const CGROUP_V2_ENTRY = `mount -o remount,rw /sys/fs/cgroup 2>/dev/null || true
mkdir -p /sys/fs/cgroup/init
xargs -rn1 < /sys/fs/cgroup/cgroup.procs > /sys/fs/cgroup/init/cgroup.procs 2>/dev/null || true
sed -e 's/ / +/g' -e 's/^/+/' < /sys/fs/cgroup/cgroup.controllers > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
exec "$@"`;

export interface LabHostInfo extends LeftoverLab {
  session: string;
  /** `host/pid` of the process that made it; empty on lab hosts from before the label existed. */
  owner: string;
  tag: string;
}

/** Every lab host container on the engine, with what tells a live one from a leftover; `tag` narrows to DNE_LAB_TAG's. */
export async function findLabHosts(docker: Dockerode, tag?: string): Promise<LabHostInfo[]> {
  const label = tag === undefined ? [LAB_LABEL] : [LAB_LABEL, `${TAG_LABEL}=${tag}`];
  const containers = await docker.listContainers({ all: true, size: true, filters: { label } });
  return containers.map((c) => ({
    id: c.Id,
    name: (c.Names[0] ?? '').replace(/^\//, ''),
    scenario: c.Labels[SCENARIO_LABEL] ?? '',
    state: c.State,
    created: c.Labels[CREATED_LABEL] ?? new Date(c.Created * 1000).toISOString(),
    sizeBytes: (c as { SizeRw?: number }).SizeRw ?? 0,
    session: c.Labels[SESSION_LABEL] ?? '',
    owner: c.Labels[OWNER_LABEL] ?? '',
    tag: c.Labels[TAG_LABEL] ?? '',
  }));
}

/** Ids of the lab hosts one backend instance made (SESSION_LABEL), whatever their state. */
export async function sessionLabHosts(docker: Dockerode, session: string): Promise<string[]> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${SESSION_LABEL}=${session}`] } });
  return containers.map((c) => c.Id);
}

/** Removes lab hosts by id, refusing any container that does not carry the app's label. */
export async function removeLabHosts(docker: Dockerode, ids: string[]): Promise<void> {
  await Promise.all(
    ids.map(async (id) => {
      const container = docker.getContainer(id);
      const info = await container.inspect().catch(() => undefined);
      if (!info || info.Config.Labels?.[LAB_LABEL] === undefined) return;
      await container.remove({ force: true, v: true }).catch((err: { statusCode?: number }) => {
        // Gone already (404), or another removal of it is under way (409): wait until it is gone.
        if (err.statusCode === 404) return;
        if (err.statusCode === 409) return container.wait({ condition: 'removed' }).catch(() => {});
        throw err;
      });
      labHostReaper.forget(id);
    }),
  );
}

export class LabHost {
  private constructor(
    readonly docker: Dockerode,
    readonly container: Dockerode.Container,
  ) {}

  get id(): string {
    return this.container.id;
  }

  /** A lab host running the plan's scenario. */
  static async create(docker: Dockerode, plan: LabPlan, images: LabImages, options: LabHostOptions): Promise<LabHost> {
    const host = await LabHost.prepare(docker, plan, images, options);
    await host.runScenario(plan, options.progress);
    return host;
  }

  /** A lab host with its engine, the container image and the lab network, before any scenario step. */
  static async prepare(docker: Dockerode, plan: LabPlan, images: LabImages, options: LabHostOptions): Promise<LabHost> {
    const { progress } = options;
    const cgroupV2 = options.engine.cgroupVersion === '2';
    const hostConfig: Dockerode.HostConfig & { CgroupnsMode: 'host' | 'private' } = {
      Init: true,
      // Keeps the inner docker0 on the article's 172.17.0.0/16: on the outer default network it would clash and move.
      NetworkMode: 'none',
      // cgroup v1: the inner dockerd needs the host's hierarchy writable. v2: a private one (see LAB_HOST_ENTRY).
      CgroupnsMode: cgroupV2 ? 'private' : 'host',
      Binds: cgroupV2 ? [] : ['/sys/fs/cgroup:/sys/fs/cgroup:rw'],
      // What --privileged grants, spelled out: it also works where root lacks CAP_SYS_RESOURCE.
      CapAdd: ['ALL'],
      CapDrop: ['SYS_RESOURCE'],
      SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
      MaskedPaths: [],
      ReadonlyPaths: [],
      Tmpfs: { '/var/lib/docker': 'exec' },
      // As on a fresh host: dockerd turns forwarding on itself and so sets the FORWARD policy to DROP;
      // IPv6 on, as a host has it (link-local addresses, ::1), where Docker would turn it off in a container.
      // Links made later send no duplicate address probes nor router solicitations (see networkScript).
      Sysctls: {
        'net.ipv4.ip_forward': '0',
        'net.ipv6.conf.all.disable_ipv6': '0',
        'net.ipv6.conf.default.disable_ipv6': '0',
        'net.ipv6.conf.default.dad_transmits': '0',
        'net.ipv6.conf.default.router_solicitations': '0',
        // Nor IGMP reports for link-local groups (the router discovery group a bridge joins as it comes up).
        'net.ipv4.igmp_link_local_mcast_reports': '0',
      },
    };
    let container: Dockerode.Container;
    try {
      container = await labHostReaper.create(docker, {
        Image: images.labHost,
        Hostname: plan.hostname,
        Labels: {
          [LAB_LABEL]: '1',
          [SCENARIO_LABEL]: plan.scenario,
          [CREATED_LABEL]: new Date().toISOString(),
          [SESSION_LABEL]: options.session,
        },
        // The lab network first, so ens160 comes before docker0 in the link list as on the article's host.
        Cmd: ['sh', '-c', `${networkScript(plan)}\nexec "$@"`, 'lab-host', ...(cgroupV2 ? ['sh', '-c', CGROUP_V2_ENTRY, 'lab-host'] : []), 'dockerd', '--bip', plan.bridgeCidr],
        WorkingDir: '/root',
        HostConfig: hostConfig,
      });
    } catch (err) {
      throw labHostProblem(err, options.engine.rootless);
    }
    const host = new LabHost(docker, container);
    const cancelled = new Error('The lab was closed while its lab host was being prepared.');
    try {
      if (options.cancelled?.()) throw cancelled;
      await container.start();
      if (options.cancelled?.()) throw cancelled;
    } catch (err) {
      await host.remove();
      throw err === cancelled ? err : labHostProblem(err, options.engine.rootless);
    }
    try {
      progress('Starting the lab host\'s Docker engine', 0.3);
      await host.waitForDockerd();
      progress(`Loading ${images.node} into the lab host and building the lab network`, 0.45);
      await Promise.all([
        host.loadImage(images.node, options.imageCache),
        host.mustRun(['bash', '-c', `cat > ${RC_PATH}`], { stdin: SHELL_RC }),
      ]);
      await host.mustRun(['bash', '-c', tagImageScript(plan, images.node)]);
    } catch (err) {
      await host.remove();
      throw err;
    }
    return host;
  }

  /** Runs a scenario's steps on a prepared lab host; removes the lab host if one fails. */
  async runScenario(plan: LabPlan, progress: ProgressReporter): Promise<void> {
    try {
      progress('Starting the containers', 0.8);
      for (const step of plan.steps) await this.mustRun(stepCommand(plan, step));
      await this.mustRun(['bash', '-c', WAIT_FOR_PUBLISHED_PORTS]);
    } catch (err) {
      await this.remove();
      throw err;
    }
  }

  private async waitForDockerd(): Promise<void> {
    const waited = await this.run(['bash', '-c', WAIT_FOR_DOCKERD]);
    if (waited.exitCode === 0) return;
    const log = await this.container.logs({ stdout: true, stderr: true, tail: 20 });
    throw new Error(`The lab host's own Docker engine did not start:\n${log.toString('utf8').replace(/[\x00-\x08]/g, '')}`);
  }

  /** Copies an image from the outer engine into the lab host's engine (no registry needed). */
  private async loadImage(image: string, cacheDir?: string): Promise<void> {
    try {
      await this.mustRun(['docker', 'load', '-q'], { stdin: await savedImage(this.docker, image, cacheDir) });
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
