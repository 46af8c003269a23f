import { expect } from '@open-wc/testing';
import { detectPlatform, detectPlatformWhenReady } from './detect.js';

describe('detectPlatform', () => {
  const twitchPage = { Twitch: { ext: {} } };

  it('prefers the provider attribute over everything else', () => {
    expect(detectPlatform({ attribute: 'demo', search: '?platform=twitch&origin=https://stripchat.com', win: twitchPage })).to.equal('demo');
  });

  it('treats auto and unknown attributes as "detect"', () => {
    expect(detectPlatform({ attribute: 'auto', search: '?platform=streamerbot' })).to.equal('streamerbot');
    expect(detectPlatform({ attribute: 'bogus', search: '?platform=streamnook' })).to.equal('streamnook');
  });

  it('uses ?platform= before what the page holds', () => {
    expect(detectPlatform({ search: '?platform=demo', win: twitchPage })).to.equal('demo');
  });

  it('detects each host from the page', () => {
    expect(detectPlatform({ win: twitchPage })).to.equal('twitch');
    expect(detectPlatform({ search: '?origin=https%3A%2F%2Fstripchat.com&theme=dark' })).to.equal('stripchat');
    expect(detectPlatform({ win: { onairStreamNook: {} } })).to.equal('streamnook');
    expect(detectPlatform({ win: { obsstudio: { pluginVersion: '2.0' } } })).to.equal('streamerbot');
  });

  it("detects a Twitch extension frame from Twitch's query parameters before its helper has run", () => {
    expect(detectPlatform({ search: '?anchor=panel&language=en&locale=en-US&mode=viewer&platform=web&state=released' })).to.equal('twitch');
    expect(detectPlatform({ search: '?mode=viewer' })).to.equal('no-host');
  });

  it('falls back to no-host, never to the demo', () => {
    expect(detectPlatform({})).to.equal('no-host');
    expect(detectPlatform({ search: '?platform=', win: { Twitch: {} } })).to.equal('no-host');
  });

  it('waits briefly for a Twitch helper script that has not run yet', async () => {
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.setAttribute('src', 'https://extension-files.twitch.tv/helper/v1/twitch-ext.min.js');
    document.head.append(script);
    const win: { Twitch?: { ext: object } } = {};
    setTimeout(() => (win.Twitch = { ext: {} }), 120);
    try {
      expect(await detectPlatformWhenReady({ win }, 1000)).to.equal('twitch');
    } finally {
      script.remove();
    }
  });

  it('does not wait when no Twitch helper script is on the page', async () => {
    expect(await detectPlatformWhenReady({ win: {} }, 60_000)).to.equal('no-host');
  });
});
