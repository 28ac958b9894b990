import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findEngine, type EngineEnvironment } from '../../../../src-main/node/docker/engine.js';

function environment(env: Record<string, string>, files: Record<string, string> = {}, platform: NodeJS.Platform = 'linux'): EngineEnvironment {
  return {
    env,
    home: '/home/ada',
    platform,
    readFile: (path) => {
      if (path in files) return files[path];
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
  };
}

const metaPath = (name: string) =>
  `/home/ada/.docker/contexts/meta/${createHash('sha256').update(name).digest('hex')}/meta.json`;

describe('findEngine', () => {
  it('uses the default socket when nothing is configured', () => {
    const engine = findEngine(environment({}));
    expect(engine.source).toBe('default socket');
    expect(engine.options).toEqual({ socketPath: '/var/run/docker.sock' });
  });

  it('uses the named pipe on Windows', () => {
    const engine = findEngine(environment({}, {}, 'win32'));
    expect(engine.host).toBe('npipe:////./pipe/docker_engine');
    expect(engine.options.socketPath).toBe('\\\\.\\pipe\\docker_engine');
  });

  it('prefers DOCKER_HOST over the current context', () => {
    const files = { '/home/ada/.docker/config.json': JSON.stringify({ currentContext: 'desktop-linux' }) };
    const engine = findEngine(environment({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, files));
    expect(engine.source).toBe('DOCKER_HOST');
    expect(engine.options).toEqual({ socketPath: '/run/user/1000/docker.sock' });
  });

  it("follows the current context to its endpoint in the context's meta.json", () => {
    const files = {
      '/home/ada/.docker/config.json': JSON.stringify({ currentContext: 'desktop-linux' }),
      [metaPath('desktop-linux')]: JSON.stringify({
        Name: 'desktop-linux',
        Endpoints: { docker: { Host: 'unix:///home/ada/.docker/desktop/docker.sock' } },
      }),
    };
    const engine = findEngine(environment({}, files));
    expect(engine.source).toBe('context "desktop-linux"');
    expect(engine.options).toEqual({ socketPath: '/home/ada/.docker/desktop/docker.sock' });
  });

  it('lets DOCKER_CONTEXT choose the context and DOCKER_CONFIG the config folder', () => {
    const files = {
      [`/etc/dockercfg/contexts/meta/${createHash('sha256').update('remote').digest('hex')}/meta.json`]: JSON.stringify({
        Endpoints: { docker: { Host: 'tcp://10.0.0.5:2375' } },
      }),
    };
    const engine = findEngine(environment({ DOCKER_CONTEXT: 'remote', DOCKER_CONFIG: '/etc/dockercfg' }, files));
    expect(engine.options).toEqual({ protocol: 'http', host: '10.0.0.5', port: 2375 });
  });

  it('treats the "default" context and a context without meta.json as the default socket', () => {
    const config = (name: string) => ({ '/home/ada/.docker/config.json': JSON.stringify({ currentContext: name }) });
    expect(findEngine(environment({}, config('default'))).source).toBe('default socket');
    expect(findEngine(environment({}, config('gone'))).source).toBe('default socket');
  });

  it('reads TLS material for tcp endpoints with DOCKER_TLS_VERIFY', () => {
    const files = { '/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY' };
    const engine = findEngine(environment({ DOCKER_HOST: 'tcp://dockerbox:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, files));
    expect(engine.options).toEqual({ protocol: 'https', host: 'dockerbox', port: 2376, ca: 'CA', cert: 'CERT', key: 'KEY' });
  });

  it('passes ssh endpoints to dockerode as ssh', () => {
    const engine = findEngine(environment({ DOCKER_HOST: 'ssh://ada@build-box:2222' }));
    expect(engine.options).toEqual({ protocol: 'ssh', host: 'build-box', port: 2222, username: 'ada' });
  });
});
