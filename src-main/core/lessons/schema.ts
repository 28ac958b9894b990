// JSON Schemas of the lesson files. This module is the source of truth: the
// copies under lessons/schema/ (for editors) are written from it by
// `npm run lessons:check -- --write-schema`, and a test keeps them equal.

const SCHEMA_BASE = 'https://docker-networking-explorer.local/schema/';
const id = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' } as const;
const text = { type: 'string', minLength: 1 } as const;
const terminal = {
  type: 'string',
  pattern: '^[a-z][a-z0-9]*$',
  description: 'A lab terminal: host, c1, c2, c3, web, host01, host02',
  examples: ['host', 'c1', 'c2', 'c3', 'web', 'host01', 'host02'],
} as const;
const regex = {
  type: 'string',
  minLength: 1,
  description: 'A JavaScript regular expression; {{bindings}} are inserted regex-escaped',
} as const;
const labScript = {
  type: 'string',
  minLength: 1,
  description: 'A lab script: one directive per line: `@TERM COMMAND`, `@TERM ^C`, `wait SECONDS`, `# comment`',
} as const;

export const courseSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${SCHEMA_BASE}course.schema.json`,
  title: 'Course manifest (lessons/course.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'chapters'],
  properties: {
    id: { ...id, description: 'Course id' },
    title: text,
    description: text,
    chapters: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      description: 'Chapter ids in course order; each is the folder lessons/chapters/<id>/',
      items: id,
    },
  },
} as const;

export const chapterSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${SCHEMA_BASE}chapter.schema.json`,
  title: 'Chapter front matter (lessons/chapters/<id>/chapter.md)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'summary', 'scenario', 'terminals'],
  properties: {
    id: { ...id, description: 'Equals the folder name' },
    title: text,
    summary: { ...text, description: 'One sentence for the course navigation' },
    scenario: { ...id, description: "The lab's starting state, e.g. article-lab" },
    terminals: { type: 'array', minItems: 1, uniqueItems: true, items: terminal },
    backends: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: ['sim', 'docker'] },
      description: 'Backends the chapter runs on; both when absent',
    },
  },
} as const;

const checkBase = {
  id: { ...id, description: 'Unique within the step' },
  expect: { ...text, description: 'What must be true, in words a learner understands' },
  hint: { ...text, description: 'Offered when this check fails' },
} as const;
const outputMatch = {
  output: { ...regex, description: 'Regular expression the output must match (multiline)' },
  notOutput: { ...regex, description: 'Regular expression the output must not match' },
  exitCode: { type: 'integer', minimum: 0, maximum: 255 },
} as const;

/** Fact kinds the readers in core/facts produce. */
const factKinds = [
  'iptables-rule',
  'iptables-chain',
  'packet',
  'capture-start',
  'capture-summary',
  'ping-start',
  'ping-reply',
  'ping-statistics',
  'ping-error',
  'ip-address',
  'ip-link',
  'ip-route',
  'ip-neigh',
  'bridge-link',
  'bridge-fdb',
  'docker-container',
  'docker-port-mapping',
  'docker-network',
  'container-inspect',
  'docker-format-value',
  'http-response',
  'connection-error',
  'socket',
  'conntrack-entry',
  'sysctl',
] as const;
const factKind = { enum: factKinds, description: 'A fact kind, as core/facts/model.ts names it' } as const;
const factFields = {
  type: 'object',
  minProperties: 1,
  propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z][a-zA-Z0-9]*)*$' },
  description: 'Fields the fact must have, by dotted path (`destination.cidr`), in the order a learner would fix them',
  additionalProperties: {
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: { min: { type: 'number' }, max: { type: 'number' } },
      },
    ],
  },
} as const;
const since = { enum: ['chapter', 'step'], description: 'Commands considered (default: since the step became current)' } as const;

const observedCheck = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'expect', 'hint', 'fact', 'where'],
  properties: {
    ...checkBase,
    kind: { const: 'observed' },
    terminal: { ...terminal, description: 'Where the tool ran (a terminal, or a container entered with docker exec); anywhere when absent' },
    fact: factKind,
    where: factFields,
    since,
  },
} as const;

