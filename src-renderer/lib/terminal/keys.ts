// Terminal shortcuts the component handles itself instead of sending keys to the shell.
export type TerminalKeyAction = 'copy' | 'paste' | 'search' | 'zoom-in' | 'zoom-out' | 'zoom-reset';

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function terminalKeyAction(event: KeyLike): TerminalKeyAction | undefined {
  const ctrl = event.ctrlKey || event.metaKey;
  if (!ctrl || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  if (event.shiftKey) {
    if (key === 'c') return 'copy';
    if (key === 'v') return 'paste';
    if (key === 'f') return 'search';
    if (key === '+') return 'zoom-in';
    return undefined;
  }
  // Plain Ctrl+C, Ctrl+V and friends belong to the shell.
  if (key === '=' || key === '+') return 'zoom-in';
  if (key === '-') return 'zoom-out';
  if (key === '0') return 'zoom-reset';
  return undefined;
}
