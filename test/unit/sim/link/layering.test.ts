// The link layer stands on its own: devices reach the network layer only
// through link/dispatcher.ts's interfaces, so sim/link compiles in a program
// that does not contain sim/net at all (where `dev.ns` is just a `LinkHost`).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../..');
const linkDir = join(root, 'src-main/core/sim/link');
const netDir = join(root, 'src-main/core/sim/net');

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.core.json');
  const { config } = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath).options;
}

describe('sim/link layering', () => {
  it('type-checks without sim/net', () => {
    const files = readdirSync(linkDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(linkDir, f));
    const program = ts.createProgram(files, compilerOptions());
    const reached = program
      .getSourceFiles()
      .map((sf) => sf.fileName)
      .filter((f) => f.startsWith(netDir + '/'));
    expect(reached.map((f) => relative(root, f))).toEqual([]);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  });
});
