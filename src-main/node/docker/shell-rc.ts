// The bash rcfile every real-lab terminal starts with: it prints VS Code's
// shell-integration marks (see core/lab/shell-integration.ts) from PS1, a
// DEBUG trap (command line + output start) and PROMPT_COMMAND (exit status),
// so the same parser reads commands from both backends. Written as a plain
// template literal: every bash backslash is doubled and every `${` escaped.

/** Where the rcfile lives in the lab host and in each container. */
export const RC_PATH = '/etc/docker-networking-explorer.bashrc';

export const SHELL_RC = `# Docker Networking Explorer: shell-integration marks (OSC 633) for this terminal.
[ -r /etc/bash.bashrc ] && . /etc/bash.bashrc
[ -r ~/.bashrc ] && . ~/.bashrc
HISTCONTROL=
HISTFILE=
__dne_escape() {
  local s=$1
  s=\${s//\\\\/\\\\\\\\}
  s=\${s//;/\\\\x3b}
  s=\${s//$'\\n'/\\\\x0a}
  s=\${s//$'\\r'/\\\\x0d}
  s=\${s//$'\\t'/\\\\x09}
  s=\${s//$'\\e'/\\\\x1b}
  s=\${s//$'\\a'/\\\\x07}
  printf '%s' "$s"
}
__dne_precmd() {
  local status=$?
  [ -n "$__dne_running" ] && printf '\\e]633;D;%s\\a' "$status"
  __dne_running=
  __dne_at_prompt=1
}
__dne_preexec() {
  [ -n "$__dne_at_prompt" ] || return 0
  [ "$BASH_COMMAND" = __dne_precmd ] && return 0
  __dne_at_prompt=
  __dne_running=1
  local line
  line=$(HISTTIMEFORMAT= builtin history 1)
  [[ $line =~ ^\\ *[0-9]+\\*?\\ +(.*)$ ]] && line=\${BASH_REMATCH[1]}
  printf '\\e]633;E;%s\\a\\e]633;C\\a' "$(__dne_escape "$line")"
}
PROMPT_COMMAND=__dne_precmd
trap __dne_preexec DEBUG
PS1='\\[\\e]633;A\\a\\]\\u@\\h:\\w\\$ \\[\\e]633;B\\a\\]'
`;
