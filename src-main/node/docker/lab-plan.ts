// What the real lab builds inside the lab host, from the same data the
// simulator uses: the article's outside world (core/sim/net/outside-world.ts
// LAB) and a scenario's command lines (core/simlab/scenarios.ts).
import { LAB } from '../../core/sim/net/outside-world.js';
import { findScenario, SCENARIOS, type ScenarioResolver } from '../../core/simlab/scenarios.js';

export interface OutsideHostPlan {
  /** Terminal name and network namespace name. */
  name: string;
  hostname: string;
  /** CIDR on the lab network. */
  address: string;
  mac: string;
  /** True for the lab network's router. */
  router: boolean;
}

/** A scenario step: a command line run on a host, or keystrokes typed into a container's console. */
export type LabStep = { on: string; run: string } | { console: string; type: string };

export interface LabPlan {
  scenario: string;
  hostname: string;
  /** The Docker host's interface on the lab network. */
  labIface: string;
  /** CIDR, e.g. 172.16.211.128/24. */
  labAddress: string;
  labMac: string;
  gateway: string;
  /** docker0's address, as dockerd's --bip takes it. */
  bridgeCidr: string;
  outsideHosts: OutsideHostPlan[];
  /** The image name the scenario's `docker run` lines use; the lab's container image is tagged with it. */
  imageAlias: string;
  /** Run in order, as in the simulator. */
  steps: readonly LabStep[];
}

/** The image the simulator's scenarios name in `docker run` (core/simlab/scenarios.ts). */
export const SCENARIO_IMAGE = 'lab/debian:bookworm';

export function scenarioNames(): string[] {
  return SCENARIOS.map((s) => s.name);
}

/** `scenarios` finds the scenario by name: the built-in ones by default, a host adds the learner's own labs. */
export function labPlan(scenarioName: string, scenarios: ScenarioResolver = findScenario): LabPlan {
  const scenario = scenarios(scenarioName);
  if (!scenario) throw new Error(`unknown scenario ${JSON.stringify(scenarioName)}; known: ${scenarioNames().join(', ')}`);
  const prefix = LAB.subnet.split('/')[1];
  const outside = (name: string, ip: string, mac: string, router = false): OutsideHostPlan => ({
    name,
    hostname: name,
    address: `${ip}/${prefix}`,
    mac,
    router,
  });
  return {
    scenario: scenario.name,
    hostname: 'docker-host',
    labIface: 'ens160',
    labAddress: `${LAB.hostIp}/${prefix}`,
    labMac: LAB.hostMac,
    gateway: LAB.gatewayIp,
    bridgeCidr: '172.17.0.1/16',
    outsideHosts: [
      outside('host01', LAB.host01Ip, LAB.host01Mac),
      outside('host02', LAB.host02Ip, LAB.host02Mac),
      outside('gateway', LAB.gatewayIp, LAB.gatewayMac, true),
    ],
    imageAlias: SCENARIO_IMAGE,
    steps: scenario.steps,
  };
}

export function labIp(plan: LabPlan): string {
  return plan.labAddress.split('/')[0];
}

export function outsideHost(plan: LabPlan, name: string): OutsideHostPlan | undefined {
  return plan.outsideHosts.find((h) => h.name === name);
}
