import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { PositionedYaml } from '../../../src-main/core/base/positioned-yaml.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[a-z]+$' },
    kind: { enum: ['a', 'b'] },
    items: { type: 'array', items: { type: 'integer' } },
  },
};
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

describe('PositionedYaml', () => {
  it('places syntax errors at their line and column', () => {
    const file = new PositionedYaml('f.yaml', 'name: a\nname: b\n');
    expect(file.errors).toEqual([expect.stringMatching(/^f\.yaml:2:1: /)]);
  });

  it('places a misspelt key at the key, an enum and a type error at the value', () => {
    const file = new PositionedYaml('f.yaml', 'name: ok\nkind: c\nitems:\n  - 1\n  - two\nnmae: x\n');
    expect(file.schemaErrors(validate)).toEqual([
      'f.yaml:6:1: unknown field "nmae"',
      'f.yaml:2:7: kind: must be equal to one of the allowed values: a, b',
      'f.yaml:5:5: items[1]: must be integer',
    ]);
  });

  it('words a failed pattern through the hook, or with the schema message without one', () => {
    const file = new PositionedYaml('f.yaml', 'name: Not-Ok\n');
    expect(file.schemaErrors(validate, (path) => `a lowercase word (${path.join('.')})`)).toEqual(['f.yaml:1:7: name: is not a lowercase word (name)']);
    expect(file.schemaErrors(validate)).toEqual(['f.yaml:1:7: name: must match pattern "^[a-z]+$"']);
  });

  it('counts lines from where the text starts in its file', () => {
    const file = new PositionedYaml('chapter.md', 'name: x\nkind: z\n', 1);
    expect(file.schemaErrors(validate)[0]).toMatch(/^chapter\.md:3:7: /);
  });
});
