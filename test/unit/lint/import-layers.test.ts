// The lint rule that keeps core's imports pointing down (eslint.config.js):
// a fixture that imports upwards fails `npm run lint`, and every pair of core
// layers is allowed or refused exactly as CORE_LAYERS says.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const core = join(root, 'src-main/core');
const RULE = 'import-x/no-restricted-paths';

// The config is plain JavaScript; load it by URL to read its layer table.
const configUrl = new URL('../../../eslint.config.js', import.meta.url).href;
const { CORE_LAYERS } = (await import(configUrl)) as { CORE_LAYERS: Record<string, string[]> };

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function layerErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

/** A module that exists in a layer's folder, for an import to resolve to. */
function moduleIn(layer: string): string {
  const file = readdirSync(join(core, layer)).filter((f) => f.endsWith('.ts')).sort()[0];
  if (!file) throw new Error(`core/${layer} has no module at its top`);
  return file.replace(/\.ts$/, '.js');
}

describe('import layers', () => {
  it('fails lint on the fixture: the kernel importing the shell', async () => {
    const code = readFileSync(join(import.meta.dirname, 'fixtures/kernel-imports-shell.ts.fixture'), 'utf8');
    const errors = await layerErrors(code, join(core, 'sim/net/fixture.ts'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('core/sim may import only from core/base');
  });

  const layers = Object.keys(CORE_LAYERS);
  for (const from of layers) {
    it(`core/${from} imports exactly the layers it is allowed`, async () => {
      for (const to of layers) {
        if (to === from) continue;
        const code = `import * as other from '../${to}/${moduleIn(to)}';\nexport const used = other;\n`;
        const errors = await layerErrors(code, join(core, from, 'fixture.ts'));
        const allowed = CORE_LAYERS[from].includes(to);
        expect({ from, to, refused: errors.length > 0 }).toEqual({ from, to, refused: !allowed });
      }
    });
  }

  it('keeps the renderer to core/api', async () => {
    const code = `import { SimBackend } from '../../src-main/core/simlab/backend.js';\nexport const used = SimBackend;\n`;
    expect(await layerErrors(code, join(root, 'src-renderer/lib/fixture.ts'))).toHaveLength(1);
    const allowed = `import { flowControl } from '../../src-main/core/api/contract.js';\nexport const used = flowControl;\n`;
    expect(await layerErrors(allowed, join(root, 'src-renderer/lib/fixture.ts'))).toHaveLength(0);
  });
});
