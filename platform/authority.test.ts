import { expect } from '@open-wc/testing';
import { roomAuthority } from './authority.js';
import type { PlatformName, Role } from './model.js';

describe('roomAuthority', () => {
  it('makes the broadcaster\u2019s page decide on extension hosts, and the page itself where there are no viewers\u2019 frames', () => {
    const decides = (name: PlatformName, role: Role) => roomAuthority(name, { role }).decides;
    for (const name of ['twitch', 'stripchat', 'demo'] as const) {
      expect([decides(name, 'broadcaster'), decides(name, 'moderator'), decides(name, 'viewer'), decides(name, 'guest')], name).to.deep.equal([true, false, false, false]);
    }
    for (const name of ['streamerbot', 'streamnook', 'no-host'] as const) expect(decides(name, 'viewer'), name).to.equal(true);
    expect(roomAuthority('twitch', undefined).decides).to.equal(false);
  });

  it('trusts the room only where viewers cannot send to it, and spin requests from the room only where the adapter vouches for them (Streamer.bot, Twitch\u2019s backend)', () => {
    expect(roomAuthority('stripchat', { role: 'viewer' }).trustedRoom).to.equal(false);
    expect(roomAuthority('twitch', { role: 'viewer' }).trustedRoom).to.equal(true);
    const requests = (['twitch', 'stripchat', 'demo', 'streamerbot', 'streamnook', 'no-host'] as const).filter((name) => roomAuthority(name, { role: 'broadcaster' }).requestsFromRoom);
    expect(requests).to.deep.equal(['twitch', 'streamerbot']);
    expect(roomAuthority('demo', { role: 'broadcaster' }).keepsChain).to.equal(false);
  });

  it('names payments by the host\u2019s id where every page sees it, and by their content on Stripchat, whose tips carry no id', () => {
    const byContent = (['twitch', 'stripchat', 'demo', 'streamerbot', 'streamnook', 'no-host'] as const).filter((name) => roomAuthority(name, { role: 'viewer' }).paymentIds === 'content');
    expect(byContent).to.deep.equal(['stripchat']);
  });
});
