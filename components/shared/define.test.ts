import { expect } from '@open-wc/testing';
import { customElement, defineOnce } from './define.js';

describe('defineOnce', () => {
  it('keeps the first definition when a second copy registers the same name', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    defineOnce('test-define-once', First);
    expect(() => defineOnce('test-define-once', Second)).not.to.throw();
    expect(customElements.get('test-define-once')).to.equal(First);
  });

  it('registers through the decorator, which a re-evaluated module may apply again', () => {
    class First extends HTMLElement {}
    class Again extends HTMLElement {}
    customElement('test-define-decorator')(First);
    expect(() => customElement('test-define-decorator')(Again)).not.to.throw();
    expect(customElements.get('test-define-decorator')).to.equal(First);
  });
});
