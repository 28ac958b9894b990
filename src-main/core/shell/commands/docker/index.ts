// `docker`: the CLI over the daemon model on the Docker host.
import type { Command } from '../../command.js';
import { attach, exec, inspect, kill, logs, port, ps, restart, rm, start, stop } from './containers.js';
import { daemonOf, NO_DAEMON, report, type SubCommand } from './context.js';
import { images, info, pull, version } from './images.js';
import { network } from './network.js';
import { runContainer } from './run.js';

const SUBCOMMANDS: Record<string, SubCommand> = {
  run: (ctx, d, a) => runContainer(ctx, d, a, false),
  create: (ctx, d, a) => runContainer(ctx, d, a, true),
  ps,
  start,
  stop,
  restart,
  kill,
  rm,
  logs,
  port,
  inspect: (ctx, d, a) => inspect(ctx, d, a),
  exec,
  attach,
  network,
  images: (ctx, d) => images(ctx, d),
  pull,
  version: (ctx, _d, a) => version(ctx, a),
  info,
};

// `docker container ls`, `docker image ls`: the management-command spellings.
const MANAGEMENT: Record<string, Record<string, string>> = {
  container: { ls: 'ps', list: 'ps', run: 'run', create: 'create', start: 'start', stop: 'stop', restart: 'restart', kill: 'kill', rm: 'rm', logs: 'logs', port: 'port', inspect: 'inspect', exec: 'exec', attach: 'attach' },
  image: { ls: 'images', list: 'images', pull: 'pull', inspect: 'inspect' },
};

const HELP = `
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Management Commands:
  container   Manage containers
  image       Manage images
  network     Manage networks

Commands:
  attach      Attach local standard input, output, and error streams to a running container
  create      Create a new container
  exec        Run a command in a running container
  images      List images
  info        Display system-wide information
  inspect     Return low-level information on Docker objects
  kill        Kill one or more running containers
  logs        Fetch the logs of a container
  port        List port mappings or a specific mapping for the container
  ps          List containers
  pull        Pull an image or a repository from a registry
  restart     Restart one or more containers
  rm          Remove one or more containers
  run         Run a command in a new container
  start       Start one or more stopped containers
  stop        Stop one or more running containers
  version     Show the Docker version information

Run 'docker COMMAND --help' for more information on a command.
`;

export const docker: Command = {
  name: 'docker',
  summary: 'the Docker command-line client (talks to the simulated dockerd)',
  usage: HELP,
  man: `docker - the Docker client

Talks to the Docker daemon of the Docker host (Docker 20.10). Containers get a network namespace,
a veth pair whose host end (veth + 7 hex digits) is a port of docker0, an address from 172.17.0.0/16
and a MAC of 02:42 followed by the address's bytes. Publishing a port (-p [IP:]HOSTPORT:PORT) writes
a DNAT rule in the nat DOCKER chain, an ACCEPT in the filter DOCKER chain, a hairpin MASQUERADE and
starts a docker-proxy process. stop/rm remove all of it again.
${HELP}`,
  completions: (words) => (words.length <= 1 ? Object.keys(SUBCOMMANDS).concat(Object.keys(MANAGEMENT)) : []),
  async run(ctx) {
    let [sub, ...args] = ctx.argv.slice(1);
    if (sub === undefined || sub === '--help' || sub === '-h') {
      ctx.stdout.write(HELP);
      return 0;
    }
    if (sub === '--version' || sub === '-v') {
      ctx.stdout.write('Docker version 20.10.24, build 297e128\n');
      return 0;
    }
    const management = MANAGEMENT[sub];
    if (management) {
      const mapped = management[args[0] ?? ''];
      if (!mapped) {
        ctx.stdout.write(HELP);
        return args.length ? 1 : 0;
      }
      sub = mapped;
      args = args.slice(1);
    }
    const handler = SUBCOMMANDS[sub];
    if (!handler) {
      ctx.stderr.write(`docker: '${sub}' is not a docker command.\nSee 'docker --help'\n`);
      return 1;
    }
    const daemon = daemonOf(ctx);
    if (!daemon) {
      ctx.stderr.write(NO_DAEMON);
      return 1;
    }
    try {
      return await handler(ctx, daemon, args);
    } catch (err) {
      return report(ctx, err);
    }
  },
};

// cspell:words HOSTPORT
