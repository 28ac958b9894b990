// electron-vite builds three bundles: the main process (plus the utility
// process that runs the lab), the sandboxed preload (one CommonJS file), and
// the renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(here, 'out/main'),
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(here, 'src-main/electron/main.ts'),
          'lab-process': resolve(here, 'src-main/electron/lab-process.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(here, 'out/preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(here, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(here, 'src-renderer'),
    plugins: [svelte({ configFile: resolve(here, 'svelte.config.js') })],
    build: {
      outDir: resolve(here, 'out/renderer'),
      target: 'es2022',
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: resolve(here, 'src-renderer/index.html') },
    },
  },
});
