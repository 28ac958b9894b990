import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('tr', () => {
  it('translates, deletes, squeezes and complements sets', async () => {
    const t = new TestTerminal();
    expect((await t.run("echo 'Hello World' | tr a-z A-Z")).output).toBe('HELLO WORLD\n');
    expect((await t.run("echo 'Hello World' | tr '[:lower:]' '[:upper:]'")).output).toBe('HELLO WORLD\n');
    expect((await t.run('echo hello | tr -d l')).output).toBe('heo\n');
    expect((await t.run("echo 'aa  bb' | tr -s ' '")).output).toBe('aa bb\n');
    expect((await t.run("echo 'ab 12 cd' | tr -cd '[:digit:]\\n'")).output).toBe('12\n');
    expect((await t.run('echo abc | tr abc xy')).output).toBe('xyy\n');
    expect((await t.run("echo 'a:b' | tr : '\\n'")).output).toBe('a\nb\n');
    expect((await t.run('tr; echo $?')).output).toBe("tr: missing operand\nTry 'tr --help' for more information.\n1\n");
  });
});
