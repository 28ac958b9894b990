// docker: ps / container ls (table, -q, --format), port, inspect of a
// container or a network (JSON, --format templates that name fields),
// network ls. A `--format` template made of field references is turned
// into a pattern, so each printed value is known by its field; the fields
// a network engineer asks for become typed facts, every field a
// docker-format-value fact.
import type {
  ContainerInspectFact,
  ContainerNetworkAttachment,
  DockerContainerFact,
  DockerNetworkEndpoint,
  DockerNetworkFact,
  DockerPortMapping,
  DockerPortMappingFact,
  Fact,
} from '../model.js';
import { canonicalAddress, canonicalCidr, canonicalMac, integer, optionValue, outputLines } from './common.js';

type Subcommand = 'ps' | 'port' | 'inspect' | 'network-inspect' | 'network-ls';

const GLOBAL_WITH_VALUE = new Set(['-H', '--host', '--context', '-c', '--config', '-l', '--log-level']);
const WITH_VALUE = new Set(['-f', '--format', '--filter', '-n', '--last', '--type', '-s']);

export function readDocker(argv: readonly string[], output: string): Fact[] {
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith('-')) i += GLOBAL_WITH_VALUE.has(argv[i]!) ? 2 : 1;
  const words = argv.slice(i);
  const found = subcommand(words);
  if (!found) return [];
  const rest = words.slice(found.length);
  const format = optionValue(rest, '--format', '-f');
  // docker inspect -f is --format; docker ps -f is --filter.
  const template = found.command === 'ps' || found.command === 'network-ls' ? optionValue(rest, '--format') : format;
  const subjects = operands(rest, found.command);
  if (template !== undefined) return readTemplate(found.command, template, output, subjects);
  switch (found.command) {
    case 'ps':
      return rest.some((a) => a === '-q' || a === '--quiet' || /^-[a-z]*q[a-z]*$/.test(a)) ? readIds(output) : readPsTable(output);
    case 'port':
      return readPort(output, subjects);
    case 'inspect':
    case 'network-inspect':
      return readInspect(output, subjects);
    case 'network-ls':
      return rest.some((a) => a === '-q' || a === '--quiet') ? [] : readNetworkTable(output);
  }
}

function subcommand(words: readonly string[]): { command: Subcommand; length: number } | undefined {
  const [first, second] = words;
  if (first === 'ps') return { command: 'ps', length: 1 };
  if (first === 'port') return { command: 'port', length: 1 };
  if (first === 'inspect') return { command: 'inspect', length: 1 };
  if (first === 'container' && (second === 'ls' || second === 'list' || second === 'ps')) return { command: 'ps', length: 2 };
  if (first === 'container' && second === 'port') return { command: 'port', length: 2 };
  if (first === 'container' && second === 'inspect') return { command: 'inspect', length: 2 };
  if (first === 'network' && second === 'inspect') return { command: 'network-inspect', length: 2 };
  if (first === 'network' && (second === 'ls' || second === 'list')) return { command: 'network-ls', length: 2 };
  return undefined;
}

/** The objects named on the command line (containers, networks). */
function operands(rest: readonly string[], command: Subcommand): string[] {
  const names: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith('-')) {
      if (WITH_VALUE.has(a) && !(command === 'ps' && a === '-s')) i++;
      continue;
    }
    names.push(a);
  }
  return names;
}

// ------------------------------------------------------------------ ports

/** `127.0.0.1:18081->80/tcp`, `[::]:18443->443/tcp`, `80/tcp` (exposed only). */
function parsePortColumn(text: string): DockerPortMapping[] {
  const mappings: DockerPortMapping[] = [];
  for (const part of text.split(/,\s*/)) {
    const published = /^(?:\[?([^\]]*?)\]?):(\d+)->(\d+)\/(\w+)$/.exec(part.trim());
    if (published) {
      mappings.push({ containerPort: Number(published[3]), protocol: published[4]!, hostIp: canonicalAddress(published[1]!) ?? published[1], hostPort: Number(published[2]) });
      continue;
    }
    const exposed = /^(\d+)\/(\w+)$/.exec(part.trim());
    if (exposed) mappings.push({ containerPort: Number(exposed[1]), protocol: exposed[2]!, hostIp: undefined, hostPort: undefined });
  }
  return mappings;
}

