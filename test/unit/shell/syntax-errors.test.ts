import { describe, expect, it } from 'vitest';
import { TestTerminal } from './harness.js';

/**
 * bash's syntax-error messages, recorded with bash 5.1 in the labhost image
 * (`bash -c "$x"; echo rc=$?` for each program below).
 */
const RECORDED: [program: string, stderr: string][] = [
  ['done', "bash: -c: line 1: syntax error near unexpected token `done'\nbash: -c: line 1: `done'\n"],
  ['then', "bash: -c: line 1: syntax error near unexpected token `then'\nbash: -c: line 1: `then'\n"],
  ['fi', "bash: -c: line 1: syntax error near unexpected token `fi'\nbash: -c: line 1: `fi'\n"],
  [';;', "bash: -c: line 1: syntax error near unexpected token `;;'\nbash: -c: line 1: `;;'\n"],
  ['esac', "bash: -c: line 1: syntax error near unexpected token `esac'\nbash: -c: line 1: `esac'\n"],
  ['}', "bash: -c: line 1: syntax error near unexpected token `}'\nbash: -c: line 1: `}'\n"],
  ["echo 'a", "bash: -c: line 1: unexpected EOF while looking for matching `''\nbash: -c: line 2: syntax error: unexpected end of file\n"],
  ['echo "a', 'bash: -c: line 1: unexpected EOF while looking for matching `"\'\nbash: -c: line 2: syntax error: unexpected end of file\n'],
  ['if true; then', 'bash: -c: line 2: syntax error: unexpected end of file\n'],
  ['for x in a; do', 'bash: -c: line 2: syntax error: unexpected end of file\n'],
  ['echo a\nfi', "bash: -c: line 2: syntax error near unexpected token `fi'\nbash: -c: line 2: `fi'\n"],
];

describe("bash's syntax errors", () => {
  it.each(RECORDED)('bash -c %j', async (program, stderr) => {
    const t = new TestTerminal();
    t.hosts.get('host')?.fs.writeFile('/tmp/program', program);
    expect((await t.run('bash -c "$(cat /tmp/program)"; echo rc=$?')).output).toBe(stderr + 'rc=2\n');
  });

  it('names only the token at the prompt', async () => {
    const t = new TestTerminal();
    expect((await t.run('done')).output).toBe("bash: syntax error near unexpected token `done'\n");
    expect((await t.run('echo a; fi; echo $?')).output).toBe("bash: syntax error near unexpected token `fi'\n");
  });
});
