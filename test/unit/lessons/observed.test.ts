// Observed checks on real tool output, read by core/facts: any format that
// shows the fact passes; typed text, counts and other places do not; each
// failure names the one difference that matters and ends with the hint.
import { describe, expect, it } from 'vitest';
import type { CommandRecord } from '../../../src-main/core/api/lab.js';
import { evaluateObserved } from '../../../src-main/core/lessons/checks/observed.js';
import type { ObservedCheck } from '../../../src-main/core/lessons/model.js';

const BINDINGS = { 'host.ip': '172.16.211.128', 'web.ip': '172.17.0.5', 'docker0.subnet': '172.17.0.0/16' };

const NAT_S = `-P PREROUTING ACCEPT
-N DOCKER
-A DOCKER -i docker0 -j RETURN
-A DOCKER -d 172.16.211.128/32 ! -i docker0 -p tcp -m tcp --dport 81 -j DNAT --to-destination 172.17.0.5:80
`;
const NAT_L_NAMES = `Chain DOCKER (2 references)
target     prot opt source               destination
RETURN     all  --  anywhere             anywhere
DNAT       tcp  --  anywhere             172.16.211.128       tcp dpt:81 to:172.17.0.5:80
`;
const FILTER_L = `Chain DOCKER (1 references)
target     prot opt source               destination
ACCEPT     tcp  --  0.0.0.0/0            172.17.0.5           tcp dpt:80
`;
const POSTROUTING_NO_V = `Chain POSTROUTING (policy ACCEPT)
target     prot opt source               destination
MASQUERADE  all  --  172.17.0.0/16        0.0.0.0/0
`;

const dnat: ObservedCheck = {
  id: 'dnat-rule',
  kind: 'observed',
  terminal: 'host',
  fact: 'iptables-rule',
  where: { table: 'nat', target: 'DNAT', 'destination.cidr': '{{host.ip}}/32', 'extras.dport.port': 81, 'extras.toDestination': '{{web.ip}}:80' },
  expect: 'the DNAT rule translating {{host.ip}}:81 to {{web.ip}}:80',
  hint: 'List the nat table.',
};
const masqueradeCounted: ObservedCheck = {
  id: 'counted',
  kind: 'observed',
  fact: 'iptables-rule',
  where: { table: 'nat', chain: 'POSTROUTING', target: 'MASQUERADE', packets: 1 },
  expect: 'the MASQUERADE rule counting one packet',
  hint: 'List with -v.',
};

let seq = 0;
function rec(command: string, output: string, terminal = 'host'): CommandRecord {
  return { seq: seq++, terminal, command, output, exitCode: 0, startedAt: 0, endedAt: 1 };
}
const ctx = (...records: CommandRecord[]) => ({ records, stepStartSeq: records[0]?.seq ?? 0, bindings: BINDINGS });

describe('observed checks', () => {
  it('pass on the fact in any format that shows it', () => {
    for (const [command, output] of [
      ['iptables -t nat -S', NAT_S],
      ['iptables-save -t nat', `*nat\n:DOCKER - [0:0]\n${NAT_S.split('\n').filter((l) => l.startsWith('-A')).join('\n')}\nCOMMIT\n`],
      ['iptables -t nat -L DOCKER', NAT_L_NAMES],
      ['iptables -t nat -L | grep DNAT', NAT_L_NAMES.split('\n')[3]],
    ]) {
      expect(evaluateObserved(dnat, ctx(rec(command, output))), command).toMatchObject({ status: 'pass' });
    }
  });

  it('never count text typed with echo, even on one line with the tool', () => {
    const line = NAT_S.split('\n')[3];
    const typed = evaluateObserved(dnat, ctx(rec(`echo '${line}'`, `${line}\n`)));
    expect(typed.status).toBe('fail');
    expect(typed.seen).toContain('only repeats text that was typed');
    const mixed = evaluateObserved(dnat, ctx(rec(`iptables -t nat -S PREROUTING; echo '${line}'`, `-P PREROUTING ACCEPT\n${line}\n`)));
    expect(mixed.status).toBe('fail');
    expect(mixed.seen).toContain('several commands');
  });

  it('names the wrong table, and says how to ask for the right one', () => {
    const result = evaluateObserved(dnat, ctx(rec('iptables -L DOCKER -n', FILTER_L)));
    expect(result.explanation).toBe(
      'Wanted: the DNAT rule translating 172.16.211.128:81 to 172.17.0.5:80.\n' +
        'The nearest attempt, `iptables -L DOCKER -n` in host, showed ACCEPT     tcp  --  0.0.0.0/0            172.17.0.5           tcp dpt:80' +
        ' — but it lists the filter table, and this is in the nat table (`-t nat`).\n' +
        'Hint: List the nat table.',
    );
  });

  it('says that counters need -v', () => {
    const result = evaluateObserved(masqueradeCounted, ctx(rec('iptables -t nat -L POSTROUTING -n', POSTROUTING_NO_V)));
    expect(result.seen).toContain('that listing has no counters: iptables prints them only with `-v`');
  });

  it('says where the tool ran when it was the wrong place', () => {
    const check: ObservedCheck = { ...dnat, terminal: 'c1' };
    expect(evaluateObserved(check, ctx(rec('iptables -t nat -S', NAT_S))).seen).toBe(
      '`iptables -t nat -S` in host showed it, but it ran in host, and this has to be seen in c1.',
    );
  });

  it('tells a count of lines from the lines', () => {
    const result = evaluateObserved(dnat, ctx(rec('iptables -t nat -S | wc -l', '4\n')));
    expect(result.seen).toBe('`iptables -t nat -S | wc -l` in host printed a count of lines (through `wc`), not the lines themselves, so it shows no iptables rule.');
  });

  it('only sees the current step unless told otherwise', () => {
    const early = rec('iptables -t nat -S', NAT_S);
    const later = rec('ip a', '');
    const stepOnly = { records: [early, later], stepStartSeq: later.seq, bindings: BINDINGS };
    expect(evaluateObserved(dnat, stepOnly).status).toBe('fail');
    expect(evaluateObserved({ ...dnat, since: 'chapter' }, stepOnly).status).toBe('pass');
    expect(evaluateObserved(dnat, { records: [], stepStartSeq: 0, bindings: BINDINGS }).seen).toBe('No command has run in this step yet.');
  });
});
