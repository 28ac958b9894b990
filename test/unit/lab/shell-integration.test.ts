import { describe, expect, it } from 'vitest';
import {
  ShellIntegrationParser,
  escapeCommandLine,
  mark,
  plainText,
  unescapeCommandLine,
  type FinishedCommand,
} from '../../../src-main/core/lab/shell-integration.js';

function run(chunks: string[]): { ended: FinishedCommand[]; parser: ShellIntegrationParser } {
  const ended: FinishedCommand[] = [];
  const parser = new ShellIntegrationParser((c) => ended.push(c));
  for (const chunk of chunks) parser.feed(chunk);
  return { ended, parser };
}

describe('shell integration marks', () => {
  it('round-trips command lines with separators and control characters', () => {
    const line = 'echo "a;b" \\ \t end';
    expect(escapeCommandLine(line)).not.toContain(';');
    expect(unescapeCommandLine(escapeCommandLine(line))).toBe(line);
  });

  it('reports a command with its output and exit status', () => {
    const stream =
      mark.promptStart + 'root@c1:/# ' + mark.promptEnd + 'ip route\r\n' +
      mark.commandLine('ip route') + mark.outputStart +
      'default via 172.17.0.1 dev eth0 \r\n' + mark.commandEnd(0) +
      mark.promptStart + 'root@c1:/# ' + mark.promptEnd;
    const { ended, parser } = run([stream]);
    expect(ended).toEqual([{ command: 'ip route', output: 'default via 172.17.0.1 dev eth0 \n', exitCode: 0 }]);
    expect(parser.idle).toBe(true);
  });

  it('handles marks split across chunks at every position', () => {
    const stream =
      mark.promptEnd + mark.commandLine('false') + mark.outputStart + '\x1b[31mno\x1b[0m\r\n' + mark.commandEnd(1) + mark.promptStart;
    for (let cut = 1; cut < stream.length; cut++) {
      const { ended } = run([stream.slice(0, cut), stream.slice(cut)]);
      expect(ended, `cut at ${cut}`).toEqual([{ command: 'false', output: 'no\n', exitCode: 1 }]);
    }
  });

  it('ignores an empty line at the prompt', () => {
    const { ended } = run([mark.promptEnd + mark.commandEnd(0) + mark.promptStart]);
    expect(ended).toEqual([]);
  });

  it('strips ANSI and carriage-return overwrites', () => {
    expect(plainText('\x1b[1mbold\x1b[0m\r\nab\rcd\n')).toBe('bold\ncd\n');
  });
});
