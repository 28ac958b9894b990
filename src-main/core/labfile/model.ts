// A learner's own lab, as its file describes it, and the command lines that
// build it on either backend (the way the built-in scenarios are written).

export interface LabFileNetwork {
  name: string;
  /** CIDR; Docker picks one when absent. */
  subnet?: string;
}

export interface LabFileContainer {
  name: string;
  image?: string;
  /** `bridge` (the default bridge) or user-defined networks; the first is the one `docker run` joins. */
  networks?: string[];
  /** As `docker run -p` takes them. */
  ports?: string[];
  /** Typed into the container's console once it runs (its main shell), as the article starts web's server. */
  command?: string;
}

export interface LabFile {
  title?: string;
  networks?: LabFileNetwork[];
  containers: LabFileContainer[];
  /** Command lines each outside machine runs when the lab starts (routes, servers). */
  outside?: Partial<Record<string, { run?: string[] }>>;
}

/** A command line run on a host, or keystrokes typed into a container's console (as core/simlab's ScenarioStep). */
export type LabFileStep = { on: string; run: string } | { console: string; type: string };

export const DEFAULT_IMAGE = 'lab/debian:bookworm';

/** A starting point for the learner's own lab. */
export const STARTER_LAB_FILE = `# My lab: containers, user-defined networks and what the outside machines run.
title: Two containers on a network of my own
networks:
  - name: blue
    subnet: 10.10.0.0/24
containers:
  - name: app
    networks: [blue]
    ports: ["8080:80"]
    command: python3 -m http.server 80
  - name: probe
    networks: [blue, bridge]
outside:
  host01:
    run:
      - ip route add 10.10.0.0/24 via 172.16.211.128
`;
