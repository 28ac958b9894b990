// Every simulated command, one import and one entry each, and the registry
// the lab builds from them for its shells.
import type { Command } from '../command.js';
import { CommandRegistry } from '../registry.js';
import { kill } from './kill.js';
import { sort } from './sort.js';
import { stty } from './stty.js';
import { tput } from './tput.js';
import { bash } from './bash.js';
import { bridge } from './bridge.js';
import { cat } from './cat.js';
import { cd } from './cd.js';
import { clear } from './clear.js';
import { echo } from './echo.js';
import { env } from './env.js';
import { exit } from './exit.js';
import { exportCommand } from './export.js';
import { falseCommand } from './false.js';
import { grep } from './grep.js';
import { head } from './head.js';
import { help } from './help.js';
import { history } from './history.js';
import { hostname } from './hostname.js';
import { ip } from './ip/index.js';
import { jobs } from './jobs.js';
import { jq } from './jq.js';
import { ls } from './ls.js';
import { lsns } from './lsns.js';
import { man } from './man.js';
import { less } from './less.js';
import { nsenter } from './nsenter.js';
import { ps } from './ps.js';
import { ping } from './ping.js';
import { pwd } from './pwd.js';
import { sleep } from './sleep.js';
import { sysctl } from './sysctl.js';
import { tail } from './tail.js';
import { tcpdump } from './tcpdump/index.js';
import { trueCommand } from './true.js';
import { unset } from './unset.js';
import { wc } from './wc.js';
import { whoami } from './whoami.js';
import { iptables } from './iptables/iptables.js';
import { iptablesSave } from './iptables/iptables-save.js';
import { iptablesRestore } from './iptables/iptables-restore.js';
import { conntrack } from './conntrack.js';
import { python } from './python.js';
import { docker } from './docker/index.js';
import { curl } from './curl.js';
import { ss } from './ss.js';
import { nc } from './nc.js';
import { wget } from './wget.js';
import { printf } from './printf.js';
import { seq } from './seq.js';
import { yes } from './yes.js';
import { tr } from './tr.js';
import { cut } from './cut.js';
import { tee } from './tee.js';
import { xargs } from './xargs.js';
import { uniq } from './uniq.js';
import { date } from './date.js';
import { uname } from './uname.js';
import { awk } from './awk/index.js';
import { sed } from './sed/index.js';
import { watch } from './watch.js';

const ALL_COMMANDS: readonly Command[] = [
  kill,
  sort,
  bash,
  bridge,
  cat,
  cd,
  clear,
  echo,
  env,
  exit,
  exportCommand,
  falseCommand,
  grep,
  head,
  help,
  history,
  hostname,
  ip,
  jobs,
  jq,
  ls,
  lsns,
  man,
  less,
  nsenter,
  ps,
  ping,
  pwd,
  sleep,
  sysctl,
  tail,
  tcpdump,
  trueCommand,
  unset,
  wc,
  whoami,
  iptables,
  iptablesSave,
  iptablesRestore,
  conntrack,
  python,
  docker,
  curl,
  ss,
  nc,
  wget,
  stty,
  tput,
  printf,
  seq,
  yes,
  tr,
  cut,
  tee,
  xargs,
  uniq,
  date,
  uname,
  awk,
  sed,
  watch,
];

/** A registry of every simulated command, for the shells of one lab. */
export function createCommandRegistry(): CommandRegistry {
  return new CommandRegistry(ALL_COMMANDS);
}
