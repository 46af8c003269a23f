import { expect, waitUntil } from '@open-wc/testing';
import { defineWhenUsed } from './lazy.js';

let seq = 0;
/** A fresh tag and a loader that defines it, counting its calls. */
function lazyTag() {
  const tag = `onair-lazy-test-${++seq}`;
  const loads: string[] = [];
  const load = async () => {
    loads.push(tag);
    customElements.define(tag, class extends HTMLElement {});
  };
  return { tag, loads, load };
}

describe('defineWhenUsed', () => {
  it('loads at once when the document already holds the element', async () => {
    const { tag, loads, load } = lazyTag();
    const el = document.createElement(tag);
    document.body.append(el);
    defineWhenUsed(tag, load);
    expect(loads).to.deep.equal([tag]);
    await customElements.whenDefined(tag);
    expect(el).to.be.instanceOf(customElements.get(tag)!);
    el.remove();
  });

  it('waits until one is added, deep inside added markup too, then loads once', async () => {
    const { tag, loads, load } = lazyTag();
    defineWhenUsed(tag, load);
    const other = document.createElement('div');
    document.body.append(other);
    await new Promise((resolve) => setTimeout(resolve));
    expect(loads).to.deep.equal([]);
    other.innerHTML = `<section><p><${tag}></${tag}></p></section>`;
    await waitUntil(() => loads.length > 0, 'loaded after the element was added');
    other.insertAdjacentHTML('beforeend', `<${tag}></${tag}>`);
    await customElements.whenDefined(tag);
    expect(loads).to.deep.equal([tag]);
    expect(other.querySelector(tag)).to.be.instanceOf(customElements.get(tag)!);
    other.remove();
  });

  it('loads on request for elements it cannot see (inside a shadow root), once', async () => {
    const { tag, loads, load } = lazyTag();
    const start = defineWhenUsed(tag, load);
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = `<${tag}></${tag}>`;
    document.body.append(host);
    await new Promise((resolve) => setTimeout(resolve));
    expect(loads).to.deep.equal([]);
    await Promise.all([start(), start()]);
    expect(loads).to.deep.equal([tag]);
    expect(host.shadowRoot!.querySelector(tag)).to.be.instanceOf(customElements.get(tag)!);
    host.remove();
  });
});
