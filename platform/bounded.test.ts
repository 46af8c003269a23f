import { expect } from '@open-wc/testing';
import { remember } from './bounded.js';

describe('remember', () => {
  it('keeps a set to its bound by dropping the oldest keys first', () => {
    const seen = new Set<string>();
    for (const id of ['a', 'b', 'c', 'd']) remember(seen, id, undefined, 3);
    expect([...seen]).to.deep.equal(['b', 'c', 'd']);
    remember(seen, 'c', undefined, 3);
    expect([...seen]).to.deep.equal(['b', 'c', 'd']);
  });

  it('keeps a map to its bound and updates values in place', () => {
    const names = new Map<string, string>();
    remember(names, '1', 'Ada', 2);
    remember(names, '2', 'Bo', 2);
    remember(names, '1', 'Ada L.', 2);
    remember(names, '3', 'Cy', 2);
    expect([...names]).to.deep.equal([
      ['2', 'Bo'],
      ['3', 'Cy'],
    ]);
  });
});
