/**
 * Opt-in chat announcements on Stripchat: off by default; tips this frame shows and results of this
 * page's wheels, once each, in the chosen voice, with viewer text unable to add chat markup.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { FakeExt } from '../fakes/stripchat-ext.js';
import { MODEL_USER, VIEWER_USER, tipData } from '../fakes/stripchat-room.js';
import { StripchatPlatform, stripchatOptions, type StripchatOptions } from '../../platform/stripchat/stripchat-platform.js';

const created: StripchatPlatform[] = [];

async function connected(ext: FakeExt, options: StripchatOptions = {}): Promise<StripchatPlatform> {
  const platform = new StripchatPlatform({ ext, ...options });
  created.push(platform);
  let state = '';
  platform.status$.subscribe((status) => (state = status.state));
  await waitUntil(() => state === 'connected', 'connected');
  return platform;
}

function spinEnd(spinId: string, label: string): void {
  const wheel = document.createElement('div');
  document.body.append(wheel);
  wheel.dispatchEvent(new CustomEvent('onair-spin-end', { detail: { index: 0, item: { label }, spinId, remote: false, removed: false }, bubbles: true, composed: true }));
  wheel.remove();
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

afterEach(() => created.splice(0).forEach((platform) => platform.dispose()));

describe('Stripchat chat announcements', () => {
  it('announces nothing unless asked to', async () => {
    const ext = new FakeExt(MODEL_USER);
    await connected(ext);
    ext.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 't1' }) });
    spinEnd('s1', 'Dance');
    await settle();
    expect(ext.callsOf('v1.chatbot.message.send')).to.deep.equal([]);
    expect(ext.callsOf('v1.chat.message.send')).to.deep.equal([]);
  });

  it('announces each shown tip once as the bot, with the viewer name stripped of markup', async () => {
    const ext = new FakeExt(MODEL_USER);
    await connected(ext, stripchatOptions({ announce: 'tips' }));
    ext.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 't1', amount: 25 }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 't1', amount: 25, isOriginalSource: false }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 't2', amount: 5, user: { ...VIEWER_USER, id: 8, username: '{#accent}{username}' } }) });
    spinEnd('s1', 'Dance');
    await waitUntil(() => ext.callsOf('v1.chatbot.message.send').length === 2, 'two announcements');
    await settle();
    expect(ext.callsOf('v1.chatbot.message.send')).to.deep.equal([
      { from: 'bot', message: 'rex tipped {#accent}25 tk{/accent}' },
      { from: 'bot', message: '#accentusername tipped {#accent}5 tk{/accent}' },
    ]);
  });

  it("announces this page's wheel results once, as a system line when asked", async () => {
    const ext = new FakeExt(VIEWER_USER);
    await connected(ext, stripchatOptions({ announce: 'spins', 'announce-as': 'chat', 'announce-spin-text': 'Wheel: {label}!' }));
    spinEnd('s1', 'Dance');
    spinEnd('s1', 'Dance');
    spinEnd('s2', 'Kiss {x}');
    ext.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 't1' }) });
    await waitUntil(() => ext.callsOf('v1.chat.message.send').length === 2, 'two announcements');
    await settle();
    expect(ext.callsOf('v1.chat.message.send')).to.deep.equal([
      { message: 'Wheel: Dance!', isAnonymous: true, user: null },
      { message: 'Wheel: Kiss x!', isAnonymous: true, user: null },
    ]);
    expect(ext.callsOf('v1.chatbot.message.send')).to.deep.equal([]);
  });

  it('stops announcing when the page goes away', async () => {
    const ext = new FakeExt(VIEWER_USER);
    const platform = await connected(ext, stripchatOptions({ announce: 'spins tips' }));
    platform.dispose();
    spinEnd('s1', 'Dance');
    await settle();
    expect(ext.callsOf('v1.chatbot.message.send')).to.deep.equal([]);
  });
});
