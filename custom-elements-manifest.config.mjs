/**
 * `cem analyze` (run by scripts/build.mjs) reads this: every component module, Lit-aware, so
 * decorators become attributes and properties, the class JSDoc (`@summary @fires @slot @csspart
 * @cssprop`) becomes events, slots, parts and CSS properties, and members inherited from
 * `OnAirElement` are listed on each widget.
 */
export default {
  globs: ['components/**/*.ts'],
  exclude: ['**/*.test.ts', 'components/index.ts', 'components/api.ts', 'components/onair.ts', 'components/shared/lazy.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json already points `customElements` at dist/custom-elements.json; don't rewrite it.
  packagejson: false,
};
