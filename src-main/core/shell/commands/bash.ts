import { shellOf, type Command } from '../command.js';

/** `bash -c LINE` runs a line; plain `bash` on a terminal starts an interactive shell on this host. */
export const bash: Command = {
  name: 'bash',
  aliases: ['sh'],
  summary: 'GNU Bourne-Again SHell',
  usage: 'Usage:\tbash [option] -c command',
  man: `bash - GNU Bourne-Again SHell

  -c LINE  run LINE and exit with its status
With no arguments on a terminal, starts an interactive shell; \`exit\` or Ctrl-D returns.

The grammar is bash's:
  Lists        a; b   a && b   a || b   a &   a | b   a |& b   ! a
  Compound     for NAME in WORDS; do ...; done     for ((i=0; i<3; i++)); do ...; done
               while ...; do ...; done   until ...; do ...; done
               if ...; then ...; elif ...; then ...; else ...; fi
               case WORD in PATTERN) ...;; esac    { ...; }    ( ... )
               NAME() { ...; }  with  local NAME
  Expansions   $x \${x:-default} \${#x} \${x%suffix} \${x#prefix} \${x/old/new}
               $((arithmetic)) $(command) {1..3} {a,b} ~ * ? [...]
  Redirections < > >> 2>&1 &> <<EOF here-documents <<< here-strings
  Conditions   test, [ ... ], [[ ... ]]
  Options      set -e, set -u, set -x, set -o pipefail; $? and PIPESTATUS

\`help NAME\` explains a keyword or builtin (\`help for\`, \`help read\`, \`help test\`).`,
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === '-c') {
      if (args.length < 2) {
        ctx.stderr.write(`${ctx.argv[0]}: -c: option requires an argument\n`);
        return 2;
      }
      return shellOf(ctx).runLine(args[1]);
    }
    if (args.length > 0) {
      ctx.stderr.write(`${ctx.argv[0]}: ${args[0]}: No such file or directory\n`);
      return 127;
    }
    if (!ctx.stdin.isTTY) {
      let status = 0;
      for (const line of (await ctx.stdin.readAll()).split('\n')) status = await shellOf(ctx).runLine(line);
      return status;
    }
    return shellOf(ctx).interactive(ctx.host.id, ctx.host.netns);
  },
};
