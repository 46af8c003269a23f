import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { optionAttributes } from '../platform/schemas.js';

/**
 * dist/custom-elements.json against the elements dist/onair.js defines (run `npm run build` first):
 * what the manifest promises to editors and docs must be true of the real elements.
 */

interface Documented {
  name: string;
  description?: string;
  type?: { text: string };
}
interface Attribute extends Documented {
  fieldName?: string;
}
interface Member extends Documented {
  kind: 'field' | 'method';
  privacy?: 'public' | 'protected' | 'private';
  static?: boolean;
}
interface Declaration extends Documented {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  superclass?: { name: string };
  attributes?: Attribute[];
  members?: Member[];
  events?: Documented[];
  slots?: Documented[];
  cssParts?: Documented[];
  cssProperties?: Documented[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const REQUIRED_TAGS = ['onair-platform', 'onair-viewer-counter', 'onair-tip-menu', 'onair-wheel-spinner', 'onair-status-pill', 'onair-leaderboard', 'onair-alert-box', 'onair-goal-bar', 'onair-event-list', 'onair-tip-timer'];
const BUNDLE = '/dist/onair.js';

const response = await fetch('/dist/custom-elements.json');
if (!response.ok) throw new Error('dist/custom-elements.json is missing: run `npm run build` first');
const manifest = (await response.json()) as Manifest;
const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
const modulePath = (declaration: Declaration) => manifest.modules.find((module) => module.declarations?.includes(declaration))?.path;

/** `'onair-x': CustomEvent<Detail>` entries of the `OnAirEventMap` declared in `source`, as `name → type`. */
function eventMap(source: string): Record<string, string> {
  const block = /interface OnAirEventMap\s*\{([\s\S]*?)\n\s*\}/.exec(source)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/'([\w-]+)'\s*:\s*([^;]+);/g)].map((match) => [match[1], match[2].trim()]));
}
const elements = declarations.filter((d): d is Declaration & { tagName: string } => Boolean(d.customElement && d.tagName));
const base = declarations.find((d) => d.name === 'OnAirElement');

/** True when `declaration` extends OnAirElement, directly or through other classes in the manifest. */
function extendsBase(declaration: Declaration): boolean {
  const parent = declarations.find((d) => d.name === declaration.superclass?.name);
  return declaration.superclass?.name === 'OnAirElement' || (parent !== undefined && parent !== declaration && extendsBase(parent));
}

const isPublic = (member: Member) => !member.static && (member.privacy ?? 'public') === 'public';
const names = (items: Documented[] = []) => items.map((item) => item.name);

describe('custom-elements.json', () => {
  before(async () => {
    const bundle = (await import(/* @vite-ignore */ BUNDLE)) as { loadAllWidgets(): Promise<void> };
    // The wheel and the leaderboard are defined on first use; load them as a page that keeps its
    // widgets in shadow roots would.
    await bundle.loadAllWidgets();
  });

  it('lists the provider and every widget', () => {
    const listed = elements.map((d) => d.tagName);
    expect(REQUIRED_TAGS.filter((tag) => !listed.includes(tag)), 'tags missing from the manifest').to.deep.equal([]);
  });

  it('documents every adapter option attribute on <onair-platform>, from the option schemas', () => {
    const provider = elements.find((d) => d.tagName === 'onair-platform');
    const listed = (provider?.attributes ?? []).filter((attribute) => attribute.name !== 'platform');
    expect(names(listed).sort()).to.deep.equal(optionAttributes());
    expect(listed.filter((attribute) => !attribute.description?.trim()).map((attribute) => attribute.name)).to.deep.equal([]);
  });

  it('has the shared base class, so inherited members can be checked', () => {
    expect(base, 'OnAirElement declaration').to.exist;
    expect(names(base!.attributes)).to.include.members(['locale', 'theme', 'reduced-motion']);
  });

  it('documents every shared token of baseStyles on OnAirElement (and no other)', async () => {
    const styles = await (await fetch('/components/shared/styles.ts')).text();
    const tokens = [...new Set(styles.match(/--onair-[\w-]+/g))].sort();
    expect(names(base!.cssProperties).sort()).to.deep.equal(tokens);
  });

  for (const declaration of elements) {
    const tag = declaration.tagName;

    describe(`<${tag}>`, () => {
      it('is defined by the bundle', () => {
        expect(customElements.get(tag), `${tag} after importing ${BUNDLE}`).to.exist;
      });

      it('has a summary, and every event, slot, part and CSS property is described', () => {
        expect(declaration.summary ?? declaration.description, 'class JSDoc @summary').to.be.a('string').and.not.empty;
        const documented = [...(declaration.events ?? []), ...(declaration.slots ?? []), ...(declaration.cssParts ?? []), ...(declaration.cssProperties ?? [])];
        const undescribed = documented.filter((item) => !item.description?.trim()).map((item) => item.name);
        expect(undescribed, 'JSDoc tags without a description').to.deep.equal([]);
      });

      it('names its events onair-*', () => {
        expect(names(declaration.events).filter((name) => !name.startsWith('onair-'))).to.deep.equal([]);
      });

      it('types each @fires tag as its OnAirEventMap entry, and documents every entry', async () => {
        // The module as written (the dev server hands out compiled JavaScript, without its interfaces).
        const path = modulePath(declaration)!;
        const files = (await executeServerCommand('source-files', { dir: path.slice(0, path.lastIndexOf('/')), ext: '.ts' })) as { path: string; text: string }[];
        const source = files.find((file) => file.path === path)!.text;
        const documented = Object.fromEntries((declaration.events ?? []).map((event) => [event.name, event.type?.text]));
        expect(documented).to.deep.equal(eventMap(source));
      });

      it('observes every listed attribute, or maps it onto its property', () => {
        const ctor = customElements.get(tag) as CustomElementConstructor & { observedAttributes?: string[] };
        const observed = ctor.observedAttributes ?? [];
        const el = document.createElement(tag) as HTMLElement & Record<string, unknown>;
        const ignored = (declaration.attributes ?? []).filter((attribute) => {
          if (observed.includes(attribute.name)) return false;
          if (!attribute.fieldName) return true;
          const before = el[attribute.fieldName];
          el.setAttribute(attribute.name, 'manifest-test');
          return Object.is(before, el[attribute.fieldName]);
        });
        expect(names(ignored), 'attributes the element ignores').to.deep.equal([]);
      });

      it('has every listed public property and method', () => {
        const el = document.createElement(tag);
        const missing = (declaration.members ?? []).filter(isPublic).filter((member) => !(member.name in el));
        expect(names(missing)).to.deep.equal([]);
      });

      if (extendsBase(declaration)) {
        it('lists what it inherits from OnAirElement: attributes, public members, CSS properties', () => {
          expect(names(declaration.attributes)).to.include.members(names(base!.attributes));
          expect(names(declaration.members)).to.include.members(names(base!.members?.filter(isPublic)));
          expect(names(declaration.cssProperties)).to.include.members(names(base!.cssProperties));
        });

        it('exposes at least one part to style with ::part()', () => {
          expect(declaration.cssParts ?? []).not.to.be.empty;
        });
      }
    });
  }
});
