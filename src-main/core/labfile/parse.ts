// Reads a learner's lab file (YAML, so JSON too), checks it against the schema
// and the rules a schema cannot say (unique names, networks that exist), and
// reports every problem as `file:line:col: what is wrong`.
import { Ajv, type ValidateFunction } from 'ajv';
import { PositionedYaml, type YamlPath } from '../base/positioned-yaml.js';
import { DEFAULT_IMAGE, type LabFile, type LabFileStep } from './model.js';
import { labFileSchema } from './schema.js';

export type LabFileResult = { ok: true; lab: LabFile; steps: LabFileStep[] } | { ok: false; errors: string[] };

/** Names a container may not take: the lab's other terminals. */
const RESERVED_CONTAINER_NAMES = new Set(['host', 'host01', 'host02', 'gateway']);
/** Docker's own networks: a lab file may join `bridge` but not create any of them. */
const BUILT_IN_NETWORKS = new Set(['bridge', 'host', 'none']);

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(labFileSchema);
  return validator;
}

function describePattern(path: YamlPath): string {
  const field = path.filter((p) => typeof p === 'string').at(-1);
  if (field === 'subnet') return 'an IPv4 subnet such as 10.10.0.0/24';
  if (field === 'ports') return 'a published port such as "8080:80", "127.0.0.1:8080:80" or "5353:53/udp"';
  if (field === 'name' || field === 'networks') return 'a name of letters, digits, "_", "." or "-" (starting with a letter or digit)';
  return 'one line of text';
}

/** Parses and checks a lab file; on success, the command lines that build it. */
export function parseLabFile(text: string, file = 'my-lab.yaml'): LabFileResult {
  const located = new PositionedYaml(file, text);
  if (located.errors.length > 0) return { ok: false, errors: located.errors };
  const data: unknown = located.doc.toJS();
  if (data === null || data === undefined) return { ok: false, errors: [`${file}:1:1: the file is empty; it needs at least "containers:"`] };
  const schemaErrors = located.schemaErrors(validate(), describePattern);
  if (schemaErrors.length > 0) return { ok: false, errors: schemaErrors };
  const lab = data as LabFile;
  const errors = ruleErrors(lab, located);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, lab, steps: labSteps(lab) };
}

function ruleErrors(lab: LabFile, located: PositionedYaml): string[] {
  const errors: string[] = [];
  const networks = new Set<string>();
  (lab.networks ?? []).forEach((network, i) => {
    if (BUILT_IN_NETWORKS.has(network.name)) errors.push(located.atPath(['networks', i, 'name'], `"${network.name}" is one of Docker's own networks; pick another name`));
    else if (networks.has(network.name)) errors.push(located.atPath(['networks', i, 'name'], `network "${network.name}" is declared twice`));
    networks.add(network.name);
  });
  const containers = new Set<string>();
  const published = new Set<string>();
  lab.containers.forEach((container, i) => {
    if (RESERVED_CONTAINER_NAMES.has(container.name)) {
      errors.push(located.atPath(['containers', i, 'name'], `"${container.name}" is the name of a lab machine; pick another name`));
    } else if (containers.has(container.name)) {
      errors.push(located.atPath(['containers', i, 'name'], `container "${container.name}" is declared twice`));
    }
    containers.add(container.name);
    (container.networks ?? []).forEach((network, j) => {
      if (network !== 'bridge' && !networks.has(network)) {
        errors.push(located.atPath(['containers', i, 'networks', j], `no network "${network}": declare it under "networks:" or use "bridge"`));
      }
    });
    (container.ports ?? []).forEach((port, j) => {
      const parts = port.split('/')[0].split(':');
      const [hostPort, containerPort] = parts.slice(-2).map(Number);
      for (const value of [hostPort, containerPort]) {
        if (value < 1 || value > 65535) errors.push(located.atPath(['containers', i, 'ports', j], `port ${value} is outside 1-65535`));
      }
      const key = `${parts.length === 3 ? parts[0] : '0.0.0.0'}:${hostPort}/${port.split('/')[1] ?? 'tcp'}`;
      if (published.has(key)) errors.push(located.atPath(['containers', i, 'ports', j], `host port ${hostPort} is already published by another container`));
      published.add(key);
    });
  });
  return errors;
}

/** The command lines that build the lab on the Docker host, in order, as a learner would type them. */
export function labSteps(lab: LabFile): LabFileStep[] {
  const steps: LabFileStep[] = [];
  for (const network of lab.networks ?? []) {
    steps.push({ on: 'host', run: `docker network create${network.subnet ? ` --subnet ${network.subnet}` : ''} ${network.name}` });
  }
  for (const container of lab.containers) {
    const [first, ...more] = container.networks ?? ['bridge'];
    const options = [`--name ${container.name}`, `--hostname ${container.name}`];
    if (first !== 'bridge') options.push(`--network ${first}`);
    for (const port of container.ports ?? []) options.push(`-p ${port}`);
    steps.push({ on: 'host', run: `docker run -dit ${options.join(' ')} ${container.image ?? DEFAULT_IMAGE} bash` });
    for (const network of more) steps.push({ on: 'host', run: `docker network connect ${network} ${container.name}` });
    if (container.command) steps.push({ console: container.name, type: container.command });
  }
  for (const [machine, setup] of Object.entries(lab.outside ?? {})) {
    for (const run of setup?.run ?? []) steps.push({ on: machine, run });
  }
  return steps;
}
