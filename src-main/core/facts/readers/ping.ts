// ping (iputils, and busybox's shorter lines): the target line, each reply,
// the error lines (From X ... Unreachable, name and connect errors, timeouts)
// and the statistics, which a Ctrl-C still prints.
import type { Fact, PingErrorKind, PingStatisticsFact } from '../model.js';
import { canonicalAddress, decimal, integer, outputLines } from './common.js';

const START = /^PING (\S+) \(([^)]+)\) (\d+)\(\d+\) bytes of data\.?$|^PING (\S+) \(([^)]+)\): (\d+) data bytes$/;
const REPLY = /^(\d+) bytes from (?:(\S+) \(([^)]+)\)|([^\s:]+)):? (?:icmp_)?seq=(\d+) ttl=(\d+)(?: time=([\d.]+) ms)?/;
const FROM_ERROR = /^From (?:(\S+) \(([^)]+)\)|(\S+?)):? icmp_seq=(\d+) (.+)$/;
const STATS_TITLE = /^--- (\S+) ping statistics ---$/;
const COUNTS = /^(\d+) packets transmitted, (\d+) (?:packets )?received(?:, \+(\d+) errors)?(?:, \+\d+ duplicates)?, ([\d.]+)% packet loss(?:, time (\d+)ms)?$/;
const RTT = /^(?:rtt|round-trip) min\/avg\/max(?:\/(?:mdev|stddev))? = ([\d.]+)\/([\d.]+)\/([\d.]+)(?:\/([\d.]+))? ms$/;

export function readPing(_argv: readonly string[], output: string): Fact[] {
  const facts: Fact[] = [];
  let statsTarget: string | undefined;
  let statistics: PingStatisticsFact | undefined;
  for (const raw of outputLines(output)) {
    // -D puts a time stamp in front; a Ctrl-C leaves ^C on the line before the statistics.
    const line = raw.replace(/^\[\d+\.\d+\] /, '').replace(/^\^C/, '');
    let m: RegExpExecArray | null;
    if ((m = START.exec(line))) {
      facts.push({ kind: 'ping-start', target: m[1] ?? m[4]!, address: canonicalAddress(m[2] ?? m[5]!), payloadBytes: integer(m[3] ?? m[6]), text: raw });
    } else if ((m = REPLY.exec(line))) {
      const address = m[3] ?? m[4]!;
      facts.push({
        kind: 'ping-reply',
        from: canonicalAddress(address) ?? address,
        fromName: m[2],
        bytes: integer(m[1]),
        icmpSeq: integer(m[5]),
        ttl: integer(m[6]),
        timeMs: decimal(m[7]),
        text: raw,
      });
    } else if ((m = FROM_ERROR.exec(line))) {
      const from = m[2] ?? m[3]!;
      facts.push({ kind: 'ping-error', error: errorKind(m[5]!), from: canonicalAddress(from) ?? from, icmpSeq: integer(m[4]), target: undefined, text: raw });
    } else if ((m = /^Request timeout for icmp_seq (\d+)$/.exec(line))) {
      facts.push({ kind: 'ping-error', error: 'request-timeout', from: undefined, icmpSeq: integer(m[1]), target: undefined, text: raw });
    } else if ((m = /^ping: (?:unknown host (\S+)|(\S+): (?:Name or service not known|Temporary failure in name resolution|No address associated with hostname)|bad address '([^']*)')$/.exec(line))) {
      facts.push({ kind: 'ping-error', error: 'unknown-host', from: undefined, icmpSeq: undefined, target: m[1] ?? m[2] ?? m[3], text: raw });
    } else if ((m = /^ping: (?:connect|sendto|sendmsg): (.+)$/.exec(line))) {
      facts.push({ kind: 'ping-error', error: errorKind(m[1]!), from: undefined, icmpSeq: undefined, target: undefined, text: raw });
    } else if ((m = STATS_TITLE.exec(line))) {
      statsTarget = m[1];
    } else if ((m = COUNTS.exec(line))) {
      statistics = {
        kind: 'ping-statistics',
        target: statsTarget,
        transmitted: Number(m[1]),
        received: Number(m[2]),
        errors: integer(m[3]) ?? 0,
        lossPercent: Number(m[4]),
        timeMs: integer(m[5]),
        text: statsTarget ? `--- ${statsTarget} ping statistics ---\n${raw}` : raw,
      };
      facts.push(statistics);
    } else if ((m = RTT.exec(line)) && statistics) {
      const rtt = { min: Number(m[1]), avg: Number(m[2]), max: Number(m[3]), mdev: decimal(m[4]) ?? 0 };
      const withRtt: PingStatisticsFact = { ...statistics, rtt, text: `${statistics.text}\n${raw}` };
      facts[facts.indexOf(statistics)] = withRtt;
      statistics = withRtt;
    }
  }
  return facts;
}

function errorKind(message: string): PingErrorKind {
  if (/Destination Host Unreachable/i.test(message)) return 'host-unreachable';
  if (/Destination Net Unreachable|Network is unreachable/i.test(message)) return 'network-unreachable';
  if (/Destination Port Unreachable/i.test(message)) return 'port-unreachable';
  if (/Time to live exceeded/i.test(message)) return 'time-exceeded';
  return 'other';
}
