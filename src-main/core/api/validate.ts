// Runtime checks for every request's params, used by both hosts before a
// request reaches the service: a renderer is untrusted input.
import { Ajv, type ValidateFunction } from 'ajv';
import type { RequestName } from './contract.js';
import { SNAPSHOT_MAX_CHARS } from './practice.js';

type Schema = Record<string, unknown>;

const noParams: Schema = { type: 'object', additionalProperties: false };
const id: Schema = { type: 'string', minLength: 1, maxLength: 200 };
const terminalName: Schema = { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$' };
const backend: Schema = { enum: ['sim', 'docker'] };
const labFileText: Schema = { type: 'string', maxLength: 100_000 };
const dimension = (max: number): Schema => ({ type: 'integer', minimum: 1, maximum: max });

function object(properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema {
  return { type: 'object', properties, required, additionalProperties: false };
}

const stepRef = { chapterId: id, stepId: id };

/** One JSON Schema per method; the mapped type makes a missing method a compile error. */
export const paramSchemas: { [M in RequestName]: Schema } = {
  'app.info': noParams,
  'course.get': noParams,
  'chapter.open': object({ chapterId: id }),
  'step.hint': object(stepRef),
  'step.solution': object(stepRef),
  'step.predict': object({ ...stepRef, choice: { type: 'integer', minimum: 0, maximum: 100 } }),
  'lab.status': noParams,
  'lab.start': object({ scenario: id }, []),
  'lab.reset': noParams,
  'lab.switchBackend': object({ backend }),
  'practice.scenarios': noParams,
  'labfile.get': noParams,
  'labfile.check': object({ text: labFileText }),
  'labfile.save': object({ text: labFileText }),
  'snapshot.save': noParams,
  'snapshot.load': object({ data: { type: 'string', maxLength: SNAPSHOT_MAX_CHARS } }),
  'lab.leftovers': noParams,
  'lab.removeLeftovers': object({ ids: { type: 'array', items: id, maxItems: 1000 } }),
  'challenges.list': noParams,
  'challenge.open': object({ challengeId: id }),
  'challenge.hint': object({ challengeId: id }),
  'challenge.check': object({ challengeId: id }),
  'challenge.reset': object({ challengeId: id }),
  'terminal.open': object({ name: terminalName, cols: dimension(1000), rows: dimension(500) }),
  // A paste can be long, but not unbounded.
  'terminal.input': object({ id, data: { type: 'string', maxLength: 1_000_000 } }),
  'terminal.resize': object({ id, cols: dimension(1000), rows: dimension(500) }),
  'terminal.ack': object({ id, chars: { type: 'integer', minimum: 0, maximum: 100_000_000 } }),
  'terminal.close': object({ id }),
  'topology.get': noParams,
  'trace.list': object({ limit: dimension(10_000) }, []),
  'trace.get': object({ id }),
  'progress.get': noParams,
  'progress.reset': {
    oneOf: [
      object({ scope: { const: 'step' }, ...stepRef }),
      object({ scope: { const: 'chapter' }, chapterId: id }),
      object({ scope: { const: 'all' } }),
    ],
  },
  'progress.export': noParams,
  'progress.import': object({ data: { type: 'string', maxLength: 10_000_000 } }),
  'settings.get': noParams,
  'settings.set': object(
    {
      theme: { enum: ['light', 'dark', 'system'] },
      fontSize: { type: 'integer', minimum: 6, maximum: 48 },
      fontFamily: { type: 'string', minLength: 1, maxLength: 200 },
      reducedMotion: { type: 'boolean' },
      screenReaderMode: { type: 'boolean' },
      backend,
    },
    [],
  ),
};

export type ValidationResult = { ok: true } | { ok: false; message: string };

export class ParamsValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    const ajv = new Ajv({ allErrors: false, strict: true });
    for (const [method, schema] of Object.entries(paramSchemas)) {
      this.validators.set(method, ajv.compile(schema));
    }
  }

  isMethod(method: unknown): method is RequestName {
    return typeof method === 'string' && this.validators.has(method);
  }

  check(method: unknown, params: unknown): ValidationResult {
    if (!this.isMethod(method)) return { ok: false, message: `unknown method: ${String(method).slice(0, 80)}` };
    const validate = this.validators.get(method)!;
    if (validate(params)) return { ok: true };
    const first = validate.errors?.[0];
    const where = first?.instancePath || '(params)';
    return { ok: false, message: `${method}: ${where} ${first?.message ?? 'is invalid'}` };
  }
}
