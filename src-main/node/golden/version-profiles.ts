// The one table of tool versions that legitimately differ between the lab
// host image (Debian bullseye) and what the simulator prints (the article's
// host). Parity applies every profile to both sides, so a version's wording
// is named once here instead of normalized case by case.
import type { Replacement } from '../../core/lab/transcript-normalize.js';

export interface VersionProfile {
  tool: string;
  /** The version the simulator speaks. */
  simulated: string;
  /** The version in the lab host image. */
  labHost: string;
  /** Rewrites of the lab host's wording into the simulated one. */
  rules: Replacement[];
}

export const VERSION_PROFILES: readonly VersionProfile[] = [
  {
    tool: 'tcpdump',
    simulated: '4.9.3',
    labHost: '4.99.0',
    rules: [
      { pattern: /use -v\[v\]\.\.\. for full/g, with: 'use -v or -vv for full' },
      { pattern: /snapshot length/g, with: 'capture size' },
      { pattern: /can.t parse filter expression: syntax error/g, with: 'syntax error in filter expression: syntax error' },
    ],
  },
  {
    tool: 'iptables',
    simulated: '1.8.9 (protocol numbers in -L)',
    labHost: '1.8.7 legacy (protocol names in -L)',
    rules: [
      { pattern: / 0 {4}-- /g, with: ' all  -- ' },
      { pattern: / 6 {4}-- /g, with: ' tcp  -- ' },
      { pattern: / 17 {3}-- /g, with: ' udp  -- ' },
      { pattern: / 1 {4}-- /g, with: ' icmp -- ' },
    ],
  },
];

/** Every profile's rules, in table order. */
export const VERSION_RULES: readonly Replacement[] = VERSION_PROFILES.flatMap((p) => p.rules);
