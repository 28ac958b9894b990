// Docker's embedded DNS (127.0.0.11): containers on a user-defined network find
// each other by name, short id and network alias; the default bridge has no names.
import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from '../../../../src-main/core/lab/runner.js';
import { SimBackend } from '../../../../src-main/core/simlab/backend.js';

async function outputs(lines: string[]): Promise<string[]> {
  const backend = new SimBackend();
  await backend.start('article');
  const result = await runScript(backend, parseScript(lines.join('\n')), { drainMs: 5000 });
  await backend.dispose();
  expect(result.error).toBeUndefined();
  return result.commands.map((c) => c.output);
}

const SETUP = [
  '@host docker network create labnet',
  '@host docker run -d --name n1 --network labnet --network-alias alpha lab/debian:bookworm sleep 300',
  '@host docker run -d --name n2 --network labnet lab/debian:bookworm sleep 300',
];

describe('embedded DNS on a user-defined network', () => {
  it('resolves names and aliases for ping, as the real engine prints it', async () => {
    const [, , , byName, byAlias, byNetworkName, userResolv, bridgeResolv] = await outputs([
      ...SETUP,
      '@host docker exec n2 ping -c 1 n1',
      '@host docker exec n2 ping -c 1 alpha',
      '@host docker exec n2 ping -c 1 n1.labnet',
      '@host docker exec n2 cat /etc/resolv.conf',
      '@host docker exec c2 cat /etc/resolv.conf',
    ]);
    const time = (text: string) => text.replace(/time=[\d.]+ ms/g, 'time=T ms').replace(/= [\d./]+ ms/, '= R ms');
    expect(time(byName)).toBe(
      'PING n1 (172.18.0.2) 56(84) bytes of data.\n64 bytes from n1.labnet (172.18.0.2): icmp_seq=1 ttl=64 time=T ms\n\n--- n1 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\nrtt min/avg/max/mdev = R ms\n',
    );
    expect(byAlias).toMatch(/^PING alpha \(172\.18\.0\.2\)[^]*64 bytes from n1\.labnet \(172\.18\.0\.2\)/);
    expect(byNetworkName).toMatch(/^PING n1\.labnet \(172\.18\.0\.2\)/);
    expect(userResolv).toBe('nameserver 127.0.0.11\noptions ndots:0\n');
    expect(bridgeResolv).not.toContain('127.0.0.11');
  });

  it('answers curl, and only for containers that share the network and run', async () => {
    const out = await outputs([
      ...SETUP,
      '@host docker exec n1 curl -sS -m 1 http://n2:80/',
      '@host docker exec c2 ping -c 1 -W 1 c1',
      '@host docker exec n2 ping -c 1 -W 1 c1',
      '@host docker inspect -f "{{json .NetworkSettings.Networks.labnet.Aliases}}" n1',
      '@host docker stop -t 0 n1',
      '@host docker exec n2 ping -c 1 -W 1 n1',
    ]);
    const [, , , curl, bridgePing, crossPing, aliases, , stoppedPing] = out;
    // Resolved (connection refused: nothing listens on n2:80), not "Could not resolve host".
    expect(curl).toMatch(/^curl: \(7\) Failed to connect to n2 port 80/);
    // On the default bridge the lab gateway is asked, and refuses; the embedded server knows the name does not exist.
    expect(bridgePing).toBe('ping: c1: Temporary failure in name resolution\n');
    expect(crossPing).toBe('ping: c1: Name or service not known\n');
    expect(stoppedPing).toBe('ping: n1: Name or service not known\n');
    expect(aliases).toMatch(/^\["alpha","[0-9a-f]{12}"\]\n$/);
  });

  it('accepts an alias on the default bridge but answers no names there, as 20.10 does', async () => {
    const [run, ping, self] = await outputs([
      '@host docker run -d --name xx --network-alias a1 lab/debian:bookworm sleep 300',
      '@host docker exec c1 ping -c 1 -W 1 a1',
      '@host docker exec c1 ping -c 1 -W 1 c1',
    ]);
    expect(run).toMatch(/^[0-9a-f]{64}\n$/);
    expect(ping).toBe('ping: a1: Temporary failure in name resolution\n');
    // Its own name is in /etc/hosts: the reply shows the reverse name from there.
    expect(self).toMatch(/^PING c1 \(172\.17\.0\.2\)[^]*64 bytes from c1 \(172\.17\.0\.2\)/);
  });

  it('rejects one-character container names, as the daemon does', async () => {
    const [out] = await outputs(['@host docker run -d --name y lab/debian:bookworm sleep 1']);
    expect(out).toBe("docker: Error response from daemon: Invalid container name (y), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed.\nSee 'docker run --help'.\n");
  });
});
