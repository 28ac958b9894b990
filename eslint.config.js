// Lint for the whole repository: TypeScript, Svelte 5 components and plain
// ES modules. Errors are kept for real problems; style is left to the code.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'release/', '.vite/', 'test-results/', '.tmp/', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // Terminal code matches escape sequences on purpose.
      'no-control-regex': 'off',
      'no-regex-spaces': 'off',
      'prefer-const': 'warn',
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Rendered Markdown is sanitized before {@html}; keep each use visible for review.
      'svelte/no-at-html-tags': 'warn',
      // Flags plain URLSearchParams/Map used as local values, not state.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // Renderer code, and e2e tests whose page.evaluate callbacks run in the browser.
    files: ['src-renderer/**/*.{ts,svelte}', 'test/e2e/**/*.mjs', 'test/electron/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.svelte'],
        svelteConfig,
      },
    },
  },
  {
    // TypeScript checks undefined names better than the linter can (types, globals per tsconfig).
    files: ['**/*.ts', '**/*.svelte'],
    rules: { 'no-undef': 'off' },
  },
);
