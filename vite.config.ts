import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/**
 * `npm start` serves the demo gallery from the sources; `npm run build` writes the drop-in bundle
 * `dist/onair.js`.
 */
export default defineConfig({
  root,
  server: { open: '/demo/index.html', host: '127.0.0.1' },
  build: {
    outDir: 'dist',
    sourcemap: true,
    target: 'es2022',
    lib: {
      entry: { onair: resolve(root, 'components/index.ts') },
      formats: ['es'],
    },
  },
});
