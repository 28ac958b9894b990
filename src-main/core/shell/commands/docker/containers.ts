// Container sub-commands: ps, start, stop, restart, kill, rm, logs, port,
// inspect, exec, attach.
import { shellOf, type CommandContext, type OutputStream } from '../../command.js';
import { DockerError, type Container, type DockerDaemon } from '../../../userspace/dockerd/daemon.js';
import { inspectContainer, inspectNetwork, toDockerJson, type Json } from '../../../userspace/dockerd/inspect.js';
import type { PortMapping } from '../../../userspace/dockerd/rules.js';
import { executeTemplate, parseTemplate } from '../../../userspace/dockerd/template.js';
import { humanDuration } from '../../../userspace/dockerd/time.js';
import { ellipsis, goTimeText, writeFormatted } from './context.js';
import { parseFlags } from './flags.js';
import { startMainProcess } from './run.js';

function requireArgs(ctx: CommandContext, sub: string, args: string[], usage: string, summary: string): boolean {
  if (args.length > 0) return true;
  ctx.stderr.write(`"docker ${sub}" requires at least 1 argument.\nSee 'docker ${sub} --help'.\n\nUsage:  docker ${sub} ${usage}\n\n${summary}\n`);
  return false;
}

function portText(p: PortMapping): string {
  if (p.hostIp && p.hostIp !== '0.0.0.0') return `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.proto}`;
  // The engine has IPv6 off, so a port published on all addresses is bound on 0.0.0.0 only.
  return `0.0.0.0:${p.hostPort}->${p.containerPort}/${p.proto}`;
}

function statusText(c: Container, now: number): string {
  if (c.status === 'running') return `Up ${humanDuration(now - (c.startedAt ?? now))}`;
  if (c.status === 'exited') return `Exited (${c.exitCode}) ${humanDuration(now - (c.finishedAt ?? now))} ago`;
  return 'Created';
}

const PS_DEFAULT = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
const PS_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED',
  RunningFor: 'CREATED',
  Status: 'STATUS',
  Ports: 'PORTS',
  Names: 'NAMES',
  Networks: 'NETWORKS',
  State: 'STATE',
};

export async function ps(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  const f = parseFlags(args, [{ long: 'all', short: 'a' }, { long: 'quiet', short: 'q' }, { long: 'no-trunc' }, { long: 'format', value: true }, { long: 'filter', short: 'f', value: true }], 'ps', false);
  const now = daemon.world.clock.now();
  const filters = (f.multi.get('filter') ?? []).map((x) => x.split(/=(.*)/s, 2));
  const bad = filters.find(([key]) => !['name', 'id', 'status', 'network'].includes(key));
  if (bad) throw new DockerError(`Error response from daemon: Invalid filter '${bad[0]}'`);
  const keep = (c: Container) =>
    filters.every(([key, value = '']) =>
      key === 'name' ? c.name.includes(value) : key === 'id' ? c.id.startsWith(value) : key === 'status' ? c.status === value : c.endpoints.some((e) => e.network.name === value),
    );
  // A status filter shows stopped containers without -a, as Docker does.
  const all = f.values.has('all') || filters.some(([key]) => key === 'status');
  const list = daemon.containers.filter((c) => (all || c.status === 'running') && keep(c)).reverse();
  const noTrunc = f.values.has('no-trunc');
  if (f.values.has('quiet')) {
    ctx.stdout.write(list.map((c) => `${noTrunc ? c.id : c.id.slice(0, 12)}\n`).join(''));
    return 0;
  }
  const rowOf = (c: Container) => {
    const command = c.config.cmd.join(' ');
    // Go marshals the row's fields in sorted key order for `{{json .}}`.
    return {
      Command: JSON.stringify(noTrunc ? command : ellipsis(command, 20)),
      CreatedAt: goTimeText(c.created),
      ID: noTrunc ? c.id : c.id.slice(0, 12),
      Image: c.config.imageRef,
      Labels: '',
      LocalVolumes: '0',
      Mounts: '',
      Names: c.name,
      Networks: c.endpoints.map((e) => e.network.name).join(','),
      Ports: c.status === 'running' ? c.config.ports.map(portText).join(', ') : '',
      RunningFor: `${humanDuration(now - c.createdAt)} ago`,
      Size: `0B (virtual ${c.config.image.size})`,
      State: c.status,
      Status: statusText(c, now),
    };
  };
  writeFormatted(ctx, f.values.get('format') ?? PS_DEFAULT, PS_DEFAULT, list.map(rowOf), PS_HEADERS);
  return 0;
}

/**
 * Applies `action` to each named container at once (as the CLI does, so three
 * `docker stop`s take one grace period), then prints names and errors in order.
 */
