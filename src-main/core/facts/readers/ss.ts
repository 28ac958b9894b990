// ss: one socket per line under the column header. The Netid column is
// absent when one protocol was asked for (-t, -u, ...), the State column
// when one state was (`state established`); both are recognised by their
// values, and the protocol of a Netid-less line comes from the options.
import type { Fact, SocketEndpoint, SocketFact } from '../model.js';
import { canonicalAddress, integer, outputLines, portNumber, shortFlags } from './common.js';

const STATES = /^(ESTAB|LISTEN|UNCONN|TIME-WAIT|CLOSE-WAIT|SYN-SENT|SYN-RECV|FIN-WAIT-1|FIN-WAIT-2|LAST-ACK|CLOSING|CLOSED|UNKNOWN)$/;
const NETIDS = /^(tcp|udp|raw|u_str|u_dgr|u_seq|p_raw|p_dgr|nl|icmp6|sctp|mptcp|tipc|vsock|xdp)$/;

export function readSs(argv: readonly string[], output: string): Fact[] {
  const flags = shortFlags(argv);
  const onlyProto = [flags.has('t') && 'tcp', flags.has('u') && 'udp', flags.has('w') && 'raw', flags.has('x') && 'u_str'].filter(Boolean);
  const impliedProto = onlyProto.length === 1 ? (onlyProto[0] as string) : undefined;
  const facts: Fact[] = [];
  for (const line of outputLines(output)) {
    const fact = socketFact(line, impliedProto);
    if (fact) facts.push(fact);
  }
  return facts;
}

function socketFact(line: string, impliedProto: string | undefined): SocketFact | undefined {
  const processAt = line.indexOf('users:((');
  const processText = processAt >= 0 ? line.slice(processAt) : '';
  const words = (processAt >= 0 ? line.slice(0, processAt) : line).trim().split(/\s+/);
  let proto = impliedProto;
  if (NETIDS.test(words[0] ?? '')) proto = words.shift();
  const state = STATES.test(words[0] ?? '') ? words.shift() : undefined;
  if (words.length < 4) return undefined;
  const [recvQ, sendQ, localText, peerText] = words as [string, string, string, string];
  if (integer(recvQ) === undefined || integer(sendQ) === undefined) return undefined;
  const local = endpoint(localText);
  const peer = endpoint(peerText);
  if (!local || !peer) return undefined;
  const processes = [...processText.matchAll(/\("([^"]*)",pid=(\d+)(?:,fd=(\d+))?\)/g)].map((m) => ({ name: m[1]!, pid: Number(m[2]), fd: integer(m[3]) }));
  return { kind: 'socket', proto, state, recvQ: integer(recvQ), sendQ: integer(sendQ), local, peer, processes, text: line };
}

/** `0.0.0.0:80`, `*:*`, `[::]:80`, `[::ffff:172.17.0.1]:81`, `127.0.0.53%lo:53`, `10.1.0.1:http`. */
function endpoint(printed: string): SocketEndpoint | undefined {
  const colon = printed.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const host = printed.slice(0, colon).replace(/%.*$/, '');
  const portText = printed.slice(colon + 1);
  const port = portText === '*' ? undefined : portNumber(portText);
  if (portText !== '*' && port === undefined) return undefined;
  const address = host === '*' ? '0.0.0.0' : (canonicalAddress(host.replace(/^\[(.*)\]$/, '$1')) ?? host);
  return { address, port, printed };
}
