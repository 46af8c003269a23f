/**
 * Registers a custom element unless its name is already taken. Two copies of onair on one page (the
 * full bundle beside a per-widget entry, or a host that evaluates the module again on each enable)
 * must coexist: the first definition wins and later ones are no-ops instead of a `NotSupportedError`.
 */
export function defineOnce(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}

/**
 * Class decorator twin of Lit's `@customElement`, keeping its name so the manifest analyzer still
 * reads the tag name, but registering through {@link defineOnce}.
 */
export function customElement(name: string) {
  return (constructor: CustomElementConstructor, _context?: ClassDecoratorContext): void => {
    defineOnce(name, constructor);
  };
}