async function each(ctx: CommandContext, daemon: DockerDaemon, refs: string[], action: (c: Container) => Promise<void> | void, missing = 'Error response from daemon: No such container:'): Promise<number> {
  const outcomes = await Promise.all(
    refs.map(async (ref) => {
      try {
        const c = daemon.container(ref);
        if (!c) throw new DockerError(`${missing} ${ref}`);
        await action(c);
        return undefined;
      } catch (err) {
        if (!(err instanceof DockerError)) throw err;
        return err.message;
      }
    }),
  );
  outcomes.forEach((error, i) => {
    if (error === undefined) ctx.stdout.write(`${refs[i]}\n`);
    else ctx.stderr.write(`${error}\n`);
  });
  return outcomes.some((e) => e !== undefined) ? 1 : 0;
}

export async function start(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  const f = parseFlags(args, [{ long: 'attach', short: 'a' }, { long: 'interactive', short: 'i' }], 'start', false);
  if (!requireArgs(ctx, 'start', f.args, '[OPTIONS] CONTAINER [CONTAINER...]', 'Start one or more stopped containers')) return 1;
  const status = await each(ctx, daemon, f.args, (c) => {
    if (c.status !== 'running') startMainProcess(ctx, daemon, c, false);
  });
  if (status !== 0) ctx.stderr.write('Error: failed to start containers: ' + f.args.filter((r) => !daemon.container(r) || daemon.container(r)!.status !== 'running').join(', ') + '\n');
  return status;
}

export async function stop(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  const f = parseFlags(args, [{ long: 'time', short: 't', value: true }], 'stop', false);
  if (!requireArgs(ctx, 'stop', f.args, '[OPTIONS] CONTAINER [CONTAINER...]', 'Stop one or more running containers')) return 1;
  const grace = Number(f.values.get('time') ?? 10) * 1000;
  return each(ctx, daemon, f.args, (c) => daemon.stop(c, grace));
}

export async function restart(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  if (!requireArgs(ctx, 'restart', args, '[OPTIONS] CONTAINER [CONTAINER...]', 'Restart one or more containers')) return 1;
  return each(ctx, daemon, args, async (c) => {
    await daemon.stop(c);
    c.restartCount++;
    startMainProcess(ctx, daemon, c, false);
  });
}

export async function kill(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  if (!requireArgs(ctx, 'kill', args, '[OPTIONS] CONTAINER [CONTAINER...]', 'Kill one or more running containers')) return 1;
  return each(ctx, daemon, args, (c) => daemon.kill(c));
}

export async function rm(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  const f = parseFlags(args, [{ long: 'force', short: 'f' }, { long: 'volumes', short: 'v' }], 'rm', false);
  if (!requireArgs(ctx, 'rm', f.args, '[OPTIONS] CONTAINER [CONTAINER...]', 'Remove one or more containers')) return 1;
  return each(ctx, daemon, f.args, (c) => daemon.remove(c, f.values.has('force')), 'Error: No such container:');
}

export async function logs(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  const f = parseFlags(args, [{ long: 'follow', short: 'f' }, { long: 'timestamps', short: 't' }, { long: 'tail', short: 'n', value: true }], 'logs', false);
  if (f.args.length !== 1) {
    ctx.stderr.write(`"docker logs" requires exactly 1 argument.\nSee 'docker logs --help'.\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nFetch the logs of a container\n`);
    return 1;
  }
  const c = daemon.mustFind(f.args[0]);
  const tail = f.values.get('tail');
  let shown = tail === undefined || tail === 'all' ? 0 : Math.max(0, c.logs.length - Number(tail));
  const flush = () => {
    for (; shown < c.logs.length; shown++) {
      const line = c.logs[shown];
      const out = line.stream === 'stdout' ? ctx.stdout : ctx.stderr;
      out.write(f.values.has('timestamps') ? `${new Date(line.time).toISOString()} ${line.text}` : line.text);
    }
  };
  flush();
  while (f.values.has('follow') && c.status === 'running' && !ctx.interrupted.signalled) {
    await ctx.clock.sleep(100);
    flush();
  }
  return 0;
}

