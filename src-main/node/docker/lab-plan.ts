// What the real lab builds inside the lab host: the Docker host's lab-network
// interface, the outside hosts on that network, and the containers with the
// options they are started with.

export interface PublishedPortPlan {
  hostIp: string;
  hostPort: number;
  containerPort: number;
}

export interface ContainerPlan {
  name: string;
  hostname: string;
  publish: PublishedPortPlan[];
  /** A service started in the background once the container runs, e.g. the web server. */
  service?: string[];
  /** Where the service answers once it is up, checked before the lab is ready. */
  serviceUrl?: string;
}

export interface OutsideHostPlan {
  /** Terminal name and network namespace name. */
  name: string;
  hostname: string;
  /** CIDR on the lab network. */
  address: string;
}

export interface LabPlan {
  scenario: string;
  hostname: string;
  /** The Docker host's interface on the lab network. */
  labIface: string;
  /** CIDR, e.g. 172.16.211.128/24. */
  labAddress: string;
  gateway: string;
  /** docker0's address, as dockerd's --bip takes it. */
  bridgeCidr: string;
  outsideHosts: OutsideHostPlan[];
  /** Started in this order, so the engine hands out addresses in this order. */
  containers: ContainerPlan[];
}

function hostOnly(cidr: string): string {
  return cidr.split('/')[0];
}

export function labIp(plan: LabPlan): string {
  return hostOnly(plan.labAddress);
}

export function isContainer(plan: LabPlan, name: string): boolean {
  return plan.containers.some((c) => c.name === name);
}

export function outsideHost(plan: LabPlan, name: string): OutsideHostPlan | undefined {
  return plan.outsideHosts.find((h) => h.name === name);
}
