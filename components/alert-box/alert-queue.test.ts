import { expect } from '@open-wc/testing';
import { AlertQueue, DEFAULT_MAX_QUEUE, MAX_QUEUE } from './alert-queue.js';

describe('AlertQueue', () => {
  it('hands alerts out oldest first', () => {
    const queue = new AlertQueue<string>(3);
    expect(queue.push('a')).to.equal(true);
    expect(queue.push('b')).to.equal(true);
    expect(queue.length).to.equal(2);
    expect(queue.shift()).to.deep.equal({ item: 'a', more: 0 });
    expect(queue.shift()).to.deep.equal({ item: 'b', more: 0 });
    expect(queue.shift()).to.equal(undefined);
  });

  it('folds a burst into the last alert once full: the backlog stays at the cap and no item is lost', () => {
    const queue = new AlertQueue<number>(4);
    for (let i = 0; i < 1000; i += 1) queue.push(i);
    expect(queue.length).to.equal(4);
    expect(queue.items).to.equal(1000);
    expect([queue.shift(), queue.shift(), queue.shift()].map((alert) => alert!.more)).to.deep.equal([0, 0, 0]);
    expect(queue.shift()).to.deep.equal({ item: 3, more: 996 });
  });

  it('starts a new alert once there is room again', () => {
    const queue = new AlertQueue<string>(1);
    queue.push('a');
    expect(queue.push('b')).to.equal(false);
    expect(queue.shift()).to.deep.equal({ item: 'a', more: 1 });
    expect(queue.push('c')).to.equal(true);
    expect(queue.shift()).to.deep.equal({ item: 'c', more: 0 });
  });

  it('folds the alerts beyond a smaller cap into the new last one', () => {
    const queue = new AlertQueue<string>(5);
    for (const item of ['a', 'b', 'c', 'd', 'e', 'f']) queue.push(item);
    queue.resize(2);
    expect(queue.length).to.equal(2);
    expect(queue.items).to.equal(6);
    expect(queue.shift()).to.deep.equal({ item: 'a', more: 0 });
    expect(queue.shift()).to.deep.equal({ item: 'b', more: 4 });
  });

  it('keeps the cap within 1 and the maximum, and uses the default for nonsense', () => {
    const one = new AlertQueue<number>(0);
    one.push(1);
    one.push(2);
    expect(one.length).to.equal(1);
    const big = new AlertQueue<number>(1e9);
    for (let i = 0; i < MAX_QUEUE + 10; i += 1) big.push(i);
    expect(big.length).to.equal(MAX_QUEUE);
    const odd = new AlertQueue<number>(Number.NaN);
    for (let i = 0; i < 20; i += 1) odd.push(i);
    expect(odd.length).to.equal(DEFAULT_MAX_QUEUE);
  });

  it('empties on clear', () => {
    const queue = new AlertQueue<number>();
    queue.push(1);
    queue.clear();
    expect(queue.length).to.equal(0);
    expect(queue.items).to.equal(0);
  });
});
