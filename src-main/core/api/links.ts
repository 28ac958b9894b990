// Links in terminal output and lessons open only when they point to a few
// known documentation sites, over https; everything else stays text.
export const allowedLinkHosts = [
  'docs.docker.com',
  'github.com',
  'man7.org',
  'www.kernel.org',
  'netfilter.org',
  'www.netfilter.org',
  'wiki.nftables.org',
  'www.tcpdump.org',
  'developer.mozilla.org',
];

// A regex rather than URL: core/ has no DOM or Node globals. The authority
// must be a bare host name (no user info, no port) for the link to qualify.
const HTTPS_HOST = /^https:\/\/([a-z0-9.-]+)(?:[/?#]|$)/i;

export function isAllowedLink(url: string): boolean {
  const host = HTTPS_HOST.exec(url)?.[1]?.toLowerCase();
  return host !== undefined && allowedLinkHosts.includes(host);
}
