import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('cut', () => {
  it('selects fields, characters and ranges', async () => {
    const t = new TestTerminal();
    await t.run("echo 'root:x:0:0:root:/root:/bin/bash' > /tmp/pw");
    expect((await t.run('cut -d: -f1,7 /tmp/pw')).output).toBe('root:/bin/bash\n');
    expect((await t.run('cut -d: -f6- /tmp/pw')).output).toBe('/root:/bin/bash\n');
    expect((await t.run('cut -c1-4 /tmp/pw')).output).toBe('root\n');
    expect((await t.run('cut -d: --complement -f2-6 /tmp/pw')).output).toBe('root:/bin/bash\n');
    expect((await t.run("echo nodelim | cut -d: -f2 -s; echo done")).output).toBe('done\n');
    expect((await t.run("echo 'a:b' | cut -d: -f2 --output-delimiter=-")).output).toBe('b\n');
  });

  it('says what is wrong with the options', async () => {
    const t = new TestTerminal();
    expect((await t.run('cut /tmp/x; echo $?')).output).toBe("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n1\n");
    expect((await t.run('cut -f0 /tmp/x; echo $?')).output).toBe("cut: fields are numbered from 1\nTry 'cut --help' for more information.\n1\n");
    expect((await t.run('cut -c1 -f1 /tmp/x; echo $?')).output).toBe("cut: only one type of list may be specified\nTry 'cut --help' for more information.\n1\n");
  });
});
