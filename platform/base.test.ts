import { expect } from '@open-wc/testing';
import { firstValueFrom, take, toArray, type Observable } from 'rxjs';
import { BasePlatform, MAX_TIP_IDS } from './base.js';
import type { Capability, PlatformError, RoomMessage, Tip, TipMenuItem, TipResult } from './model.js';
import { select } from './select.js';
import { errorMessage, oneOf, THEMES } from './validate.js';
import { until } from '../test/wait.js';

class TestPlatform extends BasePlatform {
  readonly name = 'demo' as const;
  readonly capabilities: ReadonlySet<Capability> = new Set();
  async requestTip(item: TipMenuItem): Promise<TipResult> {
    return { status: 'cancelled', item };
  }
  push(total: number) {
    this.setViewers({ total });
  }
  fail(message: string) {
    this.report('invalid-payload', message, { huge: 'x'.repeat(10_000) });
  }
  say(message: RoomMessage) {
    this.emitRoom(message);
  }
  tip(id: string): boolean {
    return this.emitTip({ id, user: { name: 'ada' }, amount: 1, currency: 'tokens', at: new Date(0), source: 'test' });
  }
}

describe('BasePlatform streams', () => {
  it('replays the latest value to late subscribers', async () => {
    const platform = new TestPlatform();
    platform.push(1);
    platform.push(2);
    expect(await firstValueFrom(platform.viewers$)).to.deep.equal({ total: 2 });
    platform.dispose();
  });

  it('delivers each tip once, as an event: no replay to a late subscriber, no repeat of a recent id', () => {
    const platform = new TestPlatform();
    const early: string[] = [];
    platform.tips$.subscribe((tip: Tip) => early.push(tip.id));
    expect(platform.tip('a')).to.equal(true);
    const late: string[] = [];
    platform.tips$.subscribe((tip: Tip) => late.push(tip.id));
    expect(late, 'nothing replayed').to.deep.equal([]);
    expect(platform.tip('a')).to.equal(false);
    expect(platform.tip('b')).to.equal(true);
    expect(early).to.deep.equal(['a', 'b']);
    expect(late).to.deep.equal(['b']);
    platform.dispose();
    expect(platform.tip('c')).to.equal(false);
  });

  it('remembers a bounded number of tip ids: memory stays flat, and an id long gone counts again', () => {
    const platform = new TestPlatform();
    const ids: string[] = [];
    platform.tips$.subscribe((tip: Tip) => ids.push(tip.id));
    for (let i = 0; i <= MAX_TIP_IDS; i += 1) platform.tip(`t${i}`);
    expect(platform.tip(`t${MAX_TIP_IDS}`), 'a recent id is a repeat').to.equal(false);
    expect(platform.tip('t0'), 'the oldest id was forgotten').to.equal(true);
    expect(ids).to.have.length(MAX_TIP_IDS + 2);
    platform.dispose();
  });

  it('reports failures on errors$ instead of erroring any stream', async () => {
    const platform = new TestPlatform();
    const seen: unknown[] = [];
    let errored = false;
    platform.viewers$.subscribe({ next: (v) => seen.push(v), error: () => (errored = true) });
    platform.fail('bad frame');
    platform.push(5);
    const error: PlatformError = await firstValueFrom(platform.errors$);
    expect(error.code).to.equal('invalid-payload');
    expect(error.source).to.equal('demo');
    expect(String(error.payload).length).to.be.at.most(500);
    expect(errored).to.equal(false);
    expect(seen).to.deep.equal([null, { total: 5 }]);
    platform.dispose();
  });

  it('records when a room message arrived, which a replay to a late subscriber keeps', async () => {
    const platform = new TestPlatform();
    const message: RoomMessage = { type: 'test.ping', payload: 1, sentAt: 1 };
    const before = performance.now();
    platform.say(message);
    const delivered = await firstValueFrom(platform.room$);
    const arrived = delivered.receivedAt!;
    expect(arrived).to.be.within(before, performance.now());
    // The clock moves on, so a time taken again at the replay would differ.
    await until(() => performance.now() > arrived, 'the clock moved on');
    const replayed = await firstValueFrom(platform.room$);
    expect(replayed).to.deep.equal({ ...message, receivedAt: arrived });
    platform.dispose();
  });

  it('completes every stream on dispose and ignores later pushes', () => {
    const platform = new TestPlatform();
    let completed = 0;
    const streams: Observable<unknown>[] = [platform.viewers$, platform.tips$, platform.status$, platform.context$, platform.errors$, platform.room$, platform.tipMenu$];
    for (const stream of streams) {
      stream.subscribe({ complete: () => (completed += 1) });
    }
    platform.dispose();
    platform.push(9);
    platform.fail('after dispose');
    expect(completed).to.equal(7);
  });
});

describe('select', () => {
  it('maps, drops repeats and shares one upstream subscription', async () => {
    const platform = new TestPlatform();
    let projections = 0;
    const total$ = select(platform.viewers$, (v) => {
      projections += 1;
      return v?.total ?? 0;
    });
    const collected = firstValueFrom(total$.pipe(take(3), toArray()));
    const second: number[] = [];
    const sub = total$.subscribe((v) => second.push(v));
    platform.push(1);
    platform.push(1);
    platform.push(2);
    expect(await collected).to.deep.equal([0, 1, 2]);
    expect(second).to.deep.equal([0, 1, 2]);
    expect(projections).to.equal(4);
    sub.unsubscribe();
    platform.dispose();
  });
});

describe('errorMessage', () => {
  it('reads Errors, message objects, strings and anything else, and never throws', () => {
    expect(errorMessage(new Error('boom'))).to.equal('boom');
    expect(errorMessage({ message: 'denied', code: 403 })).to.equal('denied');
    expect(errorMessage('plain')).to.equal('plain');
    expect(errorMessage({ code: 7 })).to.equal('{"code":7}');
    expect(errorMessage('x'.repeat(1000))).to.have.length(200);
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect(errorMessage(hostile)).to.equal('unknown error');
  });
});

describe('oneOf', () => {
  it('accepts only the listed names, exactly', () => {
    expect(oneOf(THEMES, 'light')).to.equal('light');
    expect(oneOf(THEMES, 'Light')).to.equal(undefined);
    expect(oneOf(THEMES, ['dark'])).to.equal(undefined);
    expect(oneOf(THEMES, undefined)).to.equal(undefined);
  });
});
