// `docker network ls|inspect|create|connect|disconnect|rm`.
import type { CommandContext } from '../../command.js';
import { DockerError, type DockerDaemon } from '../../../userspace/dockerd/daemon.js';
import { goTimeText, writeFormatted } from './context.js';
import { parseFlags } from './flags.js';
import { inspect } from './containers.js';

const NETWORK_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';
const NETWORK_HEADERS = { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', CreatedAt: 'CREATED AT', IPv6: 'IPV6', Internal: 'INTERNAL', Labels: 'LABELS' };

const USAGE = `
Usage:  docker network COMMAND

Manage networks

Commands:
  connect     Connect a container to a network
  create      Create a network
  disconnect  Disconnect a container from a network
  inspect     Display detailed information on one or more networks
  ls          List networks
  rm          Remove one or more networks

Run 'docker network COMMAND --help' for more information on a command.
`;

export async function network(ctx: CommandContext, daemon: DockerDaemon, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'ls':
    case 'list': {
      const f = parseFlags(rest, [{ long: 'quiet', short: 'q' }, { long: 'filter', short: 'f', value: true }, { long: 'no-trunc' }, { long: 'format', value: true }], 'network ls', false);
      const filters = (f.multi.get('filter') ?? []).map((x) => x.split(/=(.*)/s, 2));
      // Docker's network filters: name and id match substrings/prefixes, driver exactly.
      const keep = (n: (typeof daemon.networks)[number]) =>
        filters.every(([key, value = '']) => (key === 'name' ? n.name.includes(value) : key === 'id' ? n.id.startsWith(value) : key === 'driver' ? n.driver === value : false));
      const bad = filters.find(([key]) => !['name', 'id', 'driver'].includes(key));
      if (bad) throw new DockerError(`Error response from daemon: Invalid filter '${bad[0]}'`);
      const list = [...daemon.networks].filter(keep).sort((a, b) => (a.name < b.name ? -1 : 1));
      const id = (n: (typeof list)[number]) => (f.values.has('no-trunc') ? n.id : n.id.slice(0, 12));
      if (f.values.has('quiet')) {
        ctx.stdout.write(list.map((n) => `${id(n)}\n`).join(''));
        return 0;
      }
      // Fields in Go's sorted key order, as `{{json .}}` prints them.
      const rows = list.map((n) => ({ CreatedAt: goTimeText(n.created, true), Driver: n.driver, ID: id(n), IPv6: 'false', Internal: 'false', Labels: '', Name: n.name, Scope: 'local' }));
      writeFormatted(ctx, f.values.get('format') ?? NETWORK_TABLE, NETWORK_TABLE, rows, NETWORK_HEADERS);
      return 0;
    }
    case 'inspect':
      return inspect(ctx, daemon, rest, 'network');
    case 'create': {
      const f = parseFlags(rest, [{ long: 'driver', short: 'd', value: true }, { long: 'subnet', value: true }, { long: 'gateway', value: true }], 'network create', false);
      if (f.args.length !== 1) throw new DockerError(`"docker network create" requires exactly 1 argument.\nSee 'docker network create --help'.`);
      const net = daemon.createNetwork(f.args[0], f.values.get('subnet'), f.values.get('gateway'));
      ctx.stdout.write(`${net.id}\n`);
      return 0;
    }
    case 'rm':
    case 'remove': {
      let status = 0;
      for (const ref of rest) {
        try {
          daemon.removeNetwork(ref);
          ctx.stdout.write(`${ref}\n`);
        } catch (err) {
          if (!(err instanceof DockerError)) throw err;
          ctx.stderr.write(`${err.message}\n`);
          status = 1;
        }
      }
      return status;
    }
    case 'connect':
    case 'disconnect': {
      const f = parseFlags(rest, [{ long: 'force', short: 'f' }, { long: 'alias', value: true }], `network ${sub}`, false);
      if (f.args.length !== 2) throw new DockerError(`"docker network ${sub}" requires exactly 2 arguments.\nSee 'docker network ${sub} --help'.`);
      const net = daemon.network(f.args[0]);
      if (!net) throw new DockerError(`Error response from daemon: network ${f.args[0]} not found`);
      const c = daemon.container(f.args[1]);
      if (!c) throw new DockerError(`Error response from daemon: No such container: ${f.args[1]}`);
      if (sub === 'connect') {
        if (c.status !== 'running') throw new DockerError(`Error response from daemon: container ${c.id} is not running`);
        daemon.attach(c, net, f.multi.get('alias') ?? []);
      } else daemon.detach(c, net);
      return 0;
    }
    default:
      if (sub !== undefined && sub !== '--help') {
        ctx.stderr.write(`docker: '${sub}' is not a docker command.\nSee 'docker --help'\n`);
        return 1;
      }
      ctx.stdout.write(USAGE);
      return 0;
  }
}
