// The JSON Schema of a learner's lab file (YAML or JSON): the containers, the
// user-defined networks and what the outside machines run when the lab starts.
/** Images both backends have (the simulated daemon's catalogue and the real lab host's). */
export const LAB_FILE_IMAGES = ['lab/debian:bookworm'] as const;
/** Outside machines on the lab network (core/sim/net/outside-world.ts), as terminals name them. */
export const OUTSIDE_MACHINES = ['host01', 'host02'] as const;

const name = { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$' };
const commandLine = { type: 'string', minLength: 1, maxLength: 1000, pattern: '^[^\\n\\r]*$' };
const ipv4Cidr = {
  type: 'string',
  pattern: '^((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/([0-9]|[12]\\d|3[0-2])$',
};
// As `docker run -p` takes them: [ip:]hostPort:containerPort[/tcp|udp].
const port = {
  type: 'string',
  pattern: '^(((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d):)?\\d{1,5}:\\d{1,5}(/(tcp|udp))?$',
};

export const labFileSchema = {
  $id: 'https://docker-networking-explorer.local/schema/lab.schema.json',
  title: 'A practice lab',
  type: 'object',
  additionalProperties: false,
  required: ['containers'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 120 },
    networks: {
      type: 'array',
      maxItems: 8,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name,
          subnet: ipv4Cidr,
        },
      },
    },
    containers: {
      type: 'array',
      maxItems: 16,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name,
          image: { enum: [...LAB_FILE_IMAGES] },
          networks: { type: 'array', minItems: 1, maxItems: 4, uniqueItems: true, items: name },
          ports: { type: 'array', maxItems: 8, items: port },
          command: commandLine,
        },
      },
    },
    outside: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        OUTSIDE_MACHINES.map((machine) => [machine, { type: 'object', additionalProperties: false, properties: { run: { type: 'array', maxItems: 16, items: commandLine } } }]),
      ),
    },
  },
} as const;
