// What can stop the real lab, each with a message that says how to fix it.
// The app keeps the simulated lab available in every case.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { EngineEndpoint } from './engine.js';

export type DockerProblemKind =
  | 'not-installed'
  | 'not-running'
  | 'permission-denied'
  | 'privileged-not-allowed'
  | 'image-unavailable'
  | 'engine-stopped'
  | 'lab-failed';

const SIMULATOR_NOTE = 'The simulated lab is still available: switch the backend to "Simulated" to keep going.';

export class DockerProblem extends Error {
  constructor(
    readonly kind: DockerProblemKind,
    readonly summary: string,
    readonly fix: string,
    readonly detail?: string,
  ) {
    super(`${summary} ${fix}${detail ? ` (${detail})` : ''} ${SIMULATOR_NOTE}`);
    this.name = 'DockerProblem';
  }
}

export interface ProblemContext {
  endpoint: EngineEndpoint;
  platform: NodeJS.Platform;
  /** True when a `docker` program is on PATH. */
  cliInstalled: boolean;
}

export function dockerCliInstalled(path = process.env.PATH ?? '', platform = process.platform): boolean {
  const names = platform === 'win32' ? ['docker.exe'] : ['docker'];
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) =>
      names.some((name) => {
        try {
          accessSync(join(dir, name), constants.X_OK);
          return true;
        } catch {
          return false;
        }
      }),
    );
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

const startDaemonFix: Record<string, string> = {
  linux: 'Start it with `sudo systemctl start docker` (or run `sudo dockerd &`), then try again.',
  darwin: 'Open Docker Desktop and wait until it says "Engine running", then try again.',
  win32: 'Open Docker Desktop and wait until it says "Engine running", then try again.',
};

const installFix: Record<string, string> = {
  linux: 'Install Docker Engine (`sudo apt-get install docker.io` on Debian and Ubuntu, or see https://docs.docker.com/engine/install/), start it, then try again.',
  darwin: 'Install Docker Desktop from https://docs.docker.com/desktop/, start it, then try again.',
  win32: 'Install Docker Desktop from https://docs.docker.com/desktop/, start it, then try again.',
};

/** Explains a failure to reach the engine (ping, info, or any first request). */
export function connectionProblem(err: unknown, context: ProblemContext): DockerProblem {
  const code = errorCode(err);
  const where = `${context.endpoint.host} (${context.endpoint.source})`;
  const platformFix = (table: Record<string, string>) => table[context.platform] ?? table.linux;
  if (code === 'EACCES' || code === 'EPERM') {
    return new DockerProblem(
      'permission-denied',
      `Permission denied on the Docker socket ${where}.`,
      context.platform === 'linux'
        ? 'Add yourself to the docker group (`sudo usermod -aG docker $USER`), log out and in again, then try again.'
        : 'Check that your user may use Docker Desktop, then try again.',
      code,
    );
  }
  const missingSocket = code === 'ENOENT' && context.endpoint.source === 'default socket';
  if (missingSocket && !context.cliInstalled) {
    return new DockerProblem('not-installed', 'Docker is not installed on this computer.', platformFix(installFix), code);
  }
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH') {
    return new DockerProblem(
      'not-running',
      `The Docker engine is not running: nothing answers at ${where}.`,
      context.endpoint.source === 'default socket'
        ? platformFix(startDaemonFix)
        : `Start the engine behind ${context.endpoint.source}, or unset it to use the default socket, then try again.`,
      code,
    );
  }
  return new DockerProblem(
    'not-running',
    `The Docker engine at ${where} did not answer.`,
    `Check that \`docker info\` works in a terminal, then try again.`,
    errorText(err),
  );
}

/** Explains a lab host that could not be created or started. */
export function labHostProblem(err: unknown, rootless: boolean): DockerProblem {
  const text = errorText(err);
  if (rootless || /operation not permitted|privileged|unable to apply caps|cap_|seccomp|apparmor/i.test(text)) {
    return new DockerProblem(
      'privileged-not-allowed',
      rootless
        ? 'This Docker engine runs rootless, and the lab needs a container with full network privileges (its own Docker engine, iptables and namespaces).'
        : 'This Docker engine does not allow the privileged container the lab needs (its own Docker engine, iptables and namespaces).',
      'Use a rootful Docker Engine, or in Docker Desktop turn off Enhanced Container Isolation (Settings > General), then try again.',
      text,
    );
  }
  return new DockerProblem('lab-failed', 'The lab host container could not be started.', 'Check `docker info` and the engine log, then try again.', text);
}

export function imageProblem(image: string, err: unknown): DockerProblem {
  return new DockerProblem(
    'image-unavailable',
    `The lab image ${image} could not be loaded or pulled.`,
    `Build it with \`sudo scripts/docker/build-images.sh\`, or connect to a network where its registry is reachable, then try again.`,
    errorText(err),
  );
}

export function engineStoppedProblem(endpoint: EngineEndpoint): DockerProblem {
  return new DockerProblem(
    'engine-stopped',
    `The Docker engine at ${endpoint.host} stopped during the lesson, or the lab host container was removed.`,
    'Start Docker again and press "Reset lab" to build a fresh lab.',
  );
}
