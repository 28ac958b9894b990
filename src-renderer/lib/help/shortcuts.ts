// The app's keyboard shortcuts: one list drives both the key handling and the
// help overlay, so the overlay can never disagree with what the keys do.
// Alt+digit is rarely used in a shell, so it is safe to take from the terminal.

export type ShortcutAction =
  | 'help'
  | 'focus-course'
  | 'focus-lesson'
  | 'focus-terminal'
  | 'show-topology'
  | 'show-trace'
  | 'next-hint'
  | 'settings'
  | 'close';

export interface KeyLike {
  key: string;
  /** Physical key; on macOS Option+1 reports key "¡" but code "Digit1". */
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

export interface Shortcut {
  action: ShortcutAction;
  /** As shown in the help overlay. */
  keys: string[];
  description: string;
  /** False for keys that would steal a character from text fields and terminals. */
  whileTyping: boolean;
  matches(event: KeyLike): boolean;
}

const plain = (e: KeyLike) => !e.altKey && !e.ctrlKey && !e.metaKey;
const altDigit = (digit: string) => (e: KeyLike) =>
  e.altKey && !e.ctrlKey && !e.metaKey && (e.key === digit || e.code === `Digit${digit}`);

export const shortcuts: Shortcut[] = [
  { action: 'help', keys: ['F1'], description: 'Show this list of shortcuts', whileTyping: true, matches: (e) => e.key === 'F1' && plain(e) },
  { action: 'help', keys: ['?'], description: 'Show this list (outside terminals and text fields)', whileTyping: false, matches: (e) => e.key === '?' && plain(e) },
  { action: 'focus-course', keys: ['Alt', '1'], description: 'Go to the course navigation', whileTyping: true, matches: altDigit('1') },
  { action: 'focus-lesson', keys: ['Alt', '2'], description: 'Go to the lesson', whileTyping: true, matches: altDigit('2') },
  { action: 'focus-terminal', keys: ['Alt', '3'], description: 'Go to the active terminal', whileTyping: true, matches: altDigit('3') },
  { action: 'show-topology', keys: ['Alt', '4'], description: 'Show the topology', whileTyping: true, matches: altDigit('4') },
  { action: 'show-trace', keys: ['Alt', '5'], description: 'Show the packet trace', whileTyping: true, matches: altDigit('5') },
  { action: 'next-hint', keys: ['Alt', 'Shift', 'H'], description: 'Show the next hint for the current step', whileTyping: true, matches: (e) => e.altKey && !e.ctrlKey && !e.metaKey && e.shiftKey && (e.key.toLowerCase() === 'h' || e.code === 'KeyH') },
  { action: 'settings', keys: ['Ctrl', ','], description: 'Open the settings', whileTyping: true, matches: (e) => (e.ctrlKey || e.metaKey) && !e.altKey && e.key === ',' },
  { action: 'close', keys: ['Esc'], description: 'Close the open dialog or overlay', whileTyping: true, matches: (e) => e.key === 'Escape' && plain(e) },
];

/** Shortcuts handled elsewhere (the terminal and the browser), listed for completeness. */
export const otherKeys: { keys: string[]; description: string }[] = [
  { keys: ['Ctrl', 'Shift', 'C'], description: 'Copy the terminal selection' },
  { keys: ['Ctrl', 'Shift', 'V'], description: 'Paste into the terminal' },
  { keys: ['Tab'], description: 'Move to the next control (terminals keep Tab for completion: leave them with Alt+1, Alt+2)' },
];

/** The action a key press triggers, if any. `typing` is true inside text fields and terminals. */
export function shortcutFor(event: KeyLike, typing: boolean): ShortcutAction | undefined {
  return shortcuts.find((s) => (typing ? s.whileTyping : true) && s.matches(event))?.action;
}