const transcriptCheck = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'expect', 'hint', 'command'],
  properties: {
    ...checkBase,
    kind: { const: 'transcript' },
    terminal: { ...terminal, description: 'Terminal the command must run in; any when absent' },
    command: { ...regex, description: 'Regular expression the command line must match' },
    accepts: {
      type: 'array',
      items: text,
      description: 'Other ways a learner may type the command; each must match `command` (checked on load)',
    },
    ...outputMatch,
    since,
    order: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      description: "Timing relative to another transcript check's command in the same step",
      properties: {
        during: { ...id, description: "Ran entirely while that check's command was running" },
        after: { ...id, description: "Started after that check's command ended" },
        before: { ...id, description: "Ended before that check's command started" },
      },
    },
  },
} as const;

const stateCheck = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'expect', 'hint', 'host', 'probe'],
  properties: {
    ...checkBase,
    kind: { const: 'state' },
    host: { ...terminal, description: 'Lab host whose hidden session runs the probe' },
    probe: { ...text, description: 'Command to run; bindings are inserted as they are' },
    fact: { ...factKind, description: "A fact the probe's output must show, read as its tool prints it" },
    where: factFields,
    absent: { type: 'boolean', description: 'The fact must not be shown (a rule deleted, a container gone)' },
    ...outputMatch,
    timeoutMs: { type: 'integer', minimum: 100, maximum: 60000, description: 'Default 5000' },
  },
} as const;

const trafficCheck = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'expect', 'hint', 'host', 'iface', 'packet'],
  properties: {
    ...checkBase,
    kind: { const: 'traffic' },
    host: { ...terminal, description: 'Lab host whose namespace holds the interface' },
    iface: { ...text, description: 'Interface to watch, e.g. docker0 or {{host.iface}}' },
    filter: { type: 'string', description: 'pcap filter, as tcpdump takes it' },
    packet: { ...regex, description: 'Regular expression a `tcpdump -n` packet line must match' },
    min: { type: 'integer', minimum: 1, description: 'At least this many matching packets (default 1)' },
    max: { type: 'integer', minimum: 0, description: 'At most this many (0: none may be seen)' },
  },
} as const;

export const stepsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${SCHEMA_BASE}steps.schema.json`,
  title: 'Chapter steps (lessons/chapters/<id>/steps.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['steps'],
  properties: {
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'goal', 'hints', 'solution', 'checks'],
        properties: {
          id: { ...id, description: 'Unique within the chapter; progress is stored under it' },
          goal: { ...text, description: 'One sentence: what the learner achieves' },
          narrative: { ...text, description: 'Markdown shown with the step; with a prediction, before it is answered' },
          afterPrediction: { ...text, description: 'Markdown shown once the prediction is answered: what would give its answer away' },
          commands: {
            type: 'array',
            description: 'Commands the learner can click to run, or copy',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['terminal', 'run'],
              properties: { terminal, run: text, label: text },
            },
          },
          prediction: {
            type: 'object',
            additionalProperties: false,
            required: ['question', 'choices', 'answer', 'explanation'],
            properties: {
              question: text,
              choices: { type: 'array', minItems: 2, items: text },
              answer: { type: 'integer', minimum: 0, description: 'Index (from 0) of the right choice' },
              explanation: text,
            },
          },
          hints: { type: 'array', minItems: 1, items: text, description: 'Least revealing first' },
          solution: labScript,
          checks: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['kind'],
              properties: { kind: { enum: ['observed', 'transcript', 'state', 'traffic'], description: 'What the check looks at' } },
              discriminator: { propertyName: 'kind' },
              oneOf: [observedCheck, transcriptCheck, stateCheck, trafficCheck],
            },
          },
          alternatives: {
            type: 'array',
            description: 'Other correct ways to do the step; lesson CI proves each completes it',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'solution'],
              properties: { name: text, solution: labScript },
            },
          },
          mutants: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'solution', 'fails'],
              properties: {
                name: text,
                solution: labScript,
                fails: {
                  type: 'array',
                  minItems: 1,
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['check', 'explanation'],
                    properties: {
                      check: id,
                      explanation: { ...regex, description: "Regular expression the check's explanation must match" },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

export const lessonSchemas = {
  'course.schema.json': courseSchema,
  'chapter.schema.json': chapterSchema,
  'steps.schema.json': stepsSchema,
} as const;
