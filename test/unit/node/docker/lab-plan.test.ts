import { describe, expect, it } from 'vitest';
import { labFileScenario, MY_LAB, SCENARIOS } from '../../../../src-main/core/simlab/scenarios.js';
import { labPlan, SCENARIO_IMAGE } from '../../../../src-main/node/docker/lab-plan.js';
import { enter, networkScript, probeCommand, shellCommand, stepCommand } from '../../../../src-main/node/docker/lab-setup.js';
import { RC_PATH } from '../../../../src-main/node/docker/shell-rc.js';

describe('lab plan from the simulator scenarios', () => {
  it('has a plan for every simulator scenario, with its steps unchanged', () => {
    for (const scenario of SCENARIOS) {
      expect(labPlan(scenario.name).steps).toEqual(scenario.steps);
    }
  });

  it("plans a learner's lab file through the scenario resolver it is given", () => {
    const found = labFileScenario('containers:\n  - name: solo\n    ports: ["8080:80"]\n');
    if (!('scenario' in found)) throw new Error(found.errors.join('\n'));
    const plan = labPlan(MY_LAB, (name) => (name === MY_LAB ? found.scenario : undefined));
    expect(plan.scenario).toBe(MY_LAB);
    expect(plan.steps).toEqual([{ on: 'host', run: `docker run -dit --name solo --hostname solo -p 8080:80 ${SCENARIO_IMAGE} bash` }]);
    expect(() => labPlan(MY_LAB)).toThrow(/unknown scenario "my-lab"/);
  });

  it("tags the lab's container image with the name the scenarios run", () => {
    const images = SCENARIOS.flatMap((s) => s.steps)
      .map((step) => ('run' in step ? /^docker run\b.*\s(\S+\/\S+:\S+)\s+\S+$/.exec(step.run)?.[1] : undefined))
      .filter((image): image is string => Boolean(image));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toBe(SCENARIO_IMAGE);
  });

  it("builds the article's lab network with the simulator's addresses and MACs", () => {
    const script = networkScript(labPlan('article'));
    expect(script).toContain('ip addr add 172.16.211.128/24 brd + dev ens160 valid_lft 1800 preferred_lft 1800');
    expect(script).toContain('ip link add ens160 address 00:0c:29:75:99:27 type veth');
    expect(script).toContain('ip route add default via 172.16.211.2 dev ens160 proto dhcp src 172.16.211.128 metric 100');
    expect(script).toContain('nsenter --net=/run/docker-networking-explorer/netns/host01 ip addr add 172.16.211.1/24 dev eth0');
    expect(script).toContain('nsenter --net=/run/docker-networking-explorer/netns/host02 ip addr add 172.16.211.3/24 dev eth0');
    expect(script).toContain('nsenter --net=/run/docker-networking-explorer/netns/gateway sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratelimit=0');
    // The lab's own namespaces stay out of /run/netns, which `ip netns` lists.
    expect(script).not.toMatch(/ip netns add|ip -n /);
  });

  it('keeps IPv6 chatter off the lab network: none in the switch and outside hosts, no listener reports from the host', () => {
    const script = networkScript(labPlan('article'));
    for (const ns of ['lab-switch', 'host01', 'host02', 'gateway']) {
      expect(script).toContain(`nsenter --net=/run/docker-networking-explorer/netns/${ns} sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1`);
    }
    expect(script).toContain('ip6tables -A OUTPUT -p icmpv6 --icmpv6-type 143 -j DROP');
  });
});

describe('scenario steps', () => {
  it('types console steps into the container and detaches with Ctrl-P Ctrl-Q', () => {
    const [, , script] = stepCommand(labPlan('article'), { console: 'web', type: 'python3 -m http.server 80' });
    expect(script).toContain("printf '%s\\r' 'python3 -m http.server 80'");
    expect(script).toContain("timeout -k 2 20 script -qfec 'docker attach --sig-proxy=false web' /dev/null");
    expect(script).toContain("printf '\\x10\\x11'");
  });

  it('runs command steps on their host like a probe', () => {
    expect(stepCommand(labPlan('article'), { on: 'host', run: 'docker ps' })).toEqual(probeCommand(labPlan('article'), 'host', 'docker ps', 60_000));
  });
});

describe('entering lab hosts from the lab host', () => {
  const plan = labPlan('article');

  it('runs host commands directly, container commands through the inner docker, outside hosts in their namespaces', () => {
    expect(enter(plan, 'host', false)).toEqual([]);
    expect(enter(plan, 'c1', false)).toEqual(['docker', 'exec', '-i', 'c1']);
    expect(enter(plan, 'web', true)).toEqual(['docker', 'exec', '-it', '-e', 'TERM=xterm-256color', 'web']);
    // Its network and UTS namespaces, and a mount namespace where /sys shows its devices (as ip netns exec makes one).
    expect(enter(plan, 'host01', false).join(' ')).toBe(
      'nsenter --net=/run/docker-networking-explorer/netns/host01 --uts=/run/docker-networking-explorer/uts/host01 unshare --mount sh -c mount -t sysfs sysfs /sys && exec "$@" sh',
    );
    expect(() => enter(plan, '../etc', false)).toThrow(/no lab host/);
  });

  it('starts shells with the shell-integration rcfile and bounds probes with a kill timeout', () => {
    expect(shellCommand(plan, 'c2')).toEqual([...enter(plan, 'c2', true), 'bash', '--rcfile', RC_PATH, '-i']);
    expect(probeCommand(plan, 'host', 'ip route', 2500)).toEqual(['timeout', '-s', 'KILL', '3', 'bash', '-c', '{\nip route\n} 2>&1']);
  });
});
