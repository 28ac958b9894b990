import { describe, expect, it } from 'vitest';
import { compileRegex, fill, findBindings, findHardCodedValues, positionIn, UnknownBindingError } from '../../../src-main/core/lessons/bindings.js';

const values = {
  'c1.ip': '172.17.0.2',
  'c1.mac': '02:42:ac:11:00:02',
  'c1.veth': 'veth6f01414',
  'c1.id': 'cd9d9d588a2c',
  'c1.pid': '4242',
  'c1.hostname': 'c1',
  'host.ip': '172.16.211.128',
  'web.hostIp': '172.16.211.128',
  'host.iface': 'ens160',
};

describe('bindings', () => {
  it('finds {{object.property}} and leaves Go templates alone', () => {
    expect(findBindings("{{c1.ip}} {{ host.iface }} {{.State.Pid}} {{end}} {{json .Config}}").map((b) => b.name)).toEqual(['c1.ip', 'host.iface']);
  });

  it('fills commands as they are and patterns escaped', () => {
    expect(fill('ping -c 1 {{c1.ip}}', values)).toBe('ping -c 1 172.17.0.2');
    const pattern = compileRegex('^ping .*{{c1.ip}}$', values);
    expect(pattern.test('ping -c 1 172.17.0.2')).toBe(true);
    expect(pattern.test('ping -c 1 172a17b0c2')).toBe(false);
    expect(() => fill('{{c9.ip}}', values)).toThrow(UnknownBindingError);
  });

  it('finds lab-specific values written out, and suggests the binding', () => {
    const text = 'c1 (172.17.0.2, 02:42:ac:11:00:02) on veth6f01414; DNAT to:172.16.211.128:81\nnot 172.17.0.21 or 172.17.0.2.5, pid 4242, cd9d9d588a2c';
    const found = findHardCodedValues(text, values).map((f) => [f.value, f.name, positionIn(text, f.index)]);
    expect(found).toEqual([
      ['172.17.0.2', 'c1.ip', { line: 1, col: 5 }],
      ['02:42:ac:11:00:02', 'c1.mac', { line: 1, col: 17 }],
      ['veth6f01414', 'c1.veth', { line: 1, col: 39 }],
      ['172.16.211.128', 'host.ip', { line: 1, col: 60 }],
      ['cd9d9d588a2c', 'c1.id', { line: 2, col: 44 }],
    ]);
  });
});
