// Finds the Docker Engine the way the docker CLI does: DOCKER_HOST, then
// DOCKER_CONTEXT or the current context in ~/.docker/config.json (whose
// endpoint lives in contexts/meta/<sha256(name)>/meta.json), then the
// platform's default socket. docker-modem reads DOCKER_HOST but not contexts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerOptions } from 'dockerode';

export interface EngineEndpoint {
  /** Where the endpoint came from, for messages: `DOCKER_HOST`, `context "desktop-linux"`, `default socket`. */
  source: string;
  /** The endpoint as the docker CLI writes it: unix:///var/run/docker.sock, tcp://host:2376, npipe:////./pipe/docker_engine. */
  host: string;
  options: DockerOptions;
}

export interface EngineEnvironment {
  env: Record<string, string | undefined>;
  home: string;
  platform: NodeJS.Platform;
  readFile(path: string): string;
}

const processEnvironment: EngineEnvironment = {
  env: process.env,
  home: homedir(),
  platform: process.platform,
  readFile: (path) => readFileSync(path, 'utf8'),
};

export function defaultHost(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';
}

export function findEngine(environment: EngineEnvironment = processEnvironment): EngineEndpoint {
  const { env } = environment;
  if (env.DOCKER_HOST) return endpoint('DOCKER_HOST', env.DOCKER_HOST, environment);
  const configDir = env.DOCKER_CONFIG || join(environment.home, '.docker');
  const context = env.DOCKER_CONTEXT || currentContext(configDir, environment);
  if (context && context !== 'default') {
    const host = contextHost(configDir, context, environment);
    if (host) return endpoint(`context "${context}"`, host, environment);
  }
  return endpoint('default socket', defaultHost(environment.platform), environment);
}

function currentContext(configDir: string, environment: EngineEnvironment): string | undefined {
  const config = readJson(join(configDir, 'config.json'), environment) as { currentContext?: unknown } | undefined;
  return typeof config?.currentContext === 'string' ? config.currentContext : undefined;
}

function contextHost(configDir: string, context: string, environment: EngineEnvironment): string | undefined {
  const digest = createHash('sha256').update(context).digest('hex');
  const meta = readJson(join(configDir, 'contexts', 'meta', digest, 'meta.json'), environment) as
    | { Endpoints?: { docker?: { Host?: unknown } } }
    | undefined;
  const host = meta?.Endpoints?.docker?.Host;
  return typeof host === 'string' && host ? host : undefined;
}

function readJson(path: string, environment: EngineEnvironment): unknown {
  try {
    return JSON.parse(environment.readFile(path));
  } catch {
    return undefined; // a missing or unreadable file means "not configured", as for the CLI
  }
}

function endpoint(source: string, host: string, environment: EngineEnvironment): EngineEndpoint {
  return { source, host, options: dockerOptions(host, environment) };
}

/** Turns an endpoint URL into dockerode options. */
export function dockerOptions(host: string, environment: EngineEnvironment): DockerOptions {
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  if (host.startsWith('npipe://')) return { socketPath: host.slice('npipe://'.length).replace(/\//g, '\\') };
  const url = new URL(host);
  if (url.protocol === 'ssh:') {
    return {
      protocol: 'ssh',
      host: url.hostname,
      port: url.port ? Number(url.port) : 22,
      username: url.username || undefined,
    };
  }
  const { env } = environment;
  const tls = Boolean(env.DOCKER_TLS_VERIFY) || url.port === '2376';
  const options: DockerOptions = {
    protocol: tls ? 'https' : 'http',
    host: url.hostname,
    port: url.port ? Number(url.port) : tls ? 2376 : 2375,
  };
  if (tls && env.DOCKER_CERT_PATH) {
    const certs = env.DOCKER_CERT_PATH;
    options.ca = environment.readFile(join(certs, 'ca.pem'));
    options.cert = environment.readFile(join(certs, 'cert.pem'));
    options.key = environment.readFile(join(certs, 'key.pem'));
  }
  return options;
}
