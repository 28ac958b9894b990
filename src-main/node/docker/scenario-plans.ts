// Lab plans by scenario name.
import type { LabPlan } from './lab-plan.js';

const ARTICLE: LabPlan = {
  scenario: 'article',
  hostname: 'docker-host',
  labIface: 'ens160',
  labAddress: '172.16.211.128/24',
  gateway: '172.16.211.2',
  bridgeCidr: '172.17.0.1/16',
  outsideHosts: [
    { name: 'host01', hostname: 'host01', address: '172.16.211.1/24' },
    { name: 'host02', hostname: 'host02', address: '172.16.211.3/24' },
  ],
  containers: [
    { name: 'c1', hostname: 'c1', publish: [] },
    { name: 'c2', hostname: 'c2', publish: [] },
    { name: 'c3', hostname: 'c3', publish: [] },
    {
      name: 'web',
      hostname: 'web',
      publish: [{ hostIp: '172.16.211.128', hostPort: 81, containerPort: 80 }],
      service: ['python3', '-m', 'http.server', '80'],
      serviceUrl: 'http://172.17.0.5:80/',
    },
  ],
};

export function labPlan(scenario: string): LabPlan {
  if (scenario === 'article' || scenario === 'default') return { ...ARTICLE, scenario };
  throw new Error(`unknown scenario ${JSON.stringify(scenario)}`);
}
