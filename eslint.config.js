// Lint for the whole repository: TypeScript, Svelte 5 components and plain
// ES modules. Errors are kept for real problems; style is left to the code.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// core's layers, bottom first: each folder may import from the folders named
// for it and from no other folder of core. The simulated kernel (sim) knows
// nothing of the tools that use it; the API the renderer sees (api) knows
// nothing of what serves it; simlab wires the simulated lab together.
export const CORE_LAYERS = {
  base: [],
  api: ['base'],
  facts: ['base', 'api'],
  sim: ['base'],
  userspace: ['base', 'sim'],
  lab: ['base', 'api'],
  labfile: ['base'],
  shell: ['base', 'sim', 'userspace', 'lab'],
  simlab: ['base', 'api', 'facts', 'sim', 'userspace', 'lab', 'labfile', 'shell'],
  lessons: ['base', 'api', 'facts', 'lab'],
  app: ['base', 'api', 'facts', 'lab', 'labfile', 'lessons'],
};

const coreZones = Object.entries(CORE_LAYERS).map(([layer, allowed]) => ({
  target: `./src-main/core/${layer}`,
  from: [
    ...Object.keys(CORE_LAYERS).filter((other) => other !== layer && !allowed.includes(other)).map((other) => `./src-main/core/${other}`),
    './src-main/node',
    './src-main/electron',
    './src-renderer',
  ],
  message: `core/${layer} may import only from ${allowed.length ? allowed.map((a) => `core/${a}`).join(', ') : 'itself'} (eslint.config.js CORE_LAYERS).`,
}));

const runtimeZones = [
  { target: './src-renderer', from: './src-main', except: ['./core/api'], message: 'The renderer sees the lab only through core/api.' },
  { target: './src-main/electron', from: './src-main/core', except: ['./api'], message: 'Electron code reaches the lab through core/api and node/app-service.' },
  { target: './src-main/electron', from: './src-renderer', message: 'Electron code does not import the renderer.' },
];

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
    // Imports point down: the layers above, resolved as TypeScript resolves them.
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,svelte}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...coreZones, ...runtimeZones] }],
    },
  },
  {
    // TypeScript checks undefined names better than the linter can (types, globals per tsconfig).
    files: ['**/*.ts', '**/*.svelte'],
    rules: { 'no-undef': 'off' },
  },
);
