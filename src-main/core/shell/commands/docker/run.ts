// `docker run` and `docker create`: create the container, start it, then
// either print its id (-d), attach the terminal (-it), or run its command
// in the foreground and end the container with the command's status.
import { shellOf, type CommandContext, type OutputStream } from '../../command.js';
import type { Container, DockerDaemon } from '../../../userspace/dockerd/daemon.js';
import { DockerError } from '../../../userspace/dockerd/daemon.js';
import { findImage } from '../../../userspace/dockerd/images.js';
import { parseFlags, type FlagSpec } from './flags.js';
import { pullImage } from './images.js';

const RUN_FLAGS: FlagSpec[] = [
  { long: 'detach', short: 'd' },
  { long: 'tty', short: 't' },
  { long: 'interactive', short: 'i' },
  { long: 'rm' },
  { long: 'name', value: true },
  { long: 'hostname', short: 'h', value: true },
  { long: 'publish', short: 'p', value: true },
  { long: 'env', short: 'e', value: true },
  { long: 'network', value: true },
  { long: 'net', value: true },
  { long: 'network-alias', value: true },
  { long: 'net-alias', value: true },
  { long: 'privileged' },
  { long: 'cap-add', value: true },
  { long: 'help' },
];

const SHELLS = new Set(['bash', 'sh', '/bin/sh', '/bin/bash', 'zsh', 'ash']);

/** Output written by a container's main process goes to `docker logs`. */
export function logStream(daemon: DockerDaemon, c: Container, stream: 'stdout' | 'stderr', also?: OutputStream): OutputStream {
  return {
    isTTY: also?.isTTY ?? false,
    write(text: string) {
      daemon.appendLog(c, stream, text);
      also?.write(text);
    },
  };
}

const noInput = {
  isTTY: false,
  readAll: async () => '',
  readLine: async () => null,
  async *lines() {},
};

function missingCommand(c: Container): DockerError | undefined {
  const cmd = c.config.cmd[0];
  const name = cmd.split('/').pop()!;
  if (c.config.image.commands.includes(name) || c.config.image.commands.includes(cmd)) return undefined;
  return new DockerError(
    `docker: Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "${cmd}": executable file not found in $PATH: unknown.`,
    127,
  );
}

/** Starts the container's main process: shells wait on their terminal, anything else runs in the container. */
export function startMainProcess(ctx: CommandContext, daemon: DockerDaemon, c: Container, foreground: boolean): Promise<number> | undefined {
  const missing = missingCommand(c);
  if (missing) throw missing;
  daemon.start(c);
  const isShell = SHELLS.has(c.config.cmd[0]);
  if (isShell && (c.config.interactive || c.config.tty)) {
    if (!foreground) return undefined;
    return shellOf(ctx).interactive(c.name).then((code) => {
      daemon.processExited(c, code);
      return code;
    });
  }
  if (isShell && c.config.cmd.length === 1) {
    // A shell with no terminal and no input reads end-of-file and exits.
    daemon.processExited(c, 0);
    return foreground ? Promise.resolve(0) : undefined;
  }
  const pid = c.pid;
  const done = ctx
    .exec(c.config.cmd, {
      host: c.name,
      env: Object.fromEntries(c.config.env.map((e) => [e.split('=')[0], e.slice(e.indexOf('=') + 1)])),
      stdin: foreground && c.config.interactive ? ctx.stdin : noInput,
      stdout: logStream(daemon, c, 'stdout', foreground ? ctx.stdout : undefined),
      stderr: logStream(daemon, c, 'stderr', foreground ? ctx.stderr : undefined),
    })
    .then((code) => {
      // Only if this run is still the container's (not stopped and started again meanwhile).
      if (c.pid === pid) daemon.processExited(c, code);
      return code;
    });
  return foreground ? done : undefined;
}

export async function runContainer(ctx: CommandContext, daemon: DockerDaemon, args: string[], createOnly: boolean): Promise<number> {
  const sub = createOnly ? 'create' : 'run';
  const f = parseFlags(args, RUN_FLAGS, sub, true);
  if (f.values.has('help') || f.args.length === 0) {
    ctx.stderr.write(`"docker ${sub}" requires at least 1 argument.\nSee 'docker ${sub} --help'.\n\nUsage:  docker ${sub} [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n${createOnly ? 'Create a new container' : 'Run a command in a new container'}\n`);
    return f.values.has('help') ? 0 : 125;
  }
  const [imageRef, ...cmd] = f.args;
  const image = findImage(imageRef);
  if (image && !daemon.pulled.has(image)) {
    ctx.stderr.write(`Unable to find image '${imageRef.includes(':') ? imageRef : `${imageRef}:latest`}' locally\n`);
    await pullImage(ctx, daemon, image);
  }
  const c = daemon.create({
    image: imageRef,
    name: f.values.get('name'),
    hostname: f.values.get('hostname'),
    cmd,
    env: f.multi.get('env'),
    tty: f.values.has('tty'),
    interactive: f.values.has('interactive'),
    detach: f.values.has('detach'),
    autoRemove: f.values.has('rm'),
    publish: f.multi.get('publish'),
    network: f.values.get('network') ?? f.values.get('net'),
    networkAliases: [...(f.multi.get('network-alias') ?? []), ...(f.multi.get('net-alias') ?? [])],
    capAdd: f.multi.get('cap-add'),
    privileged: f.values.has('privileged'),
  });
  if (createOnly) {
    ctx.stdout.write(`${c.id}\n`);
    return 0;
  }
  if (f.values.has('detach')) {
    startMainProcess(ctx, daemon, c, false);
    ctx.stdout.write(`${c.id}\n`);
    return 0;
  }
  return (await startMainProcess(ctx, daemon, c, true)) ?? 0;
}
