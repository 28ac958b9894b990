// awk as Debian's mawk 1.3.4: the program runs over files or stdin record by
// record as input arrives, so `ping ... | awk '{print $7}'` prints per reply.
import type { Command } from '../../command.js';
import { FileSystem, fsErrorText } from '../../fs.js';
import { AwkSyntaxError } from './lexer.js';
import { parseProgram, type Program } from './parser.js';
import { AwkFatal, AwkRuntimeError, ExitSignal, Interpreter } from './interpreter.js';

const USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

export const awk: Command = {
  name: 'awk',
  aliases: ['mawk'],
  summary: 'pattern scanning and text processing language',
  usage: "awk [-W option] [-F value] [-v var=value] [--] 'program text' [file ...]",
  completions: () => ['-F', '-v', '-f', '-W', '--', '--help'],
  man: `awk - pattern scanning and text processing language (mawk 1.3.4)

  -F value        sets the field separator, FS, to value.
  -f file         program text is read from file instead of from the command line.
  -v var=value    assigns value to program variable var.
  --              indicates the unambiguous end of options.

A program is a sequence of  pattern {action}  pairs and function definitions:
  BEGIN { ... }          runs before any input is read
  END { ... }            runs after all input is read
  expression { ... }     runs for each record where the expression is true
  /regex/ { ... }        runs for each record matching the regular expression
  pat1, pat2 { ... }     runs for the records from one matching pat1 through the next matching pat2

Records are lines (RS); fields $1 ... $NF are split by FS (blanks by default); $0 is the record.
Variables: NR, NF, FNR, FS, OFS, ORS, RS, FILENAME, SUBSEP, RSTART, RLENGTH, CONVFMT, OFMT, ENVIRON, ARGV, ARGC.
Statements: if/else, while, do/while, for (;;), for (key in array), break, continue, next, nextfile,
exit, return, delete, print, printf, getline (plain, < file, command |).
Functions: length substr index split sub gsub match sprintf sin cos atan2 exp log sqrt int rand srand
tolower toupper system close fflush, and your own with  function name(params) { ... }.`,
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === '--help' || args[0] === '-W' && /^(h|u)/.test(args[1] ?? '')) {
      ctx.stdout.write(USAGE);
      return 0;
    }
    const assignments: [string, string][] = [];
    const programFiles: string[] = [];
    let fs: string | undefined;
    let i = 0;
    const fail = (message: string): number => {
      ctx.stderr.write(`awk: ${message}\n`);
      return 2;
    };
    for (; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--') {
        i++;
        break;
      }
      if (!arg.startsWith('-') || arg === '-') break;
      const flag = arg[1];
      if (!'Fvf W'.includes(flag)) return fail(`not an option: ${arg}`);
      const value = arg.length > 2 ? arg.slice(2) : args[++i];
      if (value === undefined) return fail(`option requires an argument -- ${flag}`);
      if (flag === 'F') fs = value === 't' ? '\t' : value;
      else if (flag === 'f') programFiles.push(value);
      else if (flag === 'W') {
        if (value.startsWith('v')) {
          ctx.stdout.write('mawk 1.3.4 20200120\n\nrandom-funcs:       srandom/random\nregex-funcs:        internal\n');
          return 0;
        }
      } else {
        const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
        if (!match) return fail(`improper assignment: -v ${value}`);
        assignments.push([match[1], match[2]]);
      }
    }
    let source: string;
    if (programFiles.length > 0) {
      source = '';
      for (const name of programFiles) {
        const text = ctx.fs.readFile(FileSystem.resolve(ctx.cwd, name));
        if (typeof text !== 'string') return fail(`couldn't open file ${name} (${fsErrorText(text.error)})`);
        source += text + '\n';
      }
    } else {
      if (i >= args.length) {
        ctx.stdout.write(USAGE);
        return 0;
      }
      source = args[i++];
    }
    let program: Program;
    try {
      program = parseProgram(source);
    } catch (err) {
      if (err instanceof AwkSyntaxError) return fail(`line ${err.line}: ${err.message}`);
      throw err;
    }
    if (fs !== undefined) assignments.unshift(['FS', fs]);
    const interpreter = new Interpreter(program, ctx, args.slice(i), assignments);
    try {
      const status = await interpreter.run();
      await interpreter.closeAll();
      return status;
    } catch (err) {
      if (err instanceof ExitSignal) {
        await interpreter.closeAll();
        return err.status;
      }
      if (err instanceof AwkRuntimeError) {
        const vars = interpreter.position();
        ctx.stderr.write(`awk: run time error: ${err.message}\n\tFILENAME="${vars.filename}" FNR=${vars.fnr} NR=${vars.nr}\n`);
      } else if (err instanceof AwkFatal) ctx.stderr.write(`awk: ${err.message}\n`);
      else throw err;
      interpreter.flushStdout();
      return 2;
    }
  },
};
