import { describe, expect, it } from 'vitest';
import { python } from '../../../../src-main/core/shell/commands/python.js';
import { wget } from '../../../../src-main/core/shell/commands/wget.js';
import { FileSystem } from '../../../../src-main/core/shell/fs.js';
import { articleLab } from '../../userspace/dockerd/article-lab.js';
import { runCommand, startCommand } from './harness.js';
import { DebianRoot } from './debian-root.js';

describe('wget', () => {
  it('downloads the web container listing into index.html and logs as GNU Wget', async () => {
    const lab = articleLab();
    startCommand(python, ['python3', '-m', 'http.server', '80', '-d', '/'], { world: lab.world, ns: lab.docker.container('web')!.ns!, fs: new DebianRoot() });
    const fs = new FileSystem();
    const r = await runCommand(wget, ['wget', 'http://172.17.0.5/'], { world: lab.world, ns: lab.docker.container('c1')!.ns!, fs });
    expect(r.status).toBe(0);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toMatch(/^--2026-11-26 \d\d:\d\d:\d\d--  http:\/\/172\.17\.0\.5\/$/);
    expect(lines.slice(1, 5)).toEqual([
      'Connecting to 172.17.0.5:80... connected.',
      'HTTP request sent, awaiting response... 200 OK',
      'Length: 877 [text/html]',
      'Saving to: ‘index.html’',
    ]);
    expect(r.stderr).toMatch(/index\.html {10}100%\[===================>\] {5}877  --\.-KB\/s {4}in 0s/);
    expect(r.stderr).toMatch(/\(\d+(\.\d+)? [KMG]?B\/s\) - ‘index\.html’ saved \[877\/877\]\n\n$/);
    const saved = fs.readFile('/root/index.html');
    expect(typeof saved === 'string' && saved.length).toBe(877);
  });

  it('fails with exit 4 on a refused connection and 8 on a 404', async () => {
    const lab = articleLab();
    startCommand(python, ['python3', '-m', 'http.server', '80'], { world: lab.world, ns: lab.docker.container('web')!.ns! });
    const c1 = lab.docker.container('c1')!.ns!;
    const refused = await runCommand(wget, ['wget', 'http://172.17.0.5:81/'], { world: lab.world, ns: c1 });
    expect(refused.status).toBe(4);
    expect(refused.stderr).toMatch(/Connecting to 172\.17\.0\.5:81\.\.\. failed: Connection refused\.\n$/);
    const missing = await runCommand(wget, ['wget', '-q', 'http://172.17.0.5/nope'], { world: lab.world, ns: c1 });
    expect(missing.status).toBe(8);
    expect(missing.stderr).toBe('');
  });
});
