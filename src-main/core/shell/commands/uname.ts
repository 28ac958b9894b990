import type { Command } from '../command.js';
import { hasOption, optionWords, parseOptions, type OptionSpec } from './getopt.js';
import { printedHelp } from './help-option.js';

const OPTIONS: OptionSpec = {
  short: 'asnrvmpio',
  long: { all: 'a', 'kernel-name': 's', nodename: 'n', 'kernel-release': 'r', 'kernel-version': 'v', machine: 'm', processor: 'p', 'hardware-platform': 'i', 'operating-system': 'o' },
};

/** The lab machine's kernel (Debian bullseye's): containers share it, so every host prints the same. */
export const KERNEL_RELEASE = '5.10.0-26-amd64';
export const KERNEL_VERSION = '#1 SMP Debian 5.10.197-1 (2023-09-29)';

export const uname: Command = {
  name: 'uname',
  summary: 'print system information',
  usage: 'uname [OPTION]...',
  completions: () => optionWords(OPTIONS),
  man: `uname - print certain system information.  With no OPTION, same as -s.

  -a, --all                print all information, in the following order,
                             except omit -p and -i if unknown:
  -s, --kernel-name        print the kernel name
  -n, --nodename           print the network node hostname
  -r, --kernel-release     print the kernel release
  -v, --kernel-version     print the kernel version
  -m, --machine            print the machine hardware name
  -p, --processor          print the processor type (non-portable)
  -i, --hardware-platform  print the hardware platform (non-portable)
  -o, --operating-system   print the operating system
      --help     display this help and exit`,
  async run(ctx) {
    if (printedHelp(ctx, uname)) return 0;
    const parsed = parseOptions(ctx, 'uname', OPTIONS);
    if (!parsed) return 1;
    if (parsed.operands.length > 0) {
      ctx.stderr.write(`uname: extra operand '${parsed.operands[0]}'\nTry 'uname --help' for more information.\n`);
      return 1;
    }
    const all = hasOption(parsed, 'a');
    const fields: [string, string][] = [
      ['s', 'Linux'],
      ['n', ctx.host.hostname],
      ['r', KERNEL_RELEASE],
      ['v', KERNEL_VERSION],
      ['m', 'x86_64'],
      ['p', 'unknown'],
      ['i', 'unknown'],
      ['o', 'GNU/Linux'],
    ];
    const asked = fields.filter(([key]) => hasOption(parsed, key) || (all && key !== 'p' && key !== 'i'));
    ctx.stdout.write((asked.length > 0 ? asked : fields.slice(0, 1)).map(([, value]) => value).join(' ') + '\n');
    return 0;
  },
};
