/**
 * The manifest, editor data and JSX typings the build writes (run `npm run build` first): complete
 * enough for editors to complete every tag, attribute value, event and custom property.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';

const dist = resolve(import.meta.dirname, '../../dist');
const json = (file) => JSON.parse(readFileSync(resolve(dist, file), 'utf8'));
const manifest = json('custom-elements.json');
const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName);
const tags = elements.map((element) => element.tagName).sort();

describe('custom-elements.json, completed', () => {
  it('types every event with its CustomEvent detail', () => {
    const events = elements.flatMap((element) => (element.events ?? []).map((event) => [element.tagName, event.name, event.type?.text]));
    assert.ok(events.length >= 10);
    assert.deepEqual(events.filter(([, , type]) => !/^CustomEvent<.+>$/.test(type ?? '')), []);
  });

  it('gives every CSS custom property its default', () => {
    const missing = elements.flatMap((element) => (element.cssProperties ?? []).filter((property) => !property.default).map((property) => `${element.tagName} ${property.name}`));
    assert.deepEqual(missing, []);
    const counter = elements.find((element) => element.tagName === 'onair-viewer-counter');
    assert.equal(counter.cssProperties.find((property) => property.name === '--onair-scale').default, '1');
    assert.equal(counter.cssProperties.find((property) => property.name === '--onair-accent').default, '#8b5cf6');
  });

  it('types every attribute, spelling out closed value lists and constant defaults', () => {
    const untyped = elements.flatMap((element) => (element.attributes ?? []).filter((attribute) => !attribute.type?.text).map((attribute) => `${element.tagName} ${attribute.name}`));
    assert.deepEqual(untyped, []);
    const board = elements.find((element) => element.tagName === 'onair-leaderboard');
    const attribute = (name) => board.attributes.find((a) => a.name === name);
    assert.equal(attribute('window').type.text, "'session' | '1d' | '7d' | '30d' | 'all' | undefined");
    assert.equal(attribute('notation').type.text, "'standard' | 'compact' | undefined");
    assert.equal(attribute('storage-key').default, "'onair-leaderboard'");
  });
});

describe('editor data', () => {
  it('VS Code custom data lists every tag with its attributes and their values', () => {
    const data = json('vscode.html-custom-data.json');
    assert.equal(data.version, 1.1);
    assert.deepEqual(data.tags.map((tag) => tag.name).sort(), tags);
    const board = data.tags.find((tag) => tag.name === 'onair-leaderboard');
    assert.deepEqual(board.attributes.find((a) => a.name === 'window').values.map((v) => v.name), ['session', '1d', '7d', '30d', 'all']);
    assert.equal(data.tags.find((tag) => tag.name === 'onair-status-pill').attributes.find((a) => a.name === 'opaque').valueSet, 'v');
  });

  it('web-types lists every tag with attributes, events, parts and custom properties', () => {
    const data = json('web-types.json');
    const { version } = JSON.parse(readFileSync(resolve(dist, '../package.json'), 'utf8'));
    assert.equal(data.name, 'onair');
    assert.equal(data.version, version);
    const html = data.contributions.html.elements;
    assert.deepEqual(html.map((element) => element.name).sort(), tags);
    const menu = html.find((element) => element.name === 'onair-tip-menu');
    assert.ok(menu.js.events.some((event) => event.name === 'onair-tip-success' && event.type === 'CustomEvent<TipSuccessDetail>'));
    assert.ok(menu.css.parts.some((part) => part.name === 'result'));
    assert.ok(menu.css.properties.some((property) => property.name === '--onair-tip-menu-gap' && /Default: `0.5em`/.test(property.description)));
  });

  it('JSX typings cover every tag', () => {
    const jsx = readFileSync(resolve(dist, 'types/jsx.d.ts'), 'utf8');
    for (const tag of tags) assert.ok(jsx.includes(`"${tag}":`), tag);
  });
});
