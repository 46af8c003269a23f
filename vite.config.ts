import { defineConfig } from 'vite';

/**
 * `npm start`: the demo gallery served from the sources. `npm run build` (scripts/build.mjs) runs
 * the production passes through Vite's JS API and does not read this file.
 */
export default defineConfig({
  root: import.meta.dirname,
  server: { open: '/demo/index.html', host: '127.0.0.1' },
});
