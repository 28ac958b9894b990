// `ip rule`: the routing policy database. The simulator has Linux's three
// default rules and no others (IPv6 has no `default` table rule), so this
// lists them (and refuses changes).
import { IpError, type IpContext, matches, writeJson } from './common.js';

const DEFAULT_RULES = [
  { priority: 0, src: 'all', table: 'local' },
  { priority: 32766, src: 'all', table: 'main' },
  { priority: 32767, src: 'all', table: 'default' },
];

export function ruleCommand(ip: IpContext, args: string[]): number {
  const verb = args[0];
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list')) {
    const rules = ip.options.family === 'inet6' ? DEFAULT_RULES.filter((r) => r.table !== 'default') : DEFAULT_RULES;
    if (ip.options.json) writeJson(ip, rules);
    else ip.ctx.stdout.write(rules.map((r) => `${r.priority}:\tfrom ${r.src} lookup ${r.table}\n`).join(''));
    return 0;
  }
  if (matches(verb, 'add') || matches(verb, 'delete') || verb === 'del') throw new IpError('RTNETLINK answers: Operation not supported', 2);
  throw new IpError(`Command "${verb}" is unknown, try "ip rule help".`, 255);
}
