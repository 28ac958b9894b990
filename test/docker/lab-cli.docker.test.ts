// `npm run lab -- --backend docker --script FILE --json` with the lab runner.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm run lab on the real backend', () => {
  it('runs a script in several terminals and prints the commands as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dne-lab-cli-'));
    const script = join(dir, 'script.lab');
    writeFileSync(
      script,
      [
        '# the article, briefly',
        '@c1 ip route',
        '@host01 curl -s -o /dev/null -w "%{http_code}\\n" http://172.16.211.128:81/',
        "@host docker ps --format '{{.Names}} {{.Ports}}'",
        '@c2 ping -c 1 172.17.0.2',
        'wait 2',
        '',
      ].join('\n'),
    );
    const run = spawnSync('npm', ['run', '-s', 'lab', '--', '--backend', 'docker', '--script', script, '--json'], {
      encoding: 'utf8',
      cwd: new URL('../..', import.meta.url).pathname,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const commands = JSON.parse(run.stdout) as Array<{ terminal: string; command: string; output: string }>;
    expect(commands.map((c) => `${c.terminal}: ${c.command}`)).toEqual([
      'c1: ip route',
      'host01: curl -s -o /dev/null -w "%{http_code}\\n" http://172.16.211.128:81/',
      "host: docker ps --format '{{.Names}} {{.Ports}}'",
      'c2: ping -c 1 172.17.0.2',
    ]);
    expect(commands[0].output).toBe('default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 \n');
    expect(commands[1].output).toBe('200\n');
    expect(commands[2].output).toBe('web 172.16.211.128:81->80/tcp\nc3 \nc2 \nc1 \n');
    expect(commands[3].output).toMatch(/1 packets transmitted, 1 received, 0% packet loss/);
  });
});
