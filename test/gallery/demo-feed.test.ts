import { expect } from '@open-wc/testing';
import { DemoFeed } from '../../platform/demo/feed.js';

describe('demo feed tip ids', () => {
  it('differ between loads while names and amounts stay seeded', () => {
    const first = new DemoFeed(7, 'tokens');
    const second = new DemoFeed(7, 'tokens');
    const a = Array.from({ length: 5 }, () => first.nextTip());
    const b = Array.from({ length: 5 }, () => second.nextTip());
    expect(b.map((t) => [t.user.name, t.amount])).to.deep.equal(a.map((t) => [t.user.name, t.amount]));
    expect(b.map((t) => t.id).filter((id) => a.some((tip) => tip.id === id))).to.deep.equal([]);
    expect(new Set(a.map((t) => t.id)).size).to.equal(5);
  });
});
