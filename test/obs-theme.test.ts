import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { emulateMedia } from '@web/test-runner-commands';
import '../components/viewer-counter/viewer-counter.js';
import { defaultContext } from '../platform/base.js';
import { mountWith, quietDemo } from './helpers.js';

/** With no `theme` anywhere, an OBS browser source (which reports light) gets the readable dark theme. */
describe('default theme', () => {
  afterEach(async () => {
    delete (window as { obsstudio?: unknown }).obsstudio;
    await emulateMedia({ colorScheme: 'no-preference' });
  });

  async function themeOfCounter(): Promise<string | undefined> {
    const platform = quietDemo();
    const { el } = await mountWith<HTMLElement>(platform, html`<onair-viewer-counter></onair-viewer-counter>`, 'onair-viewer-counter');
    const theme = el.dataset.theme;
    platform.dispose();
    return theme;
  }

  it('follows a light colour scheme in a normal page', async () => {
    await emulateMedia({ colorScheme: 'light' });
    expect(defaultContext().theme).to.equal('light');
    expect(await themeOfCounter()).to.equal('light');
  });

  it('is dark in OBS even though OBS reports a light colour scheme', async () => {
    await emulateMedia({ colorScheme: 'light' });
    (window as { obsstudio?: unknown }).obsstudio = { pluginVersion: '2.24.0' };
    expect(defaultContext().theme).to.equal('dark');
    expect(await themeOfCounter()).to.equal('dark');
  });

  it('still takes a theme given on the widget in OBS', async () => {
    (window as { obsstudio?: unknown }).obsstudio = {};
    const platform = quietDemo();
    const { el } = await mountWith<HTMLElement>(platform, html`<onair-viewer-counter theme="light"></onair-viewer-counter>`, 'onair-viewer-counter');
    expect(el.dataset.theme).to.equal('light');
    platform.dispose();
  });
});
