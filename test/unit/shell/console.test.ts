import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from '../../../src-main/core/lab/runner.js';
import { SimBackend } from '../../../src-main/core/simlab/backend.js';

describe("web's console in the article scenario", () => {
  it('serves from its attached shell; docker attach shows the request log; docker logs has it all', async () => {
    const backend = new SimBackend();
    await backend.start('article');
    const script = parseScript(
      [
        '@host01 curl -s -o /dev/null -w "%{http_code}\\n" http://172.16.211.128:81/',
        '@host docker attach web',
        'wait 1',
        '@host01 curl -s -o /dev/null http://172.16.211.128:81/nope',
        'wait 1',
      ].join('\n'),
    );
    const first = await runScript(backend, script);
    expect(first.commands[0].output).toBe('200\n');
    // The attached terminal sees the server's request log as it happens.
    expect(first.transcripts.get('host')).toContain('"GET /nope HTTP/1.1" 404 -');
    const logs = await backend.probe('host', 'docker logs web', 5000);
    expect(logs.output).toMatch(/^root@web:\/# python3 -m http.server 80\nServing HTTP on 0\.0\.0\.0 port 80 \(http:\/\/0\.0\.0\.0:80\/\) \.\.\.\n172\.16\.211\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 -\n/);
    await backend.dispose();
  });

  it('detaches with Ctrl-P Ctrl-Q, keeping the server up', async () => {
    const backend = new SimBackend();
    await backend.start('article');
    const term = await backend.openTerminal('host', { cols: 80, rows: 24 });
    let screen = '';
    term.onData((chunk) => (screen += new TextDecoder().decode(chunk)));
    term.write('docker attach web\r');
    await backend.sleep(100);
    expect(term.busy).toBe(true);
    term.write('\x10\x11');
    await backend.sleep(100);
    expect(screen).toContain('read escape sequence');
    expect(term.busy).toBe(false);
    const probe = await backend.probe('host01', 'curl -s -o /dev/null -w "%{http_code}" http://172.16.211.128:81/', 5000);
    expect(probe.output).toBe('200');
    // Ctrl-C in an attached console stops the server; exit stops the container.
    term.write('docker attach web\r');
    await backend.sleep(100);
    term.write('\x03');
    await backend.sleep(100);
    term.write('exit\r');
    await backend.sleep(100);
    expect((await backend.probe('host', "docker inspect -f '{{.State.Status}}' web", 5000)).output).toBe('exited\n');
    await backend.dispose();
  });
});
