import { describe, expect, it } from 'vitest';
import { commandAnnouncement } from '../../../src-renderer/lib/terminal/announce.js';

describe('commandAnnouncement', () => {
  it('reads the output with the terminal name and a failing status', () => {
    expect(commandAnnouncement({ terminal: 'c1', output: 'PING 172.17.0.1\n\n1 received\n', exitCode: 0 })).toBe('c1: PING 172.17.0.1. 1 received.');
    expect(commandAnnouncement({ terminal: 'host', output: '', exitCode: 127 })).toBe('host: no output. Exit status 127.');
  });

  it('keeps the last lines of a long listing and says so', () => {
    const output = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const text = commandAnnouncement({ terminal: 'host', output, exitCode: 0 });
    expect(text.startsWith('host (last 8 of 20 lines): line 13.')).toBe(true);
    expect(text.endsWith('line 20.')).toBe(true);
  });
});
