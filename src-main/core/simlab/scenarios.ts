// Starting states of the lab, as data: each is the Docker host world plus
// command lines run in hidden sessions, in order, the way a learner would.
/** A command line run on a host in a hidden session, or keystrokes typed into a container's console. */
export type ScenarioStep = { on: string; run: string } | { console: string; type: string };

export interface Scenario {
  name: string;
  description: string;
  steps: ScenarioStep[];
}

const LAB_IMAGE = 'lab/debian:bookworm';

const runContainer = (name: string, extra = ''): ScenarioStep => ({
  on: 'host',
  run: `docker run -dit --name ${name} --hostname ${name}${extra} ${LAB_IMAGE} bash`,
});

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'fresh',
    description: 'The Docker host with the daemon running and no containers yet; Host01 and Host02 on the lab network.',
    steps: [],
  },
  {
    name: 'no-web',
    description: 'c1, c2 and c3 running on the default bridge; no web container yet (the learner starts it).',
    steps: [runContainer('c1'), runContainer('c2'), runContainer('c3')],
  },
  {
    name: 'article',
    description:
      "The article's lab fully up: c1, c2, c3 and web running, web serving `python3 -m http.server 80` in its attached shell (docker attach web; Ctrl-P Ctrl-Q detaches) and published on 172.16.211.128:81.",
    steps: [
      runContainer('c1'),
      runContainer('c2'),
      runContainer('c3'),
      runContainer('web', ' -p 172.16.211.128:81:80'),
      { console: 'web', type: 'python3 -m http.server 80' },
    ],
  },
  {
    name: 'reference',
    description:
      'The lab as ../shared/tools/real-lab.sh builds it for the reference transcripts: as the article, but the web server started with docker exec -d (so docker logs web stays empty).',
    steps: [
      runContainer('c1'),
      runContainer('c2'),
      runContainer('c3'),
      runContainer('web', ' -p 172.16.211.128:81:80'),
      { on: 'host', run: 'docker exec -d web python3 -m http.server 80' },
    ],
  },
];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
