import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGES, RECIPES } from '../../../../src-main/node/docker/images.js';

const script = readFileSync(new URL('../../../../scripts/docker/build-images.sh', import.meta.url), 'utf8');

/** Packages the offline build script installs for an image, by the suite and list on its `build` line. */
function scriptPackages(variable: 'NODE_IMAGE' | 'LABHOST_IMAGE'): { suite: string; packages: string[] } {
  const tools = /^TOOLS=(\S+)$/m.exec(script)![1].split(',');
  const line = new RegExp(`^build "\\$${variable}" (\\S+) "\\$TOOLS,?([^"]*)"$`, 'm').exec(script)!;
  return { suite: line[1], packages: [...tools, ...line[2].split(',').filter(Boolean)].sort() };
}

function recipePackages(image: string): { suite: string; packages: string[] } {
  const recipe = RECIPES[image];
  const suite = /^FROM debian:(\S+)$/m.exec(recipe)![1];
  const packages = /--no-install-recommends ([^\\]+)\\/.exec(recipe)![1].trim().split(/\s+/);
  return { suite, packages: packages.sort() };
}

describe('lab image recipes', () => {
  it('build the same Debian suites and packages as the offline script', () => {
    expect(recipePackages(DEFAULT_IMAGES.node)).toEqual(scriptPackages('NODE_IMAGE'));
    expect(recipePackages(DEFAULT_IMAGES.labHost)).toEqual(scriptPackages('LABHOST_IMAGE'));
  });

  it('name the images the script builds', () => {
    expect(script).toContain(`NODE_IMAGE=\${NODE_IMAGE:-${DEFAULT_IMAGES.node}}`);
    expect(script).toContain(`LABHOST_IMAGE=\${LABHOST_IMAGE:-${DEFAULT_IMAGES.labHost}}`);
  });
});