function mappingFacts(mappings: readonly DockerPortMapping[], container: string | undefined, text: string): DockerPortMappingFact[] {
  return mappings.filter((m) => m.hostPort !== undefined).map((m) => ({ kind: 'docker-port-mapping', container, ...m, text }));
}

function readPort(output: string, subjects: readonly string[]): Fact[] {
  const container = subjects[0];
  const asked = subjects[1] ? /^(\d+)(?:\/(\w+))?$/.exec(subjects[1]) : undefined;
  const facts: Fact[] = [];
  for (const line of outputLines(output)) {
    const full = /^(\d+)\/(\w+) -> \[?([^\]]*?)\]?:(\d+)$/.exec(line);
    const short = asked ? /^\[?([^\]]*?)\]?:(\d+)$/.exec(line) : null;
    if (full) {
      facts.push({ kind: 'docker-port-mapping', container, containerPort: Number(full[1]), protocol: full[2]!, hostIp: canonicalAddress(full[3]!) ?? full[3], hostPort: Number(full[4]), text: line });
    } else if (short && asked) {
      facts.push({ kind: 'docker-port-mapping', container, containerPort: Number(asked[1]), protocol: asked[2] ?? 'tcp', hostIp: canonicalAddress(short[1]!) ?? short[1], hostPort: Number(short[2]), text: line });
    }
  }
  return facts;
}

// ------------------------------------------------------------------ ps and network ls tables

/** Columns are padded by at least three spaces; an empty PORTS column leaves six. */
function readPsTable(output: string): Fact[] {
  const facts: Fact[] = [];
  for (const line of outputLines(output)) {
    if (/^CONTAINER ID\s/.test(line)) continue;
    const columns = line.trim().split(/\s{3,}/);
    if (columns.length < 6 || !/^[0-9a-f]{12,64}$/.test(columns[0]!)) continue;
    const [id, image, command, created, status] = columns as [string, string, string, string, string];
    const ports = columns.length >= 7 ? parsePortColumn(columns[5]!) : [];
    const name = columns.at(-1)!;
    facts.push(containerFact({ id, image, command: command.replace(/^"(.*)"$/, '$1'), created, status, name, ports }, line));
    facts.push(...mappingFacts(ports, name, line));
  }
  return facts;
}

function readIds(output: string): Fact[] {
  return outputLines(output).flatMap((line) => (/^[0-9a-f]{12,64}$/.test(line.trim()) ? [containerFact({ id: line.trim() }, line)] : []));
}

function containerFact(fields: Partial<Omit<DockerContainerFact, 'kind' | 'text'>>, text: string): DockerContainerFact {
  const status = fields.status;
  return {
    kind: 'docker-container',
    id: fields.id,
    name: fields.name,
    image: fields.image,
    command: fields.command,
    created: fields.created,
    status,
    running: fields.running ?? (status === undefined ? undefined : /^Up\b/i.test(status) || status === 'running'),
    ports: fields.ports ?? [],
    text,
  };
}

function readNetworkTable(output: string): Fact[] {
  const facts: Fact[] = [];
  for (const line of outputLines(output)) {
    const columns = line.trim().split(/\s{3,}/);
    if (/^NETWORK ID\s/.test(line) || columns.length !== 4 || !/^[0-9a-f]{12,64}$/.test(columns[0]!)) continue;
    facts.push(networkFact({ id: columns[0], name: columns[1]!, driver: columns[2], scope: columns[3] }, line));
  }
  return facts;
}

function networkFact(fields: Partial<Omit<DockerNetworkFact, 'kind' | 'text'>> & { name: string }, text: string): DockerNetworkFact {
  return {
    kind: 'docker-network',
    id: fields.id,
    name: fields.name,
    driver: fields.driver,
    scope: fields.scope,
    subnet: fields.subnet,
    gateway: fields.gateway,
    bridgeName: fields.bridgeName,
    containers: fields.containers ?? [],
    text,
  };
}

// ------------------------------------------------------------------ inspect JSON