export async function port(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  if (!requireArgs(ctx, 'port', args, 'CONTAINER [PRIVATE_PORT[/PROTO]]', 'List port mappings or a specific mapping for the container')) return 1;
  const c = daemon.mustFind(args[0]);
  const wanted = args[1];
  const lines: string[] = [];
  for (const p of c.status === 'running' ? c.config.ports : []) {
    const key = `${p.containerPort}/${p.proto}`;
    if (wanted && wanted !== key && wanted !== String(p.containerPort)) continue;
    const host = `${p.hostIp || '0.0.0.0'}:${p.hostPort}`;
    lines.push(wanted ? host : `${key} -> ${host}`);
  }
  if (wanted && lines.length === 0) throw new DockerError(`Error: No public port '${wanted.includes('/') ? wanted : `${wanted}/tcp`}' published for ${c.name}`);
  ctx.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

export async function inspect(ctx: CommandContext, daemon: DockerDaemon, args: string[], kind?: 'network'): Promise<number> {
  const f = parseFlags(args, [{ long: 'format', short: 'f', value: true }, { long: 'type', value: true }], kind ? 'network inspect' : 'inspect', false);
  if (!requireArgs(ctx, kind ? 'network inspect' : 'inspect', f.args, '[OPTIONS] NAME|ID [NAME|ID...]', 'Return low-level information on Docker objects')) return 1;
  const template = f.values.has('format') ? parseTemplate(f.values.get('format')!) : undefined;
  const found: Json[] = [];
  const errors: string[] = [];
  for (const ref of f.args) {
    const net = kind === 'network' || f.values.get('type') === 'network' ? daemon.network(ref) : undefined;
    const c = kind === 'network' ? undefined : daemon.container(ref);
    const obj = c ? inspectContainer(c) : net ? inspectNetwork(daemon, net) : !kind && daemon.network(ref) ? inspectNetwork(daemon, daemon.network(ref)!) : undefined;
    if (obj === undefined) {
      errors.push(kind ? `Error: No such network: ${ref}\n` : `Error: No such object: ${ref}\n`);
      continue;
    }
    found.push(obj);
  }
  // Docker prints what it found first and the errors after.
  if (template) for (const obj of found) ctx.stdout.write(`${executeTemplate(template, obj)}\n`);
  else ctx.stdout.write(found.length > 0 ? `${toDockerJson(found)}\n` : '[]\n');
  for (const e of errors) ctx.stderr.write(e);
  return errors.length > 0 ? 1 : 0;
}

export async function exec(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  const f = parseFlags(args, [{ long: 'interactive', short: 'i' }, { long: 'tty', short: 't' }, { long: 'detach', short: 'd' }, { long: 'env', short: 'e', value: true }, { long: 'user', short: 'u', value: true }], 'exec', true);
  if (f.args.length < 2) {
    ctx.stderr.write(`"docker exec" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nRun a command in a running container\n`);
    return 1;
  }
  const [ref, ...cmd] = f.args;
  const c = daemon.container(ref);
  if (!c) throw new DockerError(`Error: No such container: ${ref}`);
  if (c.status !== 'running') throw new DockerError(`Error response from daemon: Container ${c.id} is not running`);
  const name = cmd[0].split('/').pop()!;
  if (!c.config.image.commands.includes(name)) {
    ctx.stdout.write(`OCI runtime exec failed: exec failed: container_linux.go:380: starting container process caused: exec: "${cmd[0]}": executable file not found in $PATH: unknown\n`);
    return 126;
  }
  if (f.values.has('interactive') && f.values.has('tty') && cmd.length === 1 && ['bash', 'sh', 'zsh', 'ash'].includes(name)) {
    return shellOf(ctx).interactive(c.name);
  }
  if (f.values.has('detach')) {
    const silent = { isTTY: false, write: () => {} };
    void ctx.exec(cmd, { host: c.name, stdout: silent, stderr: silent });
    return 0;
  }
  if (f.values.has('tty')) return ctx.exec(cmd, { host: c.name });
  // Without -t the command's output is a pipe to the CLI, not a terminal (`ls` prints one name a line).
  const piped = (out: OutputStream): OutputStream => ({ isTTY: false, write: (text) => out.write(text) });
  return ctx.exec(cmd, { host: c.name, stdout: piped(ctx.stdout), stderr: piped(ctx.stderr) });
}

export async function attach(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  if (!requireArgs(ctx, 'attach', args, '[OPTIONS] CONTAINER', "Attach local standard input, output, and error streams to a running container")) return 1;
  const c = daemon.mustFind(args[args.length - 1]);
  if (c.status !== 'running') throw new DockerError('You cannot attach to a stopped container, start it first');
  // The container's console (its main shell's terminal): Ctrl-P Ctrl-Q detaches, `exit` stops the container.
  const attached = shellOf(ctx).attach(c.name);
  if (attached) {
    const result = await attached;
    return result === 'detached' ? 0 : result;
  }
  // The terminal is now the main process's: when that shell exits, the container stops.
  const code = await shellOf(ctx).interactive(c.name);
  daemon.processExited(c, code);
  return code;
}
