// JSON Schemas of the challenge files, built from the chapter schemas so a
// challenge's hints, solution, checks, alternatives and mutants are written
// exactly as a step's. Copies under lessons/schema/ are written by
// `npm run lessons:check -- --write-schema`.
import { chapterSchema, stepsSchema } from './schema.js';

const SCHEMA_BASE = 'https://docker-networking-explorer.local/schema/';
const step = stepsSchema.properties.steps.items;
const stateCheck = step.properties.checks.items.oneOf.find((c) => c.properties.kind.const === 'state')!;

export const challengeListSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${SCHEMA_BASE}challenges.schema.json`,
  title: 'Challenge list (lessons/challenges/challenges.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['challenges'],
  properties: {
    challenges: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      description: 'Challenge ids in the order learners see them; each is the folder lessons/challenges/<id>/',
      items: chapterSchema.properties.id,
    },
  },
} as const;

export const challengeSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${SCHEMA_BASE}challenge.schema.json`,
  title: 'A challenge (lessons/challenges/<id>/challenge.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'goal', 'scenario', 'terminals', 'hints', 'solution', 'checks', 'alternatives', 'mutants'],
  properties: {
    id: chapterSchema.properties.id,
    title: chapterSchema.properties.title,
    goal: { ...step.properties.goal, description: 'The state the lab must reach, in one or two sentences; no commands' },
    narrative: { ...step.properties.narrative, description: 'Markdown shown with the challenge' },
    scenario: chapterSchema.properties.scenario,
    setup: {
      type: 'array',
      description: "Commands run in hidden sessions after the scenario starts (and after each reset), e.g. to break what the learner repairs; {{bindings}} are filled from the lab as it is at that moment",
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['on', 'run'],
        properties: { on: chapterSchema.properties.terminals.items, run: step.properties.goal },
      },
    },
    terminals: chapterSchema.properties.terminals,
    backends: chapterSchema.properties.backends,
    hints: step.properties.hints,
    solution: step.properties.solution,
    checks: {
      type: 'array',
      minItems: 1,
      description: 'State probes only: a challenge is judged on the lab, never on what was typed',
      items: stateCheck,
    },
    alternatives: { ...step.properties.alternatives, minItems: 2 },
    mutants: { ...step.properties.mutants, minItems: 1 },
  },
} as const;

export const challengeSchemas = {
  'challenges.schema.json': challengeListSchema,
  'challenge.schema.json': challengeSchema,
} as const;
