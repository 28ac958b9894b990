// `help NAME` for bash's keywords and builtins, in bash's layout: the usage
// line, then a description indented by four spaces, then the exit status.

interface Topic {
  usage: string;
  summary: string;
  details: string;
  status: string;
}

const TOPICS: Record<string, Topic> = {
  for: {
    usage: 'for NAME [in WORDS ... ] ; do COMMANDS; done',
    summary: 'Execute commands for each member in a list.',
    details: 'NAME takes each of WORDS in turn (after expansion) and COMMANDS run once\nfor each.  Without `in WORDS`, the loop goes over the positional\nparameters.  `for ((INIT; TEST; STEP))` is the arithmetic form.',
    status: 'Returns the status of the last command executed.',
  },
  while: {
    usage: 'while COMMANDS; do COMMANDS; done',
    summary: 'Execute commands as long as a test succeeds.',
    details: 'The body runs again and again while the last command of the first\nCOMMANDS exits with status zero.',
    status: 'Returns the status of the last command executed.',
  },
  until: {
    usage: 'until COMMANDS; do COMMANDS; done',
    summary: 'Execute commands as long as a test does not succeed.',
    details: 'The body runs again and again while the last command of the first\nCOMMANDS exits with a non-zero status.',
    status: 'Returns the status of the last command executed.',
  },
  if: {
    usage: 'if COMMANDS; then COMMANDS; [ elif COMMANDS; then COMMANDS; ]... [ else COMMANDS; ] fi',
    summary: 'Execute commands based on conditional.',
    details: 'The `then` part of the first condition that exits with status zero\nruns; when none does, the `else` part runs, if there is one.',
    status: 'Returns the status of the last command executed.',
  },
  case: {
    usage: 'case WORD in [PATTERN [| PATTERN]...) COMMANDS ;;]... esac',
    summary: 'Execute commands based on pattern matching.',
    details: 'WORD is matched against each PATTERN in turn, as file names are\nmatched; the commands of the first match run.  `;&` falls through to\nthe next commands, `;;&` goes on testing the next patterns.',
    status: 'Returns the status of the last command executed.',
  },
  function: {
    usage: 'function name { COMMANDS ; } or name () { COMMANDS ; }',
    summary: 'Define shell function.',
    details: 'NAME becomes a command that runs COMMANDS with its arguments as $1,\n$2, ...  `local` makes a variable that only the function sees.',
    status: 'Returns success unless NAME is readonly.',
  },
  read: {
    usage: 'read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]',
    summary: 'Read a line from the standard input and split it into fields.',
    details: 'The line is split on IFS; the first field goes to the first NAME, the\nsecond to the second, and the last NAME gets what is left.  Without\nNAME the line goes to REPLY.\n\nOptions:\n  -a array\tassign the fields to the indexed array ARRAY\n  -d delim\tread up to the first DELIM rather than newline\n  -p prompt\tprint PROMPT first (on a terminal)\n  -r\t\tkeep backslashes as they are\n  -s\t\tdo not echo the input',
    status: 'The return code is zero, unless end-of-file is encountered.',
  },
  test: {
    usage: 'test [expr]',
    summary: 'Evaluate conditional expression.',
    details: 'Exits with 0 (true) or 1 (false) after evaluating EXPR.\n\nFile operators:\n  -e FILE  True if file exists.\n  -f FILE  True if file exists and is a regular file.\n  -d FILE  True if file is a directory.\n\nString operators:\n  -z STRING  True if string is empty.\n  -n STRING  True if string is not empty.\n  S1 = S2    True if the strings are equal.\n  S1 != S2   True if the strings are not equal.\n\nNumbers: ARG1 OP ARG2 with OP one of -eq, -ne, -lt, -le, -gt, -ge.\n! EXPR, EXPR1 -a EXPR2 and EXPR1 -o EXPR2 combine expressions.',
    status: 'Returns success if EXPR evaluates to true; fails if EXPR evaluates to\nfalse or an invalid argument is given.',
  },
  '[': {
    usage: '[ arg... ]',
    summary: 'Evaluate conditional expression.',
    details: 'The same as `test`, with a last argument that must be `]`.',
    status: 'Returns success if EXPR evaluates to true; fails if EXPR evaluates to\nfalse or an invalid argument is given.',
  },
  '[[': {
    usage: '[[ expression ]]',
    summary: 'Execute conditional command.',
    details: 'Like `test`, without word splitting or file name expansion inside.\nThe right side of `==` and `!=` is a pattern; `=~` matches an extended\nregular expression; `&&` and `||` combine expressions.',
    status: '0 or 1 depending on value of EXPRESSION.',
  },
  local: {
    usage: 'local [option] name[=value] ...',
    summary: 'Define local variables.',
    details: 'Makes each NAME a variable of the running function: when the function\nreturns, the outer value comes back.',
    status: 'Returns success unless used outside a function.',
  },
  set: {
    usage: 'set [-abefhkmnptuvxBCHP] [-o option-name] [--] [arg ...]',
    summary: 'Set or unset values of shell options and positional parameters.',
    details: 'Options:\n  -e  Exit at once when a command exits with a non-zero status.\n  -u  Treat unset variables as an error when substituting.\n  -x  Print commands and their arguments as they are executed.\n  -o pipefail  A pipeline fails with the last non-zero status of its parts.\n\n`+` instead of `-` turns an option off; ARGs become $1, $2, ...',
    status: 'Returns success unless an invalid option is given.',
  },
  break: {
    usage: 'break [n]',
    summary: 'Exit for, while, or until loops.',
    details: 'Leaves the innermost loop, or N enclosing loops.',
    status: 'The exit status is 0 unless N is not greater than or equal to 1.',
  },
  continue: {
    usage: 'continue [n]',
    summary: 'Resume for, while, or until loops.',
    details: 'Starts the next round of the innermost loop, or of the Nth enclosing\nloop.',
    status: 'The exit status is 0 unless N is not greater than or equal to 1.',
  },
  return: {
    usage: 'return [n]',
    summary: 'Return from a shell function.',
    details: 'Ends the running function with status N, or with the status of the\nlast command it ran.',
    status: 'Returns N, or failure if the shell is not running a function.',
  },
  shift: {
    usage: 'shift [n]',
    summary: 'Shift positional parameters.',
    details: 'Drops the first N positional parameters ($1 when N is not given).',
    status: 'Returns success unless N is negative or greater than $#.',
  },
  eval: {
    usage: 'eval [arg ...]',
    summary: 'Execute arguments as a shell command.',
    details: 'Joins the ARGs into one line and runs it.',
    status: 'Returns exit status of command or success if command is null.',
  },
  source: {
    usage: 'source filename [arguments]',
    summary: 'Execute commands from a file in the current shell.',
    details: 'Runs the commands of FILENAME in this shell, so the variables and\nfunctions it sets stay.  ARGUMENTS become the positional parameters.',
    status: 'Returns the status of the last command executed in FILENAME.',
  },
  type: {
    usage: 'type [-afptP] name [name ...]',
    summary: 'Display information about command type.',
    details: 'Says for each NAME whether it is an alias, keyword, function, builtin\nor file, and which file.',
    status: 'Returns success if all of the NAMEs are found; fails if any are not found.',
  },
  unset: {
    usage: 'unset [-f] [-v] [-n] [name ...]',
    summary: 'Unset values and attributes of shell variables and functions.',
    details: 'Removes each variable NAME, or each function NAME with -f.',
    status: 'Returns success unless an invalid option is given or a NAME is read-only.',
  },
};
TOPICS['.'] = { ...TOPICS.source, usage: '. filename [arguments]' };

/** bash's `help NAME` text, or undefined when bash has no topic of that name here. */
export function builtinHelp(name: string): string | undefined {
  const topic = TOPICS[name];
  if (!topic) return undefined;
  const body = [topic.summary, '', ...topic.details.split('\n'), '', 'Exit Status:', ...topic.status.split('\n')];
  return `${name}: ${topic.usage}\n${body.map((line) => (line ? `    ${line}` : '    ')).join('\n')}\n`;
}

/** `help -s NAME`: the usage line only. */
export function builtinUsage(name: string): string | undefined {
  const topic = TOPICS[name];
  return topic && `${name}: ${topic.usage}\n`;
}
