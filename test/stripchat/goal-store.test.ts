/**
 * `<onair-goal-bar>` on Stripchat with a `goal-key`: the model's background page adds each tip to
 * the extension's `int` counter, and every bar, reloaded or opened later, shows that total.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { firstValueFrom, filter } from 'rxjs';
import { html } from 'lit';
import '../../components/goal-bar/goal-bar.js';
import type { GoalReachedDetail, OnAirGoalBarElement } from '../../components/goal-bar/goal-bar.js';
import { StripchatPlatform } from '../../platform/stripchat/stripchat-platform.js';
import type { StripchatOptions } from '../../platform/stripchat/config.js';
import { FakeExt } from '../fakes/stripchat-ext.js';
import { MODEL_USER, VIEWER_USER, tipData } from '../fakes/stripchat-room.js';
import { mountWith } from '../helpers.js';

const amountText = (el: OnAirGoalBarElement) => el.shadowRoot!.querySelector('[part~="amount"]')?.textContent?.trim();

async function connected(ext: FakeExt, options: StripchatOptions): Promise<StripchatPlatform> {
  const platform = new StripchatPlatform({ ext, ...options });
  await firstValueFrom(platform.status$.pipe(filter((status) => status.state === 'connected')));
  return platform;
}

describe('<onair-goal-bar> on Stripchat\u2019s goal store', () => {
  const opened: { dispose(): void }[] = [];
  let key: string;

  beforeEach(() => {
    key = `onair-test-goal-store-${Date.now()}`;
  });

  afterEach(() => {
    for (const platform of opened.splice(0)) platform.dispose();
    localStorage.removeItem(key);
  });

  it('shows the stored total after a reload, counted by the model\u2019s page while the bar was closed', async () => {
    const modelExt = new FakeExt(MODEL_USER);
    const model = await connected(modelExt, { goalKey: 'goal', recordTips: true });
    opened.push(model);
    const tip = (amount: number, transactionId: string, exts: FakeExt[]) => {
      for (const ext of exts) ext.emit('v1.tokens.spent', { tipData: tipData({ amount, transactionId }) });
    };
    tip(60, 't1', [modelExt]);
    tip(25, 't2', [modelExt]);
    await waitUntil(() => modelExt.state.ints.get('goal') === 85, 'the model page recorded both tips');

    const open = async () => {
      const ext = new FakeExt(VIEWER_USER, modelExt.state);
      const platform = new StripchatPlatform({ ext, goalKey: 'goal' });
      opened.push(platform);
      const reached: GoalReachedDetail[] = [];
      const onReached = (event: CustomEvent<GoalReachedDetail>) => reached.push(event.detail);
      const bar = html`<onair-goal-bar locale="en-US" goal="100" storage-key=${key} @onair-goal-reached=${onReached}></onair-goal-bar>`;
      const { el, provider } = await mountWith<OnAirGoalBarElement>(platform, bar, 'onair-goal-bar');
      return { ext, platform, el, provider, reached };
    };

    const first = await open();
    await waitUntil(() => first.el.total === 85, 'the stored total, though this bar saw none of those tips');
    await first.el.updateComplete;
    expect(amountText(first.el)).to.equal('85 tokens / 100 tokens');
    expect(first.reached).to.deep.equal([]);

    tip(30, 't3', [modelExt, first.ext]);
    await waitUntil(() => first.el.total === 115, 'the total re-read after the tip', { timeout: 4000 });
    expect(first.reached.map((detail) => [detail.target, detail.total, detail.final])).to.deep.equal([[100, 115, true]]);

    // Reload: the bar and its platform go away; the model's page records a tip meanwhile.
    first.provider.remove();
    first.platform.dispose();
    tip(40, 't4', [modelExt]);
    await waitUntil(() => modelExt.state.ints.get('goal') === 155, 'recorded while the bar was closed');

    const second = await open();
    await waitUntil(() => second.el.total === 155, 'the stored total, not the 30 this bar counted itself');
    await second.el.updateComplete;
    expect(amountText(second.el)).to.equal('155 tokens / 100 tokens');
    expect(second.reached, 'loading a reached total is no new crossing').to.deep.equal([]);
    second.provider.remove();
  });

  it('resets the store with the bar, and a goal since a date keeps counting on its own', async () => {
    const modelExt = new FakeExt(MODEL_USER);
    modelExt.state.ints.set('goal', 500);
    const model = await connected(modelExt, { goalKey: 'goal', recordTips: true });
    opened.push(model);
    const { el, provider } = await mountWith<OnAirGoalBarElement>(
      model,
      html`<onair-goal-bar locale="en-US" goal="1000" storage-key=${key}></onair-goal-bar>
        <onair-goal-bar locale="en-US" goal="1000" since="2026-01-01T00:00:00Z" storage-key=${`${key}-since`}></onair-goal-bar>`,
      'onair-goal-bar',
    );
    const dated = provider.querySelectorAll<OnAirGoalBarElement>('onair-goal-bar')[1];
    await waitUntil(() => el.total === 500, 'the stored total');
    expect(dated.total).to.equal(0);

    el.reset();
    await waitUntil(() => el.total === 0, 'the store read again after the reset', { timeout: 4000 });
    expect(modelExt.callsOf('v1.storage.int.reset')).to.deep.equal([{ key: 'goal' }]);

    modelExt.emit('v1.tokens.spent', { tipData: tipData({ amount: 70, transactionId: 'r1' }) });
    await waitUntil(() => el.total === 70 && dated.total === 70, 'both count the new tip', { timeout: 4000 });
    provider.remove();
    localStorage.removeItem(`${key}-since`);
  });
});
