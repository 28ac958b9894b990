// Light and dark themes: one palette for the page (CSS variables in theme.css)
// and the matching xterm.js colours.
import type { ITheme } from '@xterm/xterm';
import type { ThemeName } from '../../../src-main/core/api/contract.js';

export type ResolvedTheme = 'light' | 'dark';

export const terminalThemes: Record<ResolvedTheme, ITheme> = {
  dark: {
    background: '#14171c',
    foreground: '#d8dee9',
    cursor: '#f0c674',
    cursorAccent: '#14171c',
    selectionBackground: '#3a4454',
    black: '#1d2128', red: '#e06c75', green: '#98c379', yellow: '#e5c07b',
    blue: '#61afef', magenta: '#c678dd', cyan: '#56b6c2', white: '#d8dee9',
    brightBlack: '#5c6370', brightRed: '#ef8a92', brightGreen: '#b5e08f', brightYellow: '#f0d29a',
    brightBlue: '#86c3f5', brightMagenta: '#d79ce8', brightCyan: '#7fcbd4', brightWhite: '#ffffff',
  },
  light: {
    background: '#fbfbf8',
    foreground: '#24292f',
    cursor: '#0550ae',
    cursorAccent: '#fbfbf8',
    selectionBackground: '#c8d9f0',
    black: '#24292f', red: '#b3261e', green: '#1a7f37', yellow: '#8a6100',
    blue: '#0550ae', magenta: '#8250df', cyan: '#1b7c83', white: '#6e7781',
    brightBlack: '#57606a', brightRed: '#cf222e', brightGreen: '#2da44e', brightYellow: '#9a6700',
    brightBlue: '#218bff', brightMagenta: '#a475f9', brightCyan: '#3192aa', brightWhite: '#8c959f',
  },
};

export function resolveTheme(theme: ThemeName, prefersDark: boolean): ResolvedTheme {
  if (theme === 'system') return prefersDark ? 'dark' : 'light';
  return theme;
}
