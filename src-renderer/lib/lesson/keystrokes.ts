/** What to type for a command: each line followed by Enter; a `^C` line interrupts the running command. */
export function keystrokesFor(command: string): string {
  return command
    .split('\n')
    .map((line) => (line.trim() === '^C' ? '\x03' : `${line}\r`))
    .join('');
}
