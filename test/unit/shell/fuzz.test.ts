// Nothing typed may throw out of the shell: random lines through the parser
// and random keystroke sequences through a whole session.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../src-main/core/shell/bash/syntax.js';
import { splitKeys } from '../../../src-main/core/shell/keys.js';
import { TestTerminal } from './harness.js';

const shellish = fc.stringMatching(/^[a-z0-9 '"\\$(){}|;&<>#=*~\-./\t!?]{0,60}$/);
const keystroke = fc.oneof(
  fc.constantFrom('\r', '\x03', '\x04', '\x0c', '\t', '\x7f', '\x01', '\x05', '\x0b', '\x15', '\x17', '\x12', '\x07', '\x1b', '\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[H', '\x1b[F', '\x1b[3~', '\x1b[1;5C', '\x1bb'),
  fc.constantFrom('echo ', 'ls ', 'cat ', 'sleep 1', '$(', '"', "'", '|', '&&', ' > /tmp/x', 'history', 'jobs', 'exit', 'bash', 'sysctl ', 'nsenter ', 'jq .'),
  fc.string({ maxLength: 4 }),
);

describe('shell fuzz', () => {
  it('parseScript never throws on random lines', () => {
    fc.assert(
      fc.property(fc.oneof(shellish, fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 })), (line) => {
        const result = parseScript(line);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 5_000, seed: 20261207 },
    );
  });

  it('splitKeys consumes every character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (data) => {
        const text = splitKeys(data)
          .map((k) => (k.kind === 'text' ? k.text : ''))
          .join('');
        expect(text.length).toBeLessThanOrEqual(data.length);
      }),
      { numRuns: 5_000, seed: 20261207 },
    );
  });

  it('random keystrokes never break a session, and it keeps answering', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(keystroke, { maxLength: 30 }), async (keys) => {
        const t = new TestTerminal();
        const errors: unknown[] = [];
        for (const key of keys) {
          try {
            t.session.write(key);
          } catch (err) {
            errors.push(err);
          }
          await t.clock.advance(50);
        }
        expect(errors).toEqual([]);
        expect(t.raw).not.toContain('internal error');
        // Unless the shell exited, Ctrl-C twice then a command still works.
        if (t.exitCode === undefined) {
          t.session.write('\x03\x03');
          await t.settle(5000);
          t.session.write('\x03');
          await t.settle(5000);
          if (!t.session.busy) {
            const record = await t.run('echo alive');
            expect(record.output.endsWith('alive\n')).toBe(true);
          }
        }
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });
});

// cspell:words shellish