interface InspectedPorts { [port: string]: { HostIp?: string; HostPort?: string }[] | null }
interface InspectedNetwork { IPAddress?: string; IPPrefixLen?: number; Gateway?: string; MacAddress?: string }
interface InspectedContainer {
  Id?: string; Name?: string; Image?: string;
  State?: { Running?: boolean; Pid?: number; Status?: string };
  Config?: { Image?: string };
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: InspectedNetwork & { SandboxKey?: string; Ports?: InspectedPorts | null; Networks?: Record<string, InspectedNetwork> };
}
interface InspectedDockerNetwork {
  Name?: string; Id?: string; Driver?: string; Scope?: string;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null };
  Options?: Record<string, string> | null;
  Containers?: Record<string, { Name?: string; EndpointID?: string; MacAddress?: string; IPv4Address?: string }> | null;
}

function readInspect(output: string, subjects: readonly string[]): Fact[] {
  const parsed = parseJson(output.slice(Math.max(0, output.indexOf('['))));
  if (!Array.isArray(parsed)) return readInspectLines(output, subjects);
  return parsed.flatMap((entry: unknown): Fact[] => {
    if (!entry || typeof entry !== 'object') return [];
    if ('IPAM' in entry || 'Containers' in entry) return [inspectedNetwork(entry as InspectedDockerNetwork, JSON.stringify(entry))];
    if ('NetworkSettings' in entry || 'State' in entry) {
      const fact = inspectedContainer(entry as InspectedContainer, JSON.stringify(entry));
      return [fact, ...mappingFacts(fact.ports, fact.name, fact.text)];
    }
    return [];
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function inspectedContainer(c: InspectedContainer, text: string): ContainerInspectFact {
  const settings = c.NetworkSettings ?? {};
  const networks = Object.entries(settings.Networks ?? {}).map(([network, n]) => attachment(network, n));
  const ports: DockerPortMapping[] = Object.entries(settings.Ports ?? {}).flatMap(([port, bindings]) => {
    const [number, protocol] = port.split('/');
    const containerPort = Number(number);
    if (!bindings || bindings.length === 0) return [{ containerPort, protocol: protocol ?? 'tcp', hostIp: undefined, hostPort: undefined }];
    return bindings.map((b) => ({ containerPort, protocol: protocol ?? 'tcp', hostIp: canonicalAddress(b.HostIp || '0.0.0.0') ?? b.HostIp, hostPort: integer(b.HostPort) }));
  });
  return {
    kind: 'container-inspect',
    id: c.Id,
    name: c.Name?.replace(/^\//, ''),
    image: c.Config?.Image ?? c.Image,
    ipAddress: settings.IPAddress ? canonicalAddress(settings.IPAddress) : undefined,
    prefixLength: settings.IPPrefixLen || undefined,
    gateway: settings.Gateway ? canonicalAddress(settings.Gateway) : undefined,
    macAddress: settings.MacAddress ? canonicalMac(settings.MacAddress) : undefined,
    networkMode: c.HostConfig?.NetworkMode,
    pid: c.State?.Pid,
    running: c.State?.Running,
    sandboxKey: settings.SandboxKey || undefined,
    networks,
    ports,
    text,
  };
}

function attachment(network: string, n: InspectedNetwork): ContainerNetworkAttachment {
  return {
    network,
    ipAddress: n.IPAddress ? canonicalAddress(n.IPAddress) : undefined,
    prefixLength: n.IPPrefixLen || undefined,
    gateway: n.Gateway ? canonicalAddress(n.Gateway) : undefined,
    macAddress: n.MacAddress ? canonicalMac(n.MacAddress) : undefined,
  };
}

function inspectedNetwork(n: InspectedDockerNetwork, text: string): DockerNetworkFact {
  const config = n.IPAM?.Config?.[0];
  const containers: DockerNetworkEndpoint[] = Object.entries(n.Containers ?? {}).map(([id, c]) => {
    const [address, prefix] = (c.IPv4Address ?? '').split('/');
    return { name: c.Name, id, ipv4Address: canonicalAddress(address ?? ''), prefixLength: integer(prefix), macAddress: c.MacAddress ? canonicalMac(c.MacAddress) : undefined };
  });
  return networkFact(
    {
      id: n.Id,
      name: n.Name ?? '',
      driver: n.Driver,
      scope: n.Scope,
      subnet: config?.Subnet ? (canonicalCidr(config.Subnet) ?? config.Subnet) : undefined,
      gateway: config?.Gateway ? canonicalAddress(config.Gateway) : undefined,
      bridgeName: n.Options?.['com.docker.network.bridge.name'],
      containers,
    },
    text,
  );
}

/** Lines of inspect JSON that grep kept: `"IPAddress": "172.17.0.2",` proves that field's value. */
function readInspectLines(output: string, subjects: readonly string[]): Fact[] {
  const facts: Fact[] = [];
  for (const line of outputLines(output)) {
    const m = /^\s*"(\w+)":\s*("(?:[^"\\]|\\.)*"|-?\d+|true|false)\s*,?$/.exec(line);
    if (!m) continue;
    const value = m[2]!.startsWith('"') ? (parseJson(m[2]!) as string) : m[2]!;
    if (value === '') continue;
    facts.push({ kind: 'docker-format-value', field: m[1]!, value, subject: subjects.length === 1 ? subjects[0] : undefined, text: line });
  }
  return facts;
}

// ------------------------------------------------------------------ --format templates

interface TemplatePart { literal?: string; field?: string; json?: boolean }

/** Fields of a template in order, with the text between them; undefined for templates with logic (if, index, printf...). */
function parseTemplate(template: string): TemplatePart[] | undefined {
  const parts: TemplatePart[] = [];
  const ranges: string[] = [];
  const body = template.replace(/^table\s+/, '').replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  let at = 0;
  for (const m of body.matchAll(/\{\{-?\s*(.*?)\s*-?\}\}/g)) {
    if (m.index! > at) parts.push({ literal: body.slice(at, m.index) });
    at = m.index! + m[0].length;
    const action = m[1]!;
    const range = /^range\s+(?:\$\w+,?\s*(?:\$\w+\s*)?:=\s*)?\.([\w.]+)$/.exec(action);
    if (range) {
      ranges.push(range[1]!);
      continue;
    }
    if (action === 'end') {
      ranges.pop();
      continue;
    }
    const field = /^(json\s+)?\.([\w.]*)$/.exec(action);
    if (!field) return undefined;
    const path = [...ranges, field[2]!].filter(Boolean).join('.');
    parts.push({ field: path, json: Boolean(field[1]) });
  }
  if (at < body.length) parts.push({ literal: body.slice(at) });
  return parts;
}

function readTemplate(command: Subcommand, template: string, output: string, subjects: readonly string[]): Fact[] {
  const parts = parseTemplate(template);
  if (!parts) return [];
  const fields = parts.filter((p) => p.field !== undefined);
  if (fields.length === 1 && fields[0]!.json) return readJsonTemplate(command, fields[0]!.field!, output, subjects);
  const isTable = /^table\s/.test(template);
  const lines = output.replace(/\n$/, '').split('\n');
  const rows = isTable ? lines.slice(1) : lines;
  const readRow = isTable ? tableColumns(lines[0] ?? '', fields.length) : templatePattern(parts);
  const facts: Fact[] = [];
  rows.forEach((line, row) => {
    const columns = line.trim() === '' ? undefined : readRow(line);
    if (!columns) return;
    const values = new Map<string, string>();
    fields.forEach((f, i) => values.set(f.field!, columns[i]!.trim()));
    const subject = subjects.length === rows.length ? subjects[row] : subjects.length === 1 ? subjects[0] : undefined;
    for (const [field, value] of values) if (value !== '') facts.push({ kind: 'docker-format-value', field, value, subject, text: line });
    facts.push(...typedFromFields(command, values, subject, line));
  });
  return facts;
}

/** A row of a template without `table`: the literals between the fields are printed as written. */
function templatePattern(parts: readonly TemplatePart[]): (line: string) => string[] | undefined {
  const pattern = new RegExp(`^${parts.map((p) => (p.field !== undefined ? '(.*?)' : escapeRegExp(p.literal!))).join('')}$`);
  return (line) => pattern.exec(line)?.slice(1);
}

/** A row of a `table` template: docker pads each column to the width of the widest value plus three spaces, as the header shows. */
function tableColumns(header: string, count: number): (line: string) => string[] | undefined {
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => m.index!);
  if (starts.length !== count) return () => undefined;
  return (line) => starts.map((start, i) => line.slice(start, starts[i + 1]));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Typed facts from the fields a template printed; undefined fields stay unknown. */
function typedFromFields(command: Subcommand, values: ReadonlyMap<string, string>, subject: string | undefined, text: string): Fact[] {
  const get = (...names: string[]) => names.map((n) => values.get(n)).find((v) => v !== undefined && v !== '');
  if (command === 'ps') {
    const ports = parsePortColumn(get('Ports') ?? '');
    const name = get('Names');
    const state = get('State');
    const fact = containerFact({ id: get('ID'), name, image: get('Image'), command: get('Command')?.replace(/^"(.*)"$/, '$1'), created: get('CreatedAt', 'RunningFor'), status: get('Status') ?? state, ports, running: state === undefined ? undefined : state === 'running' }, text);
    return [fact, ...mappingFacts(ports, name, text)];
  }
  if (command === 'network-ls' || command === 'network-inspect') {
    const name = get('Name') ?? subject;
    if (!name) return [];
    return [networkFact({ id: get('ID', 'Id'), name, driver: get('Driver'), scope: get('Scope'), subnet: canonicalCidrOf(get('IPAM.Config.Subnet')), gateway: canonicalAddressOf(get('IPAM.Config.Gateway')) }, text)];
  }
  if (command === 'inspect') {
    const known = ['NetworkSettings.IPAddress', 'NetworkSettings.Networks.IPAddress', 'NetworkSettings.Gateway', 'NetworkSettings.Networks.Gateway', 'NetworkSettings.MacAddress', 'NetworkSettings.Networks.MacAddress', 'HostConfig.NetworkMode', 'State.Pid', 'State.Running', 'State.Status', 'Name', 'Id', 'Config.Image', 'NetworkSettings.SandboxKey'];
    if (![...values.keys()].some((k) => known.includes(k))) return [];
    const running = get('State.Running');
    const status = get('State.Status');
    const fact: ContainerInspectFact = {
      kind: 'container-inspect',
      id: get('Id'),
      name: get('Name')?.replace(/^\//, '') ?? subject,
      image: get('Config.Image'),
      ipAddress: canonicalAddressOf(get('NetworkSettings.IPAddress', 'NetworkSettings.Networks.IPAddress')),
      prefixLength: integer(get('NetworkSettings.IPPrefixLen')),
      gateway: canonicalAddressOf(get('NetworkSettings.Gateway', 'NetworkSettings.Networks.Gateway')),
      macAddress: canonicalMacOf(get('NetworkSettings.MacAddress', 'NetworkSettings.Networks.MacAddress')),
      networkMode: get('HostConfig.NetworkMode'),
      pid: integer(get('State.Pid')),
      running: running !== undefined ? running === 'true' : status !== undefined ? status === 'running' : undefined,
      sandboxKey: get('NetworkSettings.SandboxKey'),
      networks: [],
      ports: [],
      text,
    };
    return [fact];
  }
  return [];
}

/** `{{json .}}` of ps, `{{json .NetworkSettings.Networks}}` of inspect, `{{json .}}` of inspect. */
function readJsonTemplate(command: Subcommand, field: string, output: string, subjects: readonly string[]): Fact[] {
  const facts: Fact[] = [];
  const lines = outputLines(output);
  lines.forEach((line, row) => {
    const value = parseJson(line);
    if (!value || typeof value !== 'object') return;
    const subject = subjects.length === lines.length ? subjects[row] : subjects.length === 1 ? subjects[0] : undefined;
    if (command === 'ps' && field === '') {
      const values = new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      facts.push(...typedFromFields('ps', values, subject, line));
    } else if (command === 'inspect' && field === 'NetworkSettings.Networks') {
      const networks = Object.entries(value as Record<string, InspectedNetwork>).map(([name, n]) => attachment(name, n));
      const only = networks.length === 1 ? networks[0] : undefined;
      facts.push({
        kind: 'container-inspect', id: undefined, name: subject, image: undefined, ipAddress: only?.ipAddress, prefixLength: only?.prefixLength, gateway: only?.gateway, macAddress: only?.macAddress,
        networkMode: undefined, pid: undefined, running: undefined, sandboxKey: undefined, networks, ports: [], text: line,
      });
    } else if ((command === 'inspect' || command === 'network-inspect') && field === '') {
      facts.push(...readInspect(`[${line}]`, subject ? [subject] : []));
    }
  });
  return facts;
}

function canonicalAddressOf(text: string | undefined): string | undefined {
  return text ? canonicalAddress(text) : undefined;
}
function canonicalCidrOf(text: string | undefined): string | undefined {
  return text ? canonicalCidr(text) : undefined;
}
function canonicalMacOf(text: string | undefined): string | undefined {
  return text ? canonicalMac(text) : undefined;
}

