import { expect } from '@open-wc/testing';
import { Requests, type Answer } from './request.js';

const never = () => new Promise<never>(() => undefined);

describe('Requests', () => {
  it('answers with the value, or the error of a throw or rejection, never rejecting', async () => {
    const requests = new Requests(1000);
    expect(await requests.run('a', () => 42)).to.deep.equal({ ok: true, value: 42 });
    expect(await requests.run('b', () => Promise.resolve('x'))).to.deep.equal({ ok: true, value: 'x' });
    expect(await requests.run('c', () => Promise.reject(new Error('nope')))).to.deep.equal({ ok: false, error: 'nope' });
    expect(await requests.run('d', () => { throw new Error('thrown'); })).to.deep.equal({ ok: false, error: 'thrown' });
    requests.dispose();
  });

  it('times out a request that never answers', async () => {
    const requests = new Requests(10);
    const answer = await requests.run('v1.ext.context.get', never);
    expect(answer).to.deep.include({ ok: false, timedOut: true });
    expect(answer.ok === false && answer.error).to.contain('v1.ext.context.get timed out');
    requests.dispose();
  });

  it('ends waiting requests on dispose and refuses new ones', async () => {
    const requests = new Requests(10_000);
    const waiting = requests.run('slow', never);
    requests.dispose();
    expect(await waiting).to.deep.equal({ ok: false, error: 'disposed' });
    expect(await requests.run('late', () => 1)).to.deep.equal({ ok: false, error: 'disposed' });
  });

  it('latest(): a newer request drops the older answer, and cancel() drops the one running', async () => {
    const requests = new Requests(10_000);
    const resolvers: Array<(value: number) => void> = [];
    const seen: Answer<number>[] = [];
    const lane = requests.latest('viewers', () => new Promise<number>((resolve) => resolvers.push(resolve)), (answer) => seen.push(answer));
    lane.next();
    lane.next();
    resolvers[0](1);
    resolvers[1](2);
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).to.deep.equal([{ ok: true, value: 2 }]);
    lane.next();
    lane.cancel();
    resolvers[2](3);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).to.have.length(1);
    requests.dispose();
    lane.next();
    expect(resolvers).to.have.length(3);
  });
});
