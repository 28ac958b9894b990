import { describe, expect, it } from 'vitest';
import { attribute } from '../../../src-main/core/lessons/attribution.js';

const at = (command: string, terminal = 'host') => attribute({ command, terminal });

describe('attribution of a command line', () => {
  it('names the first command of a pipeline as the producer and keeps the filters', () => {
    expect(at('iptables -t nat -L -v -n | grep -i dnat | head -n 3')).toEqual({
      kind: 'tool',
      producer: { tool: 'iptables', argv: ['-t', 'nat', '-L', '-v', '-n'] },
      place: 'host',
      filters: ['grep', 'head'],
      counted: false,
    });
  });

  it('marks a count of lines as counted, not seen', () => {
    expect(at('curl -s http://172.16.211.128:81/ | wc -l')).toMatchObject({ kind: 'tool', counted: true });
  });

  it('observes nothing from typed text', () => {
    for (const command of ["echo 'docker0 UP 172.17.0.1/16'", "printf '64 bytes from x\\n'", 'cat notes.txt']) {
      expect(at(command)).toMatchObject({ kind: 'none', reason: expect.stringContaining('only repeats text') });
    }
  });

  it("reads the kernel's own files through cat", () => {
    expect(at('cat /proc/sys/net/ipv4/ip_forward')).toMatchObject({ kind: 'tool', producer: { tool: 'cat' } });
  });

  it('refuses a line whose commands would mix their outputs, but not one with silent commands', () => {
    expect(at("ip -br addr show lo; echo 'docker0 UP 172.17.0.1/16'")).toMatchObject({ kind: 'none', reason: expect.stringContaining('several commands') });
    expect(at('ip a && ip r')).toMatchObject({ kind: 'none' });
    expect(at('sleep 1; ping -c 1 172.17.0.3')).toMatchObject({ kind: 'tool', producer: { tool: 'ping' } });
  });

  it('sees nothing when stdout goes to a file, and keeps it when only stderr moves', () => {
    expect(at('ip a > /tmp/out')).toMatchObject({ kind: 'none', reason: expect.stringContaining('file') });
    expect(at('ip a 2>/dev/null')).toMatchObject({ kind: 'tool' });
    expect(at('ip a 2>&1 | head')).toMatchObject({ kind: 'tool', filters: ['head'] });
  });

  it('refuses output reshaped by a command that is not a filter', () => {
    expect(at('ip a | xargs echo')).toMatchObject({ kind: 'none', reason: expect.stringContaining('xargs') });
  });

  it('looks through docker exec, nsenter, sudo and timeout, and names where the tool ran', () => {
    expect(at('docker exec -it c1 ping -c 1 172.17.0.3')).toMatchObject({ producer: { tool: 'ping' }, place: 'c1' });
    expect(at('nsenter -t 1003 -n ip link')).toMatchObject({ producer: { tool: 'ip', argv: ['link'] }, place: 'host' });
    expect(at('sudo timeout 5 tcpdump -ni docker0')).toMatchObject({ producer: { tool: 'tcpdump', argv: ['-ni', 'docker0'] } });
  });

  it('reads a command substitution as one word', () => {
    const line = "docker exec c1 ping -c 1 -W 1 $(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' c4)";
    expect(at(line)).toMatchObject({ producer: { tool: 'ping', argv: ['-c', '1', '-W', '1', '$(…)'] }, place: 'c1' });
  });
});
