import { defineConfig } from 'vite';

/**
 * `npm start`: the demo gallery served from the sources at `/` (demo/ is the root, as in the
 * built dist/demo/; its pages import ../components and ../platform, which Vite serves from the
 * project folder). `npm run build` (scripts/build.mjs) runs the production passes through Vite's
 * JS API and does not read this file.
 */
export default defineConfig({
  root: `${import.meta.dirname}/demo`,
  server: { open: '/', host: '127.0.0.1', fs: { allow: [import.meta.dirname] } },
});
