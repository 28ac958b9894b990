// The article's experiments on the simulated lab, checking that the iptables
// counters move as they do on Linux: nat counts a connection's first packet,
// filter counts every packet.
import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from '../../../../src-main/core/lab/runner.js';
import { SimBackend } from '../../../../src-main/core/simlab/backend.js';

/** `iptables -S -v` lines as `rule -> [packets, bytes]`. */
function counters(output: string): Map<string, [number, number]> {
  const map = new Map<string, [number, number]>();
  for (const line of output.split('\n')) {
    const m = /^(-A .*) -c (\d+) (\d+)$/.exec(line);
    if (m) map.set(m[1], [Number(m[2]), Number(m[3])]);
  }
  return map;
}

async function step(backend: SimBackend, lines: string[]) {
  // Other terminals do not wait for each other: give the traffic time to finish.
  const result = await runScript(backend, parseScript([...lines, 'wait 4', '@host iptables -t nat -S -v', '@host iptables -t filter -S -v'].join('\n')));
  expect(result.error).toBeUndefined();
  const [nat, filter] = result.commands.slice(-2).map((c) => counters(c.output));
  return { nat, filter, commands: result.commands };
}

const PRE = '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER';
const RET = '-A DOCKER -i docker0 -j RETURN';
const DNAT = '-A DOCKER -d 172.16.211.128/32 ! -i docker0 -p tcp -m tcp --dport 81 -j DNAT --to-destination 172.17.0.5:80';
const MASQ = '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE';
const USER = '-A FORWARD -j DOCKER-USER';
const CT = '-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT';
const TO_DOCKER = '-A FORWARD -o docker0 -j DOCKER';
const OUT = '-A FORWARD -i docker0 ! -o docker0 -j ACCEPT';
const PUBLISHED = '-A DOCKER -d 172.17.0.5/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT';

describe('the article\'s experiments move the counters as Linux does', () => {
  it('ping the host, ping Host01, browse the published web server', async () => {
    const backend = new SimBackend();
    await backend.start('article');

    // c1 -> the host's own address: one ICMP connection enters nat PREROUTING and returns from DOCKER.
    let s = await step(backend, ['@c1 ping -c 3 172.16.211.128']);
    expect(s.nat.get(PRE)).toEqual([1, 84]);
    expect(s.nat.get(RET)).toEqual([1, 84]);
    expect(s.filter.get(USER)).toEqual([0, 0]);

    // c1 -> Host01: routed, masqueraded once; the request leaves by rule 5, the reply returns by the ctstate rule.
    s = await step(backend, ['@c1 ping -c 1 172.16.211.1']);
    expect(s.nat.get(MASQ)).toEqual([1, 84]);
    expect(s.filter.get(USER)).toEqual([2, 168]);
    expect(s.filter.get(OUT)).toEqual([1, 84]);
    expect(s.filter.get(CT)).toEqual([1, 84]);
    expect(s.filter.get(TO_DOCKER)).toEqual([0, 0]);

    // Host01 -> 172.16.211.128:81: DNAT and the filter DOCKER accept see only the SYN.
    s = await step(backend, ['@host01 curl -s -o /dev/null http://172.16.211.128:81/']);
    expect(s.commands[0].exitCode).toBe(0);
    expect(s.nat.get(DNAT)).toEqual([1, 60]);
    expect(s.nat.get(PRE)).toEqual([2, 144]);
    expect(s.filter.get(PUBLISHED)).toEqual([1, 60]);
    expect(s.filter.get(TO_DOCKER)).toEqual([1, 60]);
    const [packets] = s.filter.get(USER)!;
    const [inbound] = s.filter.get(CT)!;
    const [outbound] = s.filter.get(OUT)!;
    // Every forwarded packet of the connection is counted exactly once by one of the three accepting rules.
    expect(packets - 2).toBe(inbound - 1 + (outbound - 1) + 1);
    expect(outbound - 1).toBeGreaterThanOrEqual(3); // SYN-ACK, the response, the server's FIN at least
    await backend.dispose();
  }, 60_000);
});
